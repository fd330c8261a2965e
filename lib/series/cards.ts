import { magnitude } from "@/lib/format/quantity";
import {
  byDateThenMagnitude,
  byMagnitudeDesc,
  groupClaims,
  metricOrder,
  sameSeries,
  type Claim,
  type SeriesFigure,
} from "./claims";
import { changeForHeadline, type Change } from "./trend";

export interface SparkPoint {
  date: string;
  value: number;
}

/** A sparkline is a short history: the latest comparable figures only. */
export const SPARKLINE_POINTS = 12;

export interface MetricCard<F extends SeriesFigure = SeriesFigure> {
  metric: string;
  /** The figure shown large: never a sum. */
  headline: Claim<F>;
  /** "latest" when dated figures exist, else "highest" of the undated ones. */
  basis: "latest" | "highest";
  /** The other claims for this metric, newest then largest first. */
  others: Claim<F>[];
  figureCount: number;
  sourceCount: number;
  undatedCount: number;
  change: Change | null;
  /** Earlier comparable figures and the headline, oldest first. */
  sparkline: SparkPoint[];
}

/**
 * One card per metric. Figures of one metric are stocks or several sources' accounts of one event, so
 * they are never added: the card shows the latest dated figure, or when none is dated the highest.
 */
export function metricCards<F extends SeriesFigure>(figures: readonly F[]): MetricCard<F>[] {
  const byMetric = new Map<string, F[]>();
  for (const f of figures) {
    const list = byMetric.get(f.metric);
    if (list) list.push(f);
    else byMetric.set(f.metric, [f]);
  }

  return [...byMetric.keys()].sort(metricOrder).flatMap((metric) => {
    const inMetric = byMetric.get(metric) ?? [];
    const claims = groupClaims(inMetric);
    const dated = claims.filter((c) => c.figure.date !== null);
    const basis = dated.length > 0 ? "latest" : "highest";
    const ordered = [...claims].sort((a, b) =>
      basis === "latest" ? byDateThenMagnitude(a.figure, b.figure) : byMagnitudeDesc(a.figure, b.figure),
    );
    const [headline, ...others] = ordered;
    if (!headline) return [];
    const sparkline = dated
      .flatMap((c) => {
        const value = magnitude(c.figure);
        const date = c.figure.date;
        return date && value !== null && sameSeries(c.figure, headline.figure) ? [{ date, value }] : [];
      })
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .slice(-SPARKLINE_POINTS);
    const card: MetricCard<F> = {
      metric,
      headline,
      basis,
      others,
      figureCount: inMetric.length,
      sourceCount: new Set(inMetric.map((f) => f.source.documentId)).size,
      undatedCount: inMetric.filter((f) => f.date === null).length,
      change: changeForHeadline(headline.figure, inMetric),
      sparkline,
    };
    return [card];
  });
}
