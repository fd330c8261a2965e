import type { Metric, Unit } from "@/lib/extract/types";
import { describeQuantity, formatQuantity, vagueWord, type NumberStyle, type Quantity } from "./quantity";

export interface FigureWording extends Quantity {
  metric: Metric | (string & {});
  unit: Unit | (string & {});
}

export const METRIC_LABELS: Record<Metric, string> = {
  killed: "Killed",
  injured: "Injured",
  displaced: "Displaced",
  returned: "Returned",
  refugees: "Refugees",
  population: "Population",
  in_need: "In need",
  missing: "Missing",
  detained: "Detained",
  evacuated: "Evacuated",
  affected: "Affected",
};

const LABELS_BY_NAME: Readonly<Record<string, string>> = METRIC_LABELS;

/** Keyed by any string so a metric read from the database needs no cast; a missing key means "no participle". */
const METRIC_PARTICIPLES: Readonly<Record<string, string>> = {
  killed: "killed",
  injured: "injured",
  displaced: "displaced",
  returned: "returned",
  in_need: "in need",
  missing: "missing",
  detained: "detained",
  evacuated: "evacuated",
  affected: "affected",
};

const SINGULAR_UNITS: Record<string, string> = {
  people: "person",
  civilians: "civilian",
  children: "child",
  women: "woman",
  men: "man",
  families: "family",
  households: "household",
  females: "female",
  males: "male",
  "security forces": "member of the security forces",
  peacekeepers: "peacekeeper",
};

/** How a place attaches to the figure: people are displaced from a place and return to one. */
export function placePhrase(metric: Metric | (string & {}), place: string): string {
  if (metric === "displaced" || metric === "evacuated") return `from ${place}`;
  if (metric === "returned") return `to ${place}`;
  return `in ${place}`;
}

export function metricLabel(metric: Metric | string): string {
  return LABELS_BY_NAME[metric] ?? metric;
}

/** The unit as a noun phrase after the number: "people", "civilian", "of people" after "dozens". */
export function unitNoun(f: FigureWording): string {
  const isOne = f.qualifier === "exact" && f.value === 1;
  const noun = isOne ? (SINGULAR_UNITS[f.unit] ?? f.unit) : f.unit;
  return f.qualifier === "vague" && vagueWord(f.lower, f.upper) ? `of ${noun}` : noun;
}

/** The figure split for display: the number with its qualifier, then what it counts. */
export function figureParts(
  f: FigureWording,
  style: NumberStyle = "compact",
): { quantity: string; rest: string } {
  const participle = METRIC_PARTICIPLES[f.metric];
  const noun = unitNoun(f);
  return {
    quantity: formatQuantity(f, style),
    rest: participle ? `${noun} ${participle}` : `${noun} — ${metricLabel(f.metric).toLowerCase()}`,
  };
}

/**
 * The figure as a short phrase that keeps its qualifier and unit:
 * "186,000+ people displaced", "~3 million civilians — population", "dozens of people killed".
 */
export function figurePhrase(f: FigureWording, style: NumberStyle = "compact"): string {
  const { quantity, rest } = figureParts(f, style);
  return `${quantity} ${rest}`;
}

/** The phrase in words for assistive technology: "at least 186,000 people displaced". */
export function describeFigure(f: FigureWording): string {
  const participle = METRIC_PARTICIPLES[f.metric];
  const counted = `${describeQuantity(f)} ${f.unit}`;
  return participle ? `${counted} ${participle}` : `${counted} (${metricLabel(f.metric).toLowerCase()})`;
}
