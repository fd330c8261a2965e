import type { Qualifier } from "@/lib/extract/types";

/** The numeric part of a figure: enough to say how many, and how sure the source was. */
export interface Quantity {
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** A Qualifier; other text (from an older database) is shown by its bounds. */
  qualifier: Qualifier | (string & {});
}

export type NumberStyle = "compact" | "full";

/** The labelling rules' fixed bounds for vague words (../shared/extraction/README.md §3). */
export const VAGUE_WORDS = [
  { word: "dozens", lower: 24, upper: 99 },
  { word: "hundreds", lower: 200, upper: 999 },
  { word: "thousands", lower: 2_000, upper: 9_999 },
  { word: "tens of thousands", lower: 20_000, upper: 99_999 },
  { word: "hundreds of thousands", lower: 200_000, upper: 999_999 },
  { word: "millions", lower: 2_000_000, upper: 9_999_999 },
] as const;
export type VagueWord = (typeof VAGUE_WORDS)[number]["word"];

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

const SCALES = [
  { size: 1e9, name: "billion" },
  { size: 1e6, name: "million" },
] as const;

/**
 * "186,000", or in compact style "3 million" / "1.25 million".
 * Compact style never rounds: a number that would lose digits is written in full.
 */
export function formatNumber(n: number, style: NumberStyle = "compact"): string {
  if (style === "compact") {
    const scale = SCALES.find(({ size }) => Math.abs(n) >= size);
    if (scale) {
      const hundredths = Math.round((n / scale.size) * 100);
      if ((hundredths * scale.size) / 100 === n) return `${hundredths / 100} ${scale.name}`;
    }
  }
  return grouped.format(n);
}

export function vagueWord(lower: number | null, upper: number | null): VagueWord | null {
  const match = VAGUE_WORDS.find((w) => w.lower === lower && w.upper === upper);
  return match ? match.word : null;
}

/** "25", "186,000+", "~3 million", "up to 50", "dozens", "10,000–15,000". */
export function formatQuantity(q: Quantity, style: NumberStyle = "compact"): string {
  const n = (x: number) => formatNumber(x, style);
  switch (q.qualifier) {
    case "exact":
      return q.value === null ? rangeText(q, n) : n(q.value);
    case "at_least": {
      const v = q.value ?? q.lower;
      return v === null ? rangeText(q, n) : `${n(v)}+`;
    }
    case "at_most": {
      const v = q.value ?? q.upper;
      return v === null ? rangeText(q, n) : `up to ${n(v)}`;
    }
    case "approx":
      return q.value === null ? rangeText(q, n) : `~${n(q.value)}`;
    case "vague":
      return vagueWord(q.lower, q.upper) ?? rangeText(q, n);
    default:
      return q.value === null ? rangeText(q, n) : n(q.value);
  }
}

/** The same quantity in words, for screen readers and tooltips: "at least 186,000", "about 3 million". */
export function describeQuantity(q: Quantity): string {
  const n = (x: number) => formatNumber(x, "full");
  switch (q.qualifier) {
    case "exact":
      return q.value === null ? rangeWords(q, n) : `exactly ${n(q.value)}`;
    case "at_least": {
      const v = q.value ?? q.lower;
      return v === null ? rangeWords(q, n) : `at least ${n(v)}`;
    }
    case "at_most": {
      const v = q.value ?? q.upper;
      return v === null ? rangeWords(q, n) : `up to ${n(v)}`;
    }
    case "approx":
      return q.value === null ? rangeWords(q, n) : `about ${n(q.value)}`;
    case "vague": {
      const word = vagueWord(q.lower, q.upper);
      return word ? `${word} (${rangeWords(q, n)})` : rangeWords(q, n);
    }
    default:
      return q.value === null ? rangeWords(q, n) : n(q.value);
  }
}

function rangeText(q: Quantity, n: (x: number) => string): string {
  if (q.lower !== null && q.upper !== null) {
    return q.lower === q.upper ? n(q.lower) : `${n(q.lower)}–${n(q.upper)}`;
  }
  if (q.lower !== null) return `${n(q.lower)}+`;
  if (q.upper !== null) return `up to ${n(q.upper)}`;
  return "unknown number";
}

function rangeWords(q: Quantity, n: (x: number) => string): string {
  if (q.lower !== null && q.upper !== null) {
    return q.lower === q.upper ? `exactly ${n(q.lower)}` : `between ${n(q.lower)} and ${n(q.upper)}`;
  }
  if (q.lower !== null) return `at least ${n(q.lower)}`;
  if (q.upper !== null) return `up to ${n(q.upper)}`;
  return "an unknown number";
}

/** One number to rank or plot a quantity by, never shown as the figure itself. */
export function magnitude(q: Quantity): number | null {
  return q.value ?? q.lower ?? q.upper;
}
