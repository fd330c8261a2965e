import { METRICS, type Metric } from "@/lib/extract/types";
import { filtersToSearchParams, type Filters } from "@/lib/filters";

export const EMBED_CHARTS = ["places", "time"] as const;
export type EmbedChart = (typeof EMBED_CHARTS)[number];

export const CHART_TITLES: Record<EmbedChart, string> = {
  places: "Figures by place",
  time: "Figures over time",
};

export type EmbedWidget = { kind: "card"; metric: Metric } | { kind: "chart"; chart: EmbedChart };

export const EMBED_FORMATS = ["html", "svg", "png"] as const;
export type EmbedFormat = (typeof EMBED_FORMATS)[number];

/** The card widget of a metric named by a string (a FigureRow's metric); null for a metric we don't know. */
export function cardWidget(metric: string): EmbedWidget | null {
  return (METRICS as readonly string[]).includes(metric) ? { kind: "card", metric: metric as Metric } : null;
}

/** The iframe size a snippet starts with; the resizer script then follows the content's height. */
export function defaultSize(widget: EmbedWidget): { width: number; height: number } {
  return widget.kind === "card" ? { width: 420, height: 300 } : { width: 720, height: 560 };
}

export function widgetTitle(widget: EmbedWidget, metricName: (m: Metric) => string): string {
  return widget.kind === "card" ? metricName(widget.metric) : CHART_TITLES[widget.chart];
}

export function widgetPath(widget: EmbedWidget, format: EmbedFormat = "html"): string {
  const name = widget.kind === "card" ? widget.metric : widget.chart;
  return `/embed/${widget.kind}/${name}${format === "html" ? "" : `.${format}`}`;
}

/** The embed's URL for a view: the dashboard's canonical filter query, so the embed shows the same figures. */
export function widgetUrl(
  origin: string,
  widget: EmbedWidget,
  filters: Filters,
  format: EmbedFormat = "html",
): string {
  const query = filtersToSearchParams(filters).toString();
  return `${origin}${widgetPath(widget, format)}${query ? `?${query}` : ""}`;
}

/** Reads the `[name]` segment of an embed route: "killed", "places.svg", "time.png". */
export function parseWidgetSegment(
  kind: string,
  segment: string,
): { widget: EmbedWidget; format: EmbedFormat } | null {
  const match = /^([a-z_]+)(?:\.(svg|png))?$/.exec(decodeURIComponent(segment));
  if (!match?.[1]) return null;
  const name = match[1];
  const format: EmbedFormat = match[2] === "svg" ? "svg" : match[2] === "png" ? "png" : "html";
  if (kind === "card" && (METRICS as readonly string[]).includes(name))
    return { widget: { kind: "card", metric: name as Metric }, format };
  if (kind === "chart" && (EMBED_CHARTS as readonly string[]).includes(name))
    return { widget: { kind: "chart", chart: name as EmbedChart }, format };
  return null;
}

/** Reads a whole embed path, e.g. for oEmbed: "/embed/chart/places" → the widget. */
export function parseWidgetPath(pathname: string): { widget: EmbedWidget; format: EmbedFormat } | null {
  const match = /^\/embed\/(card|chart)\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] && match[2] ? parseWidgetSegment(match[1], match[2]) : null;
}
