import "server-only";

import { cardSvg, placeBarsSvg, timeSvg } from "@/components/embed/charts";
import { embedPageHtml } from "@/components/embed/page";
import { svgToPng } from "@/components/embed/rasterise";
import { parseWidgetSegment, widgetTitle, type EmbedWidget } from "@/components/embed/widgets";
import { cachedByDataVersion } from "@/db/cache";
import type { Database } from "@/db/client";
import type { FigureRow } from "@/db/queries/figures";
import { getRegionsByCodes } from "@/db/queries/regions";
import { dateWindow, filtersToQueryString, todayUtc, type Filters } from "@/lib/filters";
import { figureParts, formatAsOf, formatDate, metricLabel, placePhrase } from "@/lib/format";
import { cachedResponse } from "@/lib/http";
import { highestByPlace, metricCards, placeLabel, pointsOverTime } from "@/lib/series";

import { embedFilters, figuresInView } from "../../api/_lib/view";

const EMBED_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600";
const NARROW = 340;
const WIDE = 680;

interface WidgetView {
  title: string;
  subtitle: string;
  sourceLine: string;
  svg: (width: number, id: string) => string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function latestDate(figures: readonly FigureRow[]): string | null {
  return figures.reduce<string | null>(
    (latest, f) => (f.date && (!latest || f.date > latest) ? f.date : latest),
    null,
  );
}

function sourceLine(figures: readonly FigureRow[]): string {
  if (figures.length === 0) return "No figures in this view";
  const reports = new Set(figures.map((f) => f.source.documentId)).size;
  return `From ${plural(reports, "report")} · ${formatAsOf(latestDate(figures))}`;
}

async function describeView(
  database: Database,
  filters: Filters,
  today: string,
  widget: EmbedWidget,
): Promise<string> {
  const regions = await getRegionsByCodes(database, filters.regions);
  const places = regions.length > 0 ? regions.map((r) => r.name).join(", ") : "All places";
  const metrics = filters.metrics.length > 0 ? filters.metrics.map(metricLabel).join(", ") : "all metrics";
  const { from, to } = dateWindow(filters, today);
  const period =
    from && to
      ? `${formatDate(from)} to ${formatDate(to)}`
      : from
        ? `from ${formatDate(from)}`
        : to
          ? `up to ${formatDate(to)}`
          : "all time";
  const undated = filters.undated === "exclude" ? " · undated figures left out" : "";
  return widget.kind === "card"
    ? `${places} · ${period}${undated}`
    : `${places} · ${metrics} · ${period}${undated}`;
}

function widgetView(widget: EmbedWidget, figures: FigureRow[], subtitle: string): WidgetView {
  const title = widgetTitle(widget, metricLabel);
  if (widget.kind === "card") {
    const inMetric = figures.filter((f) => f.metric === widget.metric);
    const card = metricCards(inMetric)[0] ?? null;
    const headline = card?.headline.figure;
    const parts = headline ? figureParts(headline) : null;
    const change = card?.change
      ? card.change.comparable
        ? `${card.change.percent >= 0 ? "+" : ""}${Math.round(card.change.percent)} % on the previous figure (${card.change.trend.replaceAll("_", " ")})`
        : `Not comparable with the previous figure: ${card.change.reason}`
      : null;
    const lines = {
      headline: parts?.quantity ?? "No figures",
      place: headline && parts ? `${parts.rest} ${placeText(headline)}` : "",
      asOf: formatAsOf(headline?.date ?? null),
      sources: card
        ? `${plural(card.sourceCount, "source")}, ${card.basis} of ${plural(card.figureCount, "figure")}`
        : "",
      change,
    };
    return {
      title,
      subtitle,
      sourceLine: sourceLine(inMetric),
      svg: (width, id) => cardSvg(card, lines, { width: Math.min(width, 480), title, id }),
    };
  }
  if (widget.chart === "places") {
    const bars = highestByPlace(figures);
    return {
      title,
      subtitle,
      sourceLine: `${sourceLine(figures)} · highest figure per place, never added up`,
      svg: (width, id) => placeBarsSvg(bars, { width, title, id }),
    };
  }
  const { points, undated } = pointsOverTime(figures);
  const dated = figures.filter((f) => f.date !== null);
  return {
    title,
    subtitle,
    sourceLine: `${sourceLine(dated)}${undated > 0 ? ` · ${plural(undated, "undated figure")} not plotted` : ""}`,
    svg: (width, id) => timeSvg(points, undated, { width, title, id }),
  };
}

function placeText(figure: FigureRow): string {
  const place = placeLabel(figure);
  return place ? placePhrase(figure.metric, place) : "(place not stated)";
}

function notFound(message: string): Response {
  return new Response(message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

interface EmbedBody {
  body: string | Uint8Array;
  contentType: string;
}

/**
 * The widget's body for a query, kept until the next load (cachedByDataVersion): an embed on a busy page
 * is asked for the same view over and over, and drawing it costs far more than serving it.
 */
const embedBody = cachedByDataVersion(
  async (
    database: Database,
    widget: EmbedWidget,
    format: "html" | "svg" | "png",
    filters: Filters,
    today: string,
  ): Promise<EmbedBody> => {
    const figures = await figuresInView(database, filters, today);
    const view = widgetView(widget, figures, await describeView(database, filters, today, widget));
    if (format === "svg") return { body: view.svg(WIDE, "kf"), contentType: "image/svg+xml; charset=utf-8" };
    if (format === "png") return { body: svgToPng(view.svg(WIDE, "kf")), contentType: "image/png" };
    const html = embedPageHtml({
      title: view.title,
      subtitle: view.subtitle,
      narrowSvg: view.svg(NARROW, "kf-n"),
      wideSvg: view.svg(WIDE, "kf-w"),
      sourceLine: view.sourceLine,
      fullViewHref: `/${filtersToQueryString(filters)}`,
    });
    return { body: html, contentType: "text/html; charset=utf-8" };
  },
  { maxEntries: 256 },
);

/** An embed route: the widget alone as HTML (SVG inline), or as an .svg or .png image. */
export async function renderEmbed(
  request: Request,
  kind: "card" | "chart",
  segment: string,
): Promise<Response> {
  const parsed = parseWidgetSegment(kind, segment);
  if (!parsed) return notFound(`No ${kind} widget is called "${segment}".\n`);
  const url = new URL(request.url);
  const { database, filters } = await embedFilters(url.searchParams);
  const { body, contentType } = await embedBody(database, parsed.widget, parsed.format, filters, todayUtc());
  return cachedResponse(request, body, { cacheControl: EMBED_CACHE_CONTROL, contentType });
}
