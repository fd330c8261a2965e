import { sentenceFigures, singularFigures, type ItemContext, type SentenceFigure } from "./figures";
import { attachedPeriod, resolvePeriod, isStock } from "./periods";
import {
  choosePlace,
  claimPlaces,
  documentPlace,
  findPlaces,
  resolveUnknown,
  toFigureRegion,
  type Place,
} from "./places";
import { findPlaceMentions, type PlaceMention } from "@/lib/regions";

import { splitSentences, tokenize, type Token } from "./tokens";
import type { ExtractedFigure, InputItem, Metric } from "./types";

export const EXTRACTOR_VERSION = "1.4.0";

const STOCK_METRICS = new Set<Metric>(["population", "in_need"]);

interface Located {
  figure: SentenceFigure;
  start: number;
  end: number;
  sentenceStart: number;
  sentenceEnd: number;
}

/** Finds every count of affected people in one item. Pure and deterministic; never throws. */
export function extract(item: InputItem): ExtractedFigure[] {
  try {
    return extractUnsafe(item);
  } catch {
    return [];
  }
}

function extractUnsafe(item: InputItem): ExtractedFigure[] {
  const text = typeof item.text === "string" ? item.text : "";
  if (
    !/\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozens?|hundreds|thousands|millions|a child|a civilian|a woman|a man)\b/i.test(
      text,
    )
  )
    return [];
  const tokens = tokenize(text);
  const sentences = splitSentences(text);
  const gazetteer = lazyMentions(text);
  const lowerText = text.toLowerCase();
  const refugeeContext = lowerText.includes("refugee") || lowerText.includes("asylum");
  const ctx: ItemContext = {
    refugeeContext,
    evacuationContext: lowerText.includes("evacuat"),
    migrationContext: refugeeContext || lowerText.includes("migra"),
    countryStarts: countryStarts(text, gazetteer),
    previous: null,
  };
  const located: Located[] = [];
  let t = 0;
  for (const s of sentences) {
    while (t < tokens.length && tokens[t]!.start < s.start) t++;
    let e = t;
    while (e < tokens.length && tokens[e]!.start < s.end) e++;
    const sentenceLower = text.slice(s.start, s.end).toLowerCase();
    const found = sentenceFigures(tokens, t, e, sentenceLower, ctx);
    const taken = new Set<number>();
    for (const f of found) for (let k = f.quoteFirst; k <= f.quoteLast; k++) taken.add(k);
    found.push(...singularFigures(tokens, t, e, taken));
    found.sort((a, b) => a.numFirst - b.numFirst);
    for (const f of found) {
      located.push({
        figure: f,
        start: tokenStart(tokens, f.quoteFirst),
        end: tokenEnd(tokens, f.quoteLast),
        sentenceStart: s.start,
        sentenceEnd: s.end,
      });
    }
    if (found.length > 0) ctx.previous = found[found.length - 1]!;
    t = e;
  }
  if (located.length === 0) return [];
  return finish(item, text, located, gazetteer, tokens);
}

/** Where the text names a country, for "fled Ukraine" (only looked up when some verb of flight is there). */
function countryStarts(text: string, gazetteer: () => PlaceMention[]): Set<number> {
  if (!/\b(fled|flee|fleeing|flees|escaped)\s+[A-Z]/.test(text)) return new Set();
  return new Set(
    gazetteer()
      .filter((m) => m.region.level === 0)
      .map((m) => m.start),
  );
}

/** The gazetteer's mentions in a text, looked up once and only when needed. */
function lazyMentions(text: string): () => PlaceMention[] {
  let mentions: PlaceMention[] | undefined;
  return () => {
    if (mentions === undefined) {
      try {
        mentions = findPlaceMentions(text);
      } catch {
        mentions = [];
      }
    }
    return mentions;
  };
}

function tokenStart(tokens: Token[], i: number): number {
  return tokens[i]?.start ?? 0;
}

function tokenEnd(tokens: Token[], i: number): number {
  return tokens[i]?.end ?? 0;
}

function finish(
  item: InputItem,
  text: string,
  located: Located[],
  gazetteer: () => PlaceMention[],
  tokens: readonly Token[],
): ExtractedFigure[] {
  // Places after the last figure's sentence can tie no figure: the gazetteer reads only up to there.
  const lastEnd = located.reduce((end, l) => Math.max(end, l.sentenceEnd), 0);
  const places = findPlaces(
    lastEnd < text.length ? text.slice(0, lastEnd) : text,
    gazetteer().filter((m) => m.end <= lastEnd),
    tokens,
  );
  const titlePlaces = item.title ? findPlaces(item.title) : [];
  resolveUnknown(places, titlePlaces);
  const claimed = claimPlaces(places, located, text);
  const reported = item.published && /^\d{4}-\d{2}-\d{2}$/.test(item.published) ? item.published : null;
  const periods = new Map<number, ReturnType<typeof resolvePeriod>>();
  const stocks = new Map<number, boolean>();
  const out: ExtractedFigure[] = [];
  const seen = new Set<string>();
  located.forEach((l, index) => {
    const f = l.figure;
    const key = `${f.metric}|${f.unit}|${f.value}|${f.lower}|${f.upper}|${f.qualifier}`;
    if (seen.has(key)) return;
    seen.add(key);
    const sentence = text.slice(l.sentenceStart, l.sentenceEnd);
    const fallback = (): Place | null =>
      documentPlace(places, l.sentenceStart, sentence) ?? titlePlaces.find((p) => p.region) ?? null;
    const chosen = choosePlace(
      text,
      places,
      {
        metric: f.metric,
        start: l.start,
        end: l.end,
        sentenceStart: l.sentenceStart,
        sentenceEnd: l.sentenceEnd,
      },
      claimed,
      index,
      fallback,
    );
    if (!periods.has(l.sentenceStart)) periods.set(l.sentenceStart, resolvePeriod(sentence, reported));
    const period =
      attachedPeriod(sentence, reported, l.end - l.sentenceStart) ?? periods.get(l.sentenceStart) ?? null;
    if (!stocks.has(l.sentenceStart)) stocks.set(l.sentenceStart, isStock(sentence));
    out.push({
      document: item.id,
      metric: f.metric,
      value: f.value,
      lower: f.lower,
      upper: f.upper,
      qualifier: f.qualifier,
      unit: f.unit,
      region: chosen ? toFigureRegion(chosen.place, chosen.from) : null,
      period,
      reported,
      kind: STOCK_METRICS.has(f.metric) || stocks.get(l.sentenceStart) ? "stock" : "flow",
      quote: text.slice(l.start, l.end),
      start: l.start,
      end: l.end,
      sentence,
      sentenceStart: l.sentenceStart,
    });
  });
  return out;
}

export type { ExtractedFigure, InputItem } from "./types";
