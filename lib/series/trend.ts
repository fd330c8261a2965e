import type { SeriesFigure } from "./claims";
import { sameSeries } from "./claims";

/** ACLED's change classes; the bounds are in percent. */
export const TREND_CLASSES = [
  "large increase",
  "moderate increase",
  "limited change",
  "large decrease",
] as const;
export type TrendClass = (typeof TREND_CLASSES)[number];

/** Above +25 % large increase; above +10 % up to +25 % moderate; −25 % to +10 % limited; below −25 % large decrease. */
export function trendClass(percent: number): TrendClass {
  if (percent > 25) return "large increase";
  if (percent > 10) return "moderate increase";
  if (percent >= -25) return "limited change";
  return "large decrease";
}

export type Change =
  | { comparable: true; percent: number; trend: TrendClass; previous: SeriesFigure }
  | { comparable: false; reason: string; previous: SeriesFigure };

/** A single number for a figure, or null when it is only a range (a range can't be put against another). */
export function pointValue(f: SeriesFigure): number | null {
  return f.qualifier === "vague" ? null : f.value;
}

/**
 * The change from `previous` to `current`. Figures of another metric, place, unit or stock/flow kind,
 * or given only as a range, are "not comparable".
 */
export function changeBetween(previous: SeriesFigure, current: SeriesFigure): Change {
  if (!sameSeries(previous, current)) {
    const differs = [
      previous.metric !== current.metric && "metric",
      (previous.regionCode ?? previous.placeMention) !== (current.regionCode ?? current.placeMention) &&
        "place",
      previous.unit !== current.unit && "unit",
      previous.kind !== current.kind && "stock/flow",
    ].filter((x): x is string => typeof x === "string");
    return { comparable: false, reason: `different ${differs.join(", ")}`, previous };
  }
  const before = pointValue(previous);
  const after = pointValue(current);
  if (before === null || after === null) {
    return { comparable: false, reason: "given only as a range", previous };
  }
  if (before === 0) return { comparable: false, reason: "the earlier figure is zero", previous };
  const percent = ((after - before) / before) * 100;
  return { comparable: true, percent, trend: trendClass(percent), previous };
}

/**
 * The change of `current` against the latest earlier dated figure of the same metric: measured when that
 * figure is comparable, else the closest earlier comparable one; "not comparable" when none is.
 */
export function changeForHeadline(current: SeriesFigure, figures: readonly SeriesFigure[]): Change | null {
  const currentDate = current.date;
  if (!currentDate) return null;
  const earlier = figures
    .filter((f) => f.metric === current.metric && f.date !== null && f.date < currentDate)
    .sort((a, b) => ((a.date ?? "") < (b.date ?? "") ? 1 : -1));
  const comparable = earlier.find((f) => sameSeries(f, current));
  if (comparable) return changeBetween(comparable, current);
  const [latest] = earlier;
  return latest ? changeBetween(latest, current) : null;
}
