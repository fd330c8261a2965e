import { allRegions, type Region } from "../regions";
import type { ExtractedFigure, InputItem, Kind, Metric, Precision, Qualifier, Unit } from "../extract/types";

/** Every synthetic document names this publisher, so generated rows can never pass for reported ones. */
export const SYNTHETIC_PUBLISHER = "SYNTHETIC — benchmark data";
/** The source file name synthetic loads store with their documents. */
export const SYNTHETIC_SOURCE_FILE = "synthetic";
/** Every synthetic document's text starts with this. */
export const SYNTHETIC_TEXT_PREFIX = "SYNTHETIC BENCHMARK DATA, NOT A REPORT.";

export interface SyntheticOptions {
  /** How many figures to generate in all. */
  figures: number;
  /** The same seed gives the same documents and figures. */
  seed?: number;
  /** Mean figures per document (each document holds 1 to 2 × this − 1). */
  figuresPerDocument?: number;
  /** Reported dates fall between these (YYYY-MM-DD, inclusive). */
  from?: string;
  to?: string;
}

export interface SyntheticRecord {
  item: InputItem;
  figures: ExtractedFigure[];
}

/** mulberry32: small, fast and deterministic for a seed. */
function prng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Weighted<T> = readonly (readonly [T, number])[];

function picker<T>(choices: Weighted<T>): (random: number) => T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  return (random) => {
    let left = random * total;
    for (const [value, weight] of choices) {
      left -= weight;
      if (left < 0) return value;
    }
    return choices[choices.length - 1]![0];
  };
}

const METRIC_CHOICES: Weighted<[Metric, Kind, string]> = [
  [["displaced", "stock", "were displaced"], 24],
  [["killed", "flow", "were killed"], 18],
  [["injured", "flow", "were injured"], 12],
  [["in_need", "stock", "need humanitarian assistance"], 10],
  [["affected", "stock", "were affected"], 9],
  [["refugees", "stock", "have fled as refugees"], 8],
  [["returned", "flow", "returned home"], 6],
  [["evacuated", "flow", "were evacuated"], 4],
  [["missing", "stock", "are missing"], 4],
  [["detained", "stock", "were detained"], 3],
  [["population", "stock", "live"], 2],
];

const UNIT_CHOICES: Weighted<Unit> = [
  ["people", 70],
  ["children", 10],
  ["civilians", 8],
  ["families", 5],
  ["women", 4],
  ["households", 3],
];

const QUALIFIER_CHOICES: Weighted<Qualifier> = [
  ["exact", 50],
  ["at_least", 20],
  ["approx", 15],
  ["vague", 10],
  ["at_most", 5],
];

const QUALIFIER_WORDS: Record<Exclude<Qualifier, "vague">, string> = {
  exact: "",
  at_least: "at least ",
  approx: "about ",
  at_most: "up to ",
};

const DAY_MS = 86_400_000;

/** 1234567 → "1,234,567", several times faster than toLocaleString in a loop of millions. */
function withCommas(value: number): string {
  const digits = String(value);
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return out;
}

/** YYYY-MM-DD of a UTC midnight, each made once: a million figures ask for a few thousand days. */
const isoDates = new Map<number, string>();
function isoDate(time: number): string {
  let date = isoDates.get(time);
  if (date === undefined) {
    date = new Date(time).toISOString().slice(0, 10);
    if (isoDates.size < 100_000) isoDates.set(time, date);
  }
  return date;
}

/** The places figures name: a few countries hold most figures (Zipf), within them every level of the gazetteer. */
function placeChooser(random: () => number): () => Region | null {
  const regions = allRegions();
  const byCountry = new Map<string, Region[]>();
  for (const region of regions) {
    const list = byCountry.get(region.country) ?? [];
    list.push(region);
    byCountry.set(region.country, list);
  }
  // Countries the gazetteer details most are the crisis countries reports cover most: rank them first.
  const size = (country: Region) => byCountry.get(country.code)?.length ?? 0;
  const countries = regions
    .filter((region) => region.level === 0)
    .sort((a, b) => size(b) - size(a) || a.code.localeCompare(b.code));
  const zipf = picker(countries.map((country, rank) => [country, 1 / (rank + 1)] as const));
  return () => {
    if (random() < 0.06) return null;
    const country = zipf(random());
    const inside = byCountry.get(country.code);
    if (!inside || random() < 0.3) return country;
    return inside[Math.floor(random() * inside.length)]!;
  };
}

/**
 * Documents and figures for benchmarks, the same for the same seed: realistic spreads of metrics, units,
 * qualifiers, places (real gazetteer codes), dates and sources, every document labelled as synthetic
 * (SYNTHETIC_PUBLISHER, SYNTHETIC_TEXT_PREFIX). Each figure's quote and sentence are really in its text.
 */
export function* syntheticRecords(options: SyntheticOptions): Generator<SyntheticRecord> {
  const seed = options.seed ?? 1;
  const random = prng(seed);
  const perDocument = options.figuresPerDocument ?? 5;
  const from = Date.parse(`${options.from ?? "2016-01-01"}T00:00:00Z`);
  const to = Date.parse(`${options.to ?? "2026-10-31"}T00:00:00Z`);
  const days = Math.round((to - from) / DAY_MS);
  const metric = picker(METRIC_CHOICES);
  const unit = picker(UNIT_CHOICES);
  const qualifier = picker(QUALIFIER_CHOICES);
  const place = placeChooser(random);

  let made = 0;
  for (let documentNumber = 1; made < options.figures; documentNumber++) {
    const count = Math.min(options.figures - made, 1 + Math.floor(random() * (2 * perDocument - 1)));
    // More recent years hold more reports, as coverage grows.
    const publishedTime = random() < 0.05 ? null : from + Math.floor(Math.sqrt(random()) * days) * DAY_MS;
    const published = publishedTime === null ? null : isoDate(publishedTime);
    const documentPlace = place();
    const id = `synthetic-${seed}-${documentNumber}`;
    let text = `${SYNTHETIC_TEXT_PREFIX} Document ${documentNumber} of seed ${seed}.`;
    const figures: ExtractedFigure[] = [];
    for (let k = 0; k < count; k++) {
      const [figureMetric, kind, verb] = metric(random());
      const figureUnit = unit(random());
      const figureQualifier = qualifier(random());
      const region = random() < 0.7 ? documentPlace : place();
      const exponent = 1 + random() * 5.5;
      const value = figureQualifier === "vague" ? null : Math.max(1, Math.round(10 ** exponent));
      const number =
        figureQualifier === "vague" || value === null
          ? "dozens of"
          : `${QUALIFIER_WORDS[figureQualifier]}${withCommas(value)}`;
      const quote = `${number} ${figureUnit}`;
      const where = region ? ` in ${region.name}` : "";
      const sentence = `${quote.charAt(0).toUpperCase()}${quote.slice(1)} ${verb}${where}.`;
      const sentenceStart = text.length + 1;
      text += ` ${sentence}`;
      const periodDays = random() < 0.4 && published ? 1 + Math.floor(random() * 60) : 0;
      const precision: Precision = periodDays > 27 ? "month" : "day";
      figures.push({
        document: id,
        metric: figureMetric,
        value,
        lower: value ?? 24,
        upper: value === null ? 99 : figureQualifier === "exact" ? value : null,
        qualifier: figureQualifier,
        unit: figureUnit,
        region: region
          ? {
              code: region.code,
              name: region.name,
              mention: region.name,
              country: region.country,
              level: region.level,
              from: region === documentPlace ? "document" : "sentence",
            }
          : null,
        period:
          periodDays > 0 && publishedTime !== null && published
            ? {
                start: isoDate(publishedTime - periodDays * DAY_MS),
                end: published,
                precision,
              }
            : null,
        reported: published,
        kind,
        quote: sentence.slice(0, quote.length),
        start: sentenceStart,
        end: sentenceStart + quote.length,
        sentence,
        sentenceStart,
      });
    }
    made += figures.length;
    yield {
      item: {
        id,
        text,
        title: `Synthetic benchmark document ${documentNumber}`,
        published,
        url: null,
        publisher: SYNTHETIC_PUBLISHER,
      },
      figures,
    };
  }
}
