/** The vocabulary and shapes of an extracted figure. See ../shared/extraction/README.md for the rules. */

export const METRICS = [
  "killed",
  "injured",
  "displaced",
  "returned",
  "refugees",
  "population",
  "in_need",
  "missing",
  "detained",
  "evacuated",
  "affected",
] as const;
export type Metric = (typeof METRICS)[number];

export const QUALIFIERS = ["exact", "at_least", "at_most", "approx", "vague"] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export const UNITS = [
  "people",
  "civilians",
  "children",
  "women",
  "men",
  "elderly",
  "females",
  "males",
  "families",
  "households",
  "security forces",
  "peacekeepers",
] as const;
export type Unit = (typeof UNITS)[number];

export const PRECISIONS = ["day", "week", "month", "quarter", "year"] as const;
export type Precision = (typeof PRECISIONS)[number];

export const KINDS = ["stock", "flow"] as const;
export type Kind = (typeof KINDS)[number];

/** One input item: a report, a paragraph or a line of a file. */
export interface InputItem {
  /** The item's id, or its 1-based position in the input as a string. */
  id: string;
  text: string;
  title?: string | null;
  /** YYYY-MM-DD */
  published?: string | null;
  url?: string | null;
  publisher?: string | null;
}

export interface FigureRegion {
  /**
   * OCHA P-code where one exists, else ISO 3166 (alpha-3 for countries, 3166-2 for admin1). For a place the
   * gazetteer lacks (a village, camp or crossing), the code of the known region the item places it in, or null.
   */
  code: string | null;
  /** The gazetteer's name for the place. */
  name: string;
  /** The place as written in the text. */
  mention: string;
  /** ISO 3166-1 alpha-3 of the country the place is in; null when the place is not in the gazetteer and the item names no region containing it. */
  country: string | null;
  /** 0 country, 1 admin1, 2 admin2, 3 admin3, 4 populated place. */
  level: number;
  /** Whether the place came from the figure's own sentence or from the item as a whole. */
  from: "sentence" | "document";
}

export interface FigurePeriod {
  /** YYYY-MM-DD */
  start: string;
  /** YYYY-MM-DD; null when the period is still open and the item has no date ("since April 2023"). */
  end: string | null;
  precision: Precision;
}

export interface ExtractedFigure {
  document: string;
  metric: Metric;
  /** null only when qualifier is "vague" */
  value: number | null;
  lower: number | null;
  upper: number | null;
  qualifier: Qualifier;
  unit: Unit;
  region: FigureRegion | null;
  period: FigurePeriod | null;
  /** YYYY-MM-DD: the item's published date, when known. */
  reported: string | null;
  kind: Kind;
  /** Exactly text.slice(start, end). */
  quote: string;
  start: number;
  end: number;
  sentence: string;
  /** Offset of the sentence in the item's text. */
  sentenceStart: number;
}
