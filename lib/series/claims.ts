import { METRICS } from "@/lib/extract/types";
import { magnitude } from "@/lib/format/quantity";
import type { Qualifier } from "@/lib/extract/types";

/** What series shaping needs of a figure; the dashboard's FigureRow fits it. */
export interface SeriesFigure {
  id: number;
  metric: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  qualifier: Qualifier | (string & {});
  unit: string;
  kind: string;
  regionCode: string | null;
  regionName: string | null;
  placeMention: string | null;
  /** YYYY-MM-DD or null when undated */
  date: string | null;
  source: { documentId: number };
}

/**
 * One statement of a number, with every source that states it. The same figure told by several
 * sources is one claim, so it is counted once and never added to itself.
 */
export interface Claim<F extends SeriesFigure = SeriesFigure> {
  key: string;
  figure: F;
  figures: F[];
  sourceCount: number;
}

export function placeKey(f: SeriesFigure): string {
  return f.regionCode ?? `text:${(f.placeMention ?? "").toLowerCase()}`;
}

/** The place as the source wrote it, else the gazetteer's name: what a reader can find in the sentence. */
export function placeLabel(f: SeriesFigure): string | null {
  return f.placeMention ?? f.regionName ?? null;
}

/** The gazetteer's name first, so that figures grouped by region share one label. */
export function regionLabel(f: SeriesFigure): string | null {
  return f.regionName ?? f.placeMention ?? null;
}

/** Whether two figures count the same thing in the same place, so that one can be compared with the other. */
export function sameSeries(a: SeriesFigure, b: SeriesFigure): boolean {
  return a.metric === b.metric && placeKey(a) === placeKey(b) && a.unit === b.unit && a.kind === b.kind;
}

function claimKey(f: SeriesFigure): string {
  return [f.metric, placeKey(f), f.unit, f.kind, f.qualifier, f.value, f.lower, f.upper, f.date].join("|");
}

export function groupClaims<F extends SeriesFigure>(figures: readonly F[]): Claim<F>[] {
  const claims = new Map<string, Claim<F>>();
  for (const figure of figures) {
    const key = claimKey(figure);
    const claim = claims.get(key);
    if (claim) claim.figures.push(figure);
    else claims.set(key, { key, figure, figures: [figure], sourceCount: 0 });
  }
  for (const claim of claims.values()) {
    claim.sourceCount = new Set(claim.figures.map((f) => f.source.documentId)).size;
  }
  return [...claims.values()];
}

export function byMagnitudeDesc(a: SeriesFigure, b: SeriesFigure): number {
  return (magnitude(b) ?? -1) - (magnitude(a) ?? -1);
}

/** Dated first, newest first; ties and undated ones by size. */
export function byDateThenMagnitude(a: SeriesFigure, b: SeriesFigure): number {
  if (a.date && b.date && a.date !== b.date) return a.date < b.date ? 1 : -1;
  if (a.date && !b.date) return -1;
  if (!a.date && b.date) return 1;
  return byMagnitudeDesc(a, b);
}

export function metricOrder(a: string, b: string): number {
  const rank = (m: string) => {
    const i = (METRICS as readonly string[]).indexOf(m);
    return i === -1 ? METRICS.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

function competes(figure: SeriesFigure, other: SeriesFigure): boolean {
  return (
    other.id !== figure.id &&
    other.source.documentId !== figure.source.documentId &&
    other.metric === figure.metric &&
    placeKey(other) === placeKey(figure) &&
    other.date === figure.date &&
    (other.value !== figure.value ||
      other.lower !== figure.lower ||
      other.upper !== figure.upper ||
      other.qualifier !== figure.qualifier ||
      other.unit !== figure.unit)
  );
}

/**
 * What other sources in `all` say for a figure's metric, place and date (or both undated) when they give a
 * different number: shown side by side, never merged. `all` is grouped once, for the many figures of a view.
 */
export function competitorsIn<F extends SeriesFigure>(all: readonly F[]): (figure: F) => F[] {
  // Grouped by date, then metric: values the figures hold already, so no key is built for each of them.
  const groups = new Map<string | null, Map<string, F[]>>();
  for (const f of all) {
    let byMetric = groups.get(f.date);
    if (!byMetric) groups.set(f.date, (byMetric = new Map()));
    const group = byMetric.get(f.metric);
    if (group) group.push(f);
    else byMetric.set(f.metric, [f]);
  }
  return (figure) =>
    (groups.get(figure.date)?.get(figure.metric) ?? []).filter((other) => competes(figure, other));
}
