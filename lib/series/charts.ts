import { figurePhrase, formatQuantity, metricLabel } from "@/lib/format";
import { magnitude } from "@/lib/format/quantity";
import {
  byMagnitudeDesc,
  groupClaims,
  metricOrder,
  placeKey,
  regionLabel,
  type SeriesFigure,
} from "./claims";

/** A bar of the "by place" chart: the highest figure a source gives for one metric in one place. */
export interface PlaceBar {
  key: string;
  metric: string;
  metricLabel: string;
  place: string;
  /** The bar's length; the figure itself is `label`, which keeps its qualifier. */
  value: number;
  label: string;
  phrase: string;
  sourceCount: number;
}

export interface TimePoint {
  key: string;
  date: string;
  metric: string;
  metricLabel: string;
  place: string;
  value: number;
  label: string;
}

const NO_PLACE = "place not stated";

/** Per metric and place, the highest figure stated. Figures are never added up: they overlap. */
export function highestByPlace(figures: readonly SeriesFigure[]): PlaceBar[] {
  const groups = new Map<string, SeriesFigure[]>();
  for (const f of figures) {
    const key = `${f.metric}|${placeKey(f)}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.entries()]
    .flatMap(([key, group]) => {
      const [top] = [...group].sort(byMagnitudeDesc);
      const value = top ? magnitude(top) : null;
      if (!top || value === null) return [];
      const claim = groupClaims(group).find((c) => c.figures.includes(top));
      return [
        {
          key,
          metric: top.metric,
          metricLabel: metricLabel(top.metric),
          place: regionLabel(top) ?? NO_PLACE,
          value,
          label: formatQuantity(top),
          phrase: figurePhrase(top),
          sourceCount: claim?.sourceCount ?? 1,
        },
      ];
    })
    .sort((a, b) => metricOrder(a.metric, b.metric) || b.value - a.value);
}

/** The time chart's points: at most this many, the newest. */
export const MAX_TIME_POINTS = 300;

/**
 * Dated figures as points in time, oldest first; undated ones are counted, not placed. Only the newest
 * `limit` points are kept; `dated` says how many there were.
 */
export function pointsOverTime(
  figures: readonly SeriesFigure[],
  limit = MAX_TIME_POINTS,
): { points: TimePoint[]; undated: number; dated: number } {
  const points = groupClaims(figures).flatMap(({ figure: f }) => {
    const value = magnitude(f);
    if (!f.date || value === null) return [];
    return [
      {
        key: `${f.id}`,
        date: f.date,
        metric: f.metric,
        metricLabel: metricLabel(f.metric),
        place: regionLabel(f) ?? NO_PLACE,
        value,
        label: formatQuantity(f),
      },
    ];
  });
  points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : metricOrder(a.metric, b.metric)));
  return {
    points: points.slice(Math.max(0, points.length - limit)),
    undated: figures.filter((f) => f.date === null).length,
    dated: points.length,
  };
}

/** The place chart draws at most this many places per metric: a bar per town of a large database says nothing. */
export const MAX_PLACES_PER_METRIC = 10;

/** The bars a place chart draws: per metric, the places with the highest figures (bars come sorted). */
export function topPlacesPerMetric(bars: readonly PlaceBar[], limit = MAX_PLACES_PER_METRIC): PlaceBar[] {
  const perMetric = new Map<string, number>();
  return bars.filter((b) => {
    const n = perMetric.get(b.metric) ?? 0;
    perMetric.set(b.metric, n + 1);
    return n < limit;
  });
}

/** One line about all the bars; `drawn` says how many of them the chart shows, when not all. */
export function summarizePlaces(bars: readonly PlaceBar[], drawn = bars.length): string {
  if (bars.length === 0) return "No figures in this view.";
  const places = new Set(bars.map((b) => b.place)).size;
  const top = [...bars].sort((a, b) => b.value - a.value)[0];
  const largest = top ? ` The largest is ${top.phrase} (${top.place}).` : "";
  const shown =
    drawn < bars.length
      ? ` Drawn: the ${MAX_PLACES_PER_METRIC} places with the highest figures for each metric (${drawn} of ${bars.length} pairs).`
      : "";
  return `Highest figure reported for ${bars.length} metric–place pairs in ${places} ${places === 1 ? "place" : "places"}; figures are not added together.${largest}${shown}`;
}

export function summarizeTime(points: readonly TimePoint[], undated: number, dated = points.length): string {
  const undatedText =
    undated > 0 ? ` ${undated} undated ${undated === 1 ? "figure is" : "figures are"} not plotted.` : "";
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return `No dated figures in this view.${undatedText}`;
  const shown = dated > points.length ? ` (the newest ${points.length} of ${dated} are plotted)` : "";
  return `${dated} dated ${dated === 1 ? "figure" : "figures"}${shown} from ${first.date} to ${last.date}.${undatedText}`;
}
