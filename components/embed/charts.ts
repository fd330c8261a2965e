import { metricColor } from "@/components/charts/palette";
import { formatDate, formatNumber, metricLabel } from "@/lib/format";
import {
  summarizePlaces,
  topPlacesPerMetric,
  summarizeTime,
  type MetricCard,
  type PlaceBar,
  type SeriesFigure,
  type TimePoint,
} from "@/lib/series";

import { clip, esc, GRID, INK, MUTED, svgDocument } from "./svg";

export interface ChartOptions {
  width: number;
  title: string;
  id: string;
}

const ROW = 44;
const PAD = 12;

/** Horizontal bars, label above each bar, so the chart reads the same at 320 and 640 units wide. */
export function placeBarsSvg(allBars: readonly PlaceBar[], { width, title, id }: ChartOptions): string {
  const bars = topPlacesPerMetric(allBars);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const chars = Math.floor((width - 2 * PAD) / 7.2);
  const valueRoom = 92;
  const track = width - 2 * PAD - valueRoom;
  const rows = bars.map((bar, i) => {
    const y = PAD + i * ROW;
    const length = Math.max(2, (bar.value / max) * track);
    const label = clip(`${bar.place} · ${bar.metricLabel}`, chars);
    return (
      `<g><text x="${PAD}" y="${y + 13}" font-size="13" fill="${INK}">${esc(label)}</text>` +
      `<rect x="${PAD}" y="${y + 19}" width="${length.toFixed(1)}" height="16" rx="2" fill="${metricColor(bar.metric)}"/>` +
      `<text x="${(PAD + length + 6).toFixed(1)}" y="${y + 32}" font-size="13" font-weight="bold" fill="${INK}">${esc(bar.label)}</text></g>`
    );
  });
  const empty = bars.length === 0 ? emptyText(width, PAD + 20) : "";
  return svgDocument({
    width,
    height: Math.max(ROW, bars.length * ROW) + 2 * PAD,
    title,
    description: summarizePlaces(allBars, bars.length),
    body: rows.join("") + empty,
    id,
  });
}

function emptyText(width: number, y: number): string {
  return `<text x="${width / 2}" y="${y}" font-size="14" text-anchor="middle" fill="${MUTED}">No figures in this view.</text>`;
}

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

/** Powers of ten from below the smallest value to above the largest: a log axis, as on the dashboard. */
function logTicks(values: readonly number[]): number[] {
  const positive = values.filter((v) => v > 0);
  const low = positive.length > 0 ? Math.floor(Math.log10(Math.min(...positive))) : 0;
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(10, ...positive))));
  return Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i));
}

/**
 * Dated figures on a log scale over time; points of one metric in one place are joined by a line. Each
 * point is a figure a source gave, never a sum.
 */
export function timeSvg(
  points: readonly TimePoint[],
  undated: number,
  { width, title, id }: ChartOptions,
): string {
  const height = Math.round(width * 0.6) + 40;
  const metrics = [...new Set(points.map((p) => p.metric))];
  const legendRows = Math.ceil(metrics.length / Math.max(1, Math.floor(width / 130)));
  const left = 56;
  const right = 16;
  const top = 14;
  const bottom = 40 + legendRows * 20;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const ticks = logTicks(points.map((p) => p.value));
  const lo = Math.log10(ticks[0] ?? 1);
  const hi = Math.log10(ticks[ticks.length - 1] ?? 10);
  const days = points.map((p) => dayNumber(p.date));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const span = last - first || 1;
  const x = (date: string) =>
    points.length <= 1 || last === first
      ? left + plotW / 2
      : left + ((dayNumber(date) - first) / span) * plotW;
  const y = (value: number) =>
    top + plotH - ((Math.log10(Math.max(value, 10 ** lo)) - lo) / (hi - lo)) * plotH;

  const grid = ticks
    .map((t) => {
      const ty = y(t).toFixed(1);
      return (
        `<line x1="${left}" x2="${width - right}" y1="${ty}" y2="${ty}" stroke="${GRID}" stroke-width="1"/>` +
        `<text x="${left - 6}" y="${(Number(ty) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="${MUTED}">${esc(formatNumber(t))}</text>`
      );
    })
    .join("");
  const dateLabels =
    points.length === 0
      ? ""
      : [...new Set([points[0]?.date, points[points.length - 1]?.date])]
          .filter((d): d is string => d !== undefined)
          .map((d, i, all) => {
            const anchor = all.length === 1 ? "middle" : i === 0 ? "start" : "end";
            return `<text x="${x(d).toFixed(1)}" y="${top + plotH + 18}" font-size="11" text-anchor="${anchor}" fill="${MUTED}">${esc(formatDate(d))}</text>`;
          })
          .join("");

  const series = new Map<string, TimePoint[]>();
  for (const p of points)
    series.set(`${p.metric}|${p.place}`, [...(series.get(`${p.metric}|${p.place}`) ?? []), p]);
  const lines = [...series.values()]
    .filter((s) => s.length > 1)
    .map((s) => {
      const path = s
        .map((p, i) => `${i === 0 ? "M" : "L"}${x(p.date).toFixed(1)},${y(p.value).toFixed(1)}`)
        .join("");
      return `<path d="${path}" fill="none" stroke="${metricColor(s[0]?.metric ?? "")}" stroke-width="1.5" stroke-opacity="0.6"/>`;
    })
    .join("");
  const dots = points
    .map(
      (p) =>
        `<circle cx="${x(p.date).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="4.5" fill="${metricColor(p.metric)}">` +
        `<title>${esc(`${p.metricLabel}, ${p.place}: ${p.label} (${formatDate(p.date)})`)}</title></circle>`,
    )
    .join("");
  const perRow = Math.max(1, Math.floor(width / 130));
  const legend = metrics
    .map((m, i) => {
      const lx = left + (i % perRow) * 130;
      const ly = height - bottom + 36 + Math.floor(i / perRow) * 20;
      return (
        `<circle cx="${lx + 5}" cy="${ly - 4}" r="5" fill="${metricColor(m)}"/>` +
        `<text x="${lx + 14}" y="${ly}" font-size="12" fill="${INK}">${esc(metricLabel(m))}</text>`
      );
    })
    .join("");
  const axis = `<line x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="${MUTED}"/>`;
  const body =
    points.length === 0 ? emptyText(width, height / 2) : grid + axis + dateLabels + lines + dots + legend;
  return svgDocument({ width, height, title, description: summarizeTime(points, undated), body, id });
}

/** A metric's card: the headline figure with its qualifier, place, date and sources, and a sparkline. */
export function cardSvg(
  card: MetricCard<SeriesFigure> | null,
  lines: { headline: string; place: string; asOf: string; sources: string; change: string | null },
  { width, title, id }: ChartOptions,
): string {
  const height = 172;
  const spark = card?.sparkline ?? [];
  let sparkline = "";
  if (spark.length > 1) {
    const values = spark.map((p) => p.value);
    const min = Math.min(...values);
    const max = Math.max(...values);
    const sx = (i: number) => PAD + (i / (spark.length - 1)) * (width - 2 * PAD);
    const sy = (v: number) => height - 14 - (max === min ? 10 : ((v - min) / (max - min)) * 22);
    const path = spark
      .map((p, i) => `${i === 0 ? "M" : "L"}${sx(i).toFixed(1)},${sy(p.value).toFixed(1)}`)
      .join("");
    sparkline = `<path d="${path}" fill="none" stroke="${metricColor(card?.metric ?? "")}" stroke-width="2"/>`;
  }
  const chars = Math.floor((width - 2 * PAD) / 7.5);
  const body = card
    ? `<text x="${PAD}" y="24" font-size="14" font-weight="bold" fill="${MUTED}">${esc(clip(metricLabel(card.metric), chars))}</text>` +
      `<text x="${PAD}" y="62" font-size="30" font-weight="bold" fill="${metricColor(card.metric)}">${esc(clip(lines.headline, Math.floor(chars / 2)))}</text>` +
      `<text x="${PAD}" y="86" font-size="13" fill="${INK}">${esc(clip(lines.place, chars))}</text>` +
      `<text x="${PAD}" y="106" font-size="12" fill="${MUTED}">${esc(clip(`${lines.asOf} · ${lines.sources}`, chars + 8))}</text>` +
      (lines.change
        ? `<text x="${PAD}" y="126" font-size="12" fill="${MUTED}">${esc(clip(lines.change, chars + 8))}</text>`
        : "") +
      sparkline
    : emptyText(width, height / 2);
  return svgDocument({
    width,
    height,
    title,
    description: `${title}: ${lines.headline}, ${lines.place}, ${lines.asOf}`,
    body,
    id,
  });
}
