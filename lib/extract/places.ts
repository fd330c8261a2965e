import { findPlaceMentions, getRegion, type Region } from "@/lib/regions";

import type { FigureRegion, Metric } from "./types";

/** A place named in an item: from the gazetteer, or a capitalised name after a locative preposition. */
export interface Place {
  start: number;
  end: number;
  mention: string;
  /** The gazetteer region; for a name the gazetteer lacks, the region known to contain it (or null). */
  region: Region | null;
  /** Whether the gazetteer knows the name itself. */
  known: boolean;
  /** The lowercased word before the mention ("in", "from", "into"). */
  prep: string;
  venue: boolean;
}

const DIRECTIONS =
  /(?:^|[\s(])((?:north|south|east|west|central|northern|southern|eastern|western|north-?east|north-?west|south-?east|south-?west|north-?eastern|north-?western|south-?eastern|south-?western|upper|lower)\s+)$/i;
const LOCATIVE = new Set([
  "in",
  "at",
  "from",
  "to",
  "into",
  "near",
  "around",
  "across",
  "through",
  "via",
  "of",
  "outside",
  "inside",
  "toward",
  "towards",
]);
const NOT_PLACES = new Set(
  (
    "The A An In On At Of To From Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August " +
    "September October November December Christmas Ramadan Eid UN U.N. UNHCR IOM OCHA WFP WHO ICRC UNICEF NGO IS ISIL ISIS HTS SDF NLF IDPs IDP " +
    "President Minister Ministry Government Office Agency Council Committee Coalition Observatory Reuters AFP AP Geneva"
  ).split(" "),
);
const VENUE_CUES =
  /\b(talks?|meeting|conference|summit|briefing|negotiations|reporters|met|journalists|interview|hosted)\b[^.;]{0,30}$/i;
const UNNAMED_PLACE =
  /\bthe (region|country|capital|area|province|city's|country's|coastal areas?|[a-z]+-(rich|held|controlled) province|(?:[a-z]+ )?coastal (?:area|region|city))\b|\bthe country[’']s\b/i;

function wordBefore(text: string, start: number): string {
  const m = /([A-Za-z’'-]+)[^A-Za-z]*$/.exec(text.slice(Math.max(0, start - 40), start));
  return m ? m[1]!.toLowerCase() : "";
}

/** Capitalised names after a locative preposition that the gazetteer does not know: villages, camps, crossings. */
function unknownNames(
  text: string,
  taken: (start: number, end: number) => boolean,
): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re =
    /\b(?:in|at|near|around|to|into|from|through|via|of)\s+(?:the\s+)?(?:(?:city|village|town|camp|district|area|region|province|governorate|sub-district|neighbourhood|neighborhood) of\s+)?((?:(?:al|el|ad|ar|as|an|ash|at|az|ed|ez|de|da|du|la|le|bin|abu|umm|ibn)[-\s]\s?)?[A-Z][\w’'-]*(?:\s+(?:(?:al|el|ad|ar|as|de|da|ez|du|bin|abu)[-\s]\s?)?[A-Z][\w’'-]*){0,3}(?:\s+(?:camp|air strip|airstrip|crossing|city))?)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const name = m[1]!;
    const start = m.index + m[0].length - name.length;
    const end = start + name.length;
    const first = name.split(/[\s-]/)[0]!;
    if (NOT_PLACES.has(first) || NOT_PLACES.has(name)) continue;
    if (/^[A-Z]{2,5}$/.test(name)) continue;
    if (taken(start, end)) continue;
    // A sentence or headline in title case capitalises every word: names there come only from the gazetteer.
    const lineStart = Math.max(text.lastIndexOf(". ", start), 0);
    const around = text.slice(lineStart, Math.min(text.length, end + 60));
    const words = around.match(/\b[A-Za-z]{4,}\b/g) ?? [];
    const capital = words.filter((w) => /^[A-Z]/.test(w)).length;
    if (words.length >= 4 && capital / words.length > 0.6) continue;
    out.push({ start, end });
  }
  return out;
}

/** Every place an item names, gazetteer names first, in text order, joined spans merged ("Idlib and Hama"). */
export function findPlaces(text: string): Place[] {
  let mentions: Array<{ start: number; end: number; region: Region | null; known: boolean }>;
  try {
    mentions = findPlaceMentions(text).map((m) => ({
      start: m.start,
      end: m.end,
      region: m.region,
      known: true,
    }));
  } catch {
    mentions = [];
  }
  const taken = (s: number, e: number): boolean => mentions.some((m) => s < m.end && e > m.start);
  const unknown = unknownNames(text, taken);
  for (const u of unknown) mentions.push({ ...u, region: null, known: false });
  mentions.sort((a, b) => a.start - b.start);
  const places: Place[] = [];
  for (const m of mentions) {
    let start = m.start;
    let end = m.end;
    // "Al Hole", "al- Msheik": the gazetteer may match the name without its article.
    const art = /(?:^|\s)((?:Al|al|El|el|Ar|As|An|Ad)[-\s]\s?)$/.exec(
      text.slice(Math.max(0, start - 5), start),
    );
    if (art && m.known) start -= art[1]!.length;
    const dir = DIRECTIONS.exec(text.slice(Math.max(0, start - 20), start));
    if (dir) start -= dir[1]!.length;
    const camp = /^\s+(camp|air strip|airstrip)\b/.exec(text.slice(end, end + 12));
    if (camp) end += camp[0].length;
    const after = text.slice(end, end + 8);
    if (/^[-‑](based|backed|led|born|affiliated|held|controlled)/.test(after)) continue;
    if (/^['’]s\b/.test(after) === false && /^[A-Za-z]/.test(after)) continue;
    const prep = wordBefore(text, start);
    const venue =
      VENUE_CUES.test(text.slice(Math.max(0, start - 40), start)) ||
      /\b(based in|headquartered in)\s*$/.test(text.slice(Math.max(0, start - 20), start));
    const mention = text.slice(start, end);
    places.push({ start, end, mention, region: m.region, known: m.known, prep, venue });
  }
  return joinLists(text, places);
}

function joinLists(text: string, places: Place[]): Place[] {
  const out: Place[] = [];
  for (const p of places) {
    const last = out[out.length - 1];
    if (last && !last.venue && !p.venue) {
      const between = text.slice(last.end, p.start);
      if (/^(\s*\([^)]{1,12}\))?(\s*,\s*|\s+and\s+|\s*,\s*and\s+)$/.test(between)) {
        const joined: Place = {
          ...last,
          end: p.end,
          mention: text.slice(last.start, p.end),
          region: commonRegion(last.region, p.region),
          known: last.known || p.known,
        };
        out[out.length - 1] = joined;
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

/** The joined span's code: the common parent when both sides share one, else the first side's region. */
function commonRegion(a: Region | null, b: Region | null): Region | null {
  if (!a) return b;
  if (!b) return a;
  if (a.code === b.code) return a;
  if (a.parent !== null && a.parent === b.parent) return getRegion(a.parent) ?? a;
  return a;
}

function specificity(p: Place): number {
  if (!p.known) return 4.5;
  return p.region?.level ?? 0;
}

function roleScore(metric: Metric, prep: string, placeBeforeNumber: boolean): number {
  switch (metric) {
    case "displaced":
    case "evacuated":
      if (prep === "from" || prep === "of" || prep === "fled" || prep === "left") return 3;
      if (prep === "in" || prep === "at" || prep === "near" || prep === "around" || prep === "across")
        return 2;
      return 1;
    case "refugees":
      if (
        prep === "into" ||
        prep === "to" ||
        prep === "in" ||
        prep === "neighboring" ||
        prep === "neighbouring" ||
        prep === "at"
      )
        return 3;
      if (prep === "from") return 0;
      return placeBeforeNumber ? 2 : 1;
    case "returned":
      if (prep === "through" || prep === "via" || prep === "at") return 4;
      if (prep === "into" || prep === "to" || prep === "in") return 3;
      if (prep === "from") return -5;
      return 1;
    default:
      if (
        prep === "in" ||
        prep === "at" ||
        prep === "near" ||
        prep === "around" ||
        prep === "of" ||
        prep === "across" ||
        prep === "on"
      )
        return 2;
      if (prep === "from") return 0;
      return 1;
  }
}

export interface PlaceRequest {
  metric: Metric;
  /** Character span of the figure's quote. */
  start: number;
  end: number;
  sentenceStart: number;
  sentenceEnd: number;
}

/** The place a figure's sentence ties it to, or the item's main place before that sentence. */
export function choosePlace(
  text: string,
  places: Place[],
  figure: PlaceRequest,
  claimedBy: Map<Place, number>,
  figureIndex: number,
  fallback: Place | null,
): { place: Place; from: "sentence" | "document" } | null {
  const inSentence = places.filter(
    (p) => p.start >= figure.sentenceStart && p.end <= figure.sentenceEnd && !p.venue && p.region !== null,
  );
  const own = inSentence.filter((p) => claimedBy.get(p) === figureIndex);
  if (own.length > 0) return { place: own[0]!, from: "sentence" };
  const free = inSentence.filter((p) => !claimedBy.has(p));
  const pool = free.length > 0 ? free : inSentence;
  let best: Place | null = null;
  let bestScore = -Infinity;
  for (const p of pool) {
    const before = p.end <= figure.start;
    const distance = before ? figure.start - p.end : p.start - figure.end;
    const score =
      roleScore(figure.metric, p.prep, before) * 10 + specificity(p) * 3 - Math.min(distance, 300) / 40;
    if (score > bestScore) {
      bestScore = score;
      best = p;
    }
  }
  if (best) return { place: best, from: "sentence" };
  const sentence = text.slice(figure.sentenceStart, figure.sentenceEnd);
  if (UNNAMED_PLACE.test(sentence)) return null;
  if (fallback) return { place: fallback, from: "document" };
  return null;
}

/** Names right after a figure ("nine people in Bulaburin, two in Dalori") belong to that figure. */
export function claimPlaces(
  places: Place[],
  figures: Array<{ end: number; sentenceEnd: number }>,
  text: string,
): Map<Place, number> {
  const claimed = new Map<Place, number>();
  figures.forEach((f, index) => {
    for (const p of places) {
      if (p.start < f.end || p.start > f.sentenceEnd) continue;
      const between = text.slice(f.end, p.start);
      if (
        /^\s*(?:were\s+\w+\s+)?(?:in|at|on)\s+(?:the\s+)?(?:(?:city|village|town|camp|district) of\s+)?$/i.test(
          between,
        )
      ) {
        if (!claimed.has(p)) claimed.set(p, index);
      }
      break;
    }
  });
  return claimed;
}

/** The item's main place for figures whose sentence names none: the most specific place named before them. */
export function documentPlace(places: Place[], before: number, sentence: string): Place | null {
  const earlier = places.filter((p) => p.end <= before && !p.venue && p.region !== null);
  if (earlier.length === 0) return null;
  if (/\bthe camp\b/i.test(sentence)) {
    const camp = [...earlier].reverse().find((p) => /camp$/i.test(p.mention));
    if (camp) return camp;
  }
  let best = earlier[0]!;
  for (const p of earlier)
    if (specificity(p) > specificity(best) && p.prep !== "into" && p.prep !== "to") best = p;
  return best;
}

/** Resolves a name the gazetteer lacks to the region known to contain it: the nearest known place in the item. */
export function resolveUnknown(places: Place[], titlePlaces: Place[]): void {
  const known = places.filter((p) => p.known && p.region);
  for (const p of places) {
    if (p.region) continue;
    let best: Place | null = null;
    for (const k of known) {
      if (!best || Math.abs(k.start - p.start) < Math.abs(best.start - p.start)) best = k;
    }
    p.region = best?.region ?? titlePlaces.find((t) => t.region)?.region ?? null;
  }
}

export function toFigureRegion(place: Place, from: "sentence" | "document"): FigureRegion {
  const r = place.region!;
  return { code: r.code, name: r.name, mention: place.mention, country: r.country, level: r.level, from };
}
