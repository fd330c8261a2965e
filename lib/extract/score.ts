import type { ExtractedFigure, Metric, Qualifier } from "./types";

/** One labelled item of ../shared/extraction (see its README). */
export interface LabelledItem {
  id: string;
  text: string;
  published: string | null;
  figures: LabelledFigure[];
}

export interface LabelledFigure {
  metric: Metric;
  value: number | null;
  lower: number | null;
  upper: number | null;
  qualifier: Qualifier;
  unit: string;
  region: string | null;
  quote: string;
}

export interface Score {
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  qualifierAccuracy: number;
  placeAccuracy: number;
  /** Figures produced on items labelled with none. */
  negativeFigures: number;
  details: string[];
}

/**
 * Place names compare without case, a leading "the", and a trailing descriptor word ("city", "governorate",
 * "camp", "village", "town", "sub-district", "province", "state"), because labels keep such words inconsistently ("Dara'a city"
 * but "Al-Hasakeh"). Curly and straight apostrophes compare equal.
 */
export function normalisePlace(place: string | null | undefined): string | null {
  if (place === null || place === undefined) return null;
  return place
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/^the\s+/, "")
    .replace(
      /\s+(city|town|village|governorate|camp|sub-district|district|province|state|region|air strip|border crossing)$/,
      "",
    )
    .replace(/\s+/g, " ")
    .trim();
}

function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}

function matches(gold: LabelledFigure, goldStart: number, predicted: ExtractedFigure): boolean {
  if (gold.metric !== predicted.metric) return false;
  if (gold.qualifier === "vague" || gold.value === null) {
    if (predicted.value !== null && gold.value === null && predicted.qualifier !== "vague") return false;
    return (
      goldStart >= 0 && overlaps(goldStart, goldStart + gold.quote.length, predicted.start, predicted.end)
    );
  }
  return gold.value === predicted.value;
}

function describe(f: ExtractedFigure): string {
  const n = f.value ?? `${f.lower}-${f.upper}`;
  return `${f.metric} ${n} ${f.qualifier} ${f.unit} @${f.region?.mention ?? "null"} "${f.quote}"`;
}

function describeGold(f: LabelledFigure): string {
  const n = f.value ?? `${f.lower}-${f.upper}`;
  return `${f.metric} ${n} ${f.qualifier} ${f.unit} @${f.region ?? "null"} "${f.quote}"`;
}

/** Precision, recall and F1 (same item, metric and number; a vague figure by overlapping quote). */
export function scoreItems(items: LabelledItem[], run: (item: LabelledItem) => ExtractedFigure[]): Score {
  let gold = 0;
  let predicted = 0;
  let matched = 0;
  let qualifierRight = 0;
  let placeRight = 0;
  let negativeFigures = 0;
  const details: string[] = [];
  for (const item of items) {
    const out = run(item);
    predicted += out.length;
    gold += item.figures.length;
    if (item.figures.length === 0) negativeFigures += out.length;
    const used = new Set<number>();
    for (const g of item.figures) {
      const goldStart = item.text.indexOf(g.quote);
      let pick = -1;
      for (let i = 0; i < out.length; i++) {
        if (used.has(i) || !matches(g, goldStart, out[i]!)) continue;
        if (pick < 0 || (out[i]!.unit === g.unit && out[pick]!.unit !== g.unit)) pick = i;
      }
      if (pick < 0) {
        details.push(`${item.id} MISS  ${describeGold(g)}`);
        continue;
      }
      used.add(pick);
      matched++;
      const p = out[pick]!;
      if (p.qualifier === g.qualifier) qualifierRight++;
      else details.push(`${item.id} QUAL  got ${p.qualifier}, want ${g.qualifier}: ${describeGold(g)}`);
      if (normalisePlace(p.region?.mention) === normalisePlace(g.region)) placeRight++;
      else
        details.push(
          `${item.id} PLACE got ${p.region?.mention ?? "null"} (${p.region?.from ?? "-"}), want ${g.region ?? "null"}: ${describeGold(g)}`,
        );
      if (p.unit !== g.unit)
        details.push(`${item.id} UNIT  got ${p.unit}, want ${g.unit}: ${describeGold(g)}`);
    }
    out.forEach((p, i) => {
      if (!used.has(i)) details.push(`${item.id} FP    ${describe(p)}`);
    });
  }
  const precision = predicted === 0 ? 0 : matched / predicted;
  const recall = gold === 0 ? 0 : matched / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    gold,
    predicted,
    matched,
    precision,
    recall,
    f1,
    qualifierAccuracy: matched === 0 ? 0 : qualifierRight / matched,
    placeAccuracy: matched === 0 ? 0 : placeRight / matched,
    negativeFigures,
    details,
  };
}
