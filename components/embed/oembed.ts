import { parseFilters, type Filters } from "@/lib/filters";
import { metricLabel } from "@/lib/format/figure";

import { iframeSnippet } from "./snippets";
import { defaultSize, parseWidgetPath, widgetTitle, widgetUrl, type EmbedWidget } from "./widgets";

export const PROVIDER_NAME = "Keyfigures";
/** Dashboard pages offer this widget when their own URL is given to oEmbed. */
export const DASHBOARD_WIDGET: EmbedWidget = { kind: "chart", chart: "places" };

export interface OEmbedRich {
  version: "1.0";
  type: "rich";
  title: string;
  provider_name: string;
  provider_url: string;
  cache_age: number;
  html: string;
  width: number;
  height: number;
}

/** The widget a URL of ours stands for, with the filters in its query; null when it isn't one of ours. */
export function resolveEmbeddable(
  target: URL,
  origin: string,
  isKnownRegion: (code: string) => boolean,
): { widget: EmbedWidget; filters: Filters } | null {
  if (target.origin !== origin) return null;
  const { filters } = parseFilters(target.searchParams, { isKnownRegion });
  const embed = parseWidgetPath(target.pathname);
  if (embed) return embed.format === "html" ? { widget: embed.widget, filters } : null;
  if (target.pathname === "/" || target.pathname === "") return { widget: DASHBOARD_WIDGET, filters };
  const region = /^\/regions\/([^/]+)\/?$/.exec(target.pathname)?.[1];
  if (region) {
    const code = decodeURIComponent(region).toUpperCase();
    return isKnownRegion(code)
      ? { widget: DASHBOARD_WIDGET, filters: { ...filters, regions: [code] } }
      : null;
  }
  return null;
}

/** The size an embed is offered at: its usual size, shrunk to fit the consumer's limits. */
export function oembedSize(
  widget: EmbedWidget,
  maxwidth: number | null,
  maxheight: number | null,
): { width: number; height: number } {
  const size = defaultSize(widget);
  return {
    width: maxwidth === null ? size.width : Math.min(size.width, maxwidth),
    height: maxheight === null ? size.height : Math.min(size.height, maxheight),
  };
}

export function oembedResponse(
  origin: string,
  embeddable: { widget: EmbedWidget; filters: Filters },
  limits: { maxwidth: number | null; maxheight: number | null },
): OEmbedRich {
  const { widget, filters } = embeddable;
  const { width, height } = oembedSize(widget, limits.maxwidth, limits.maxheight);
  const title = `${widgetTitle(widget, metricLabel)} · ${PROVIDER_NAME}`;
  const url = widgetUrl(origin, widget, filters);
  return {
    version: "1.0",
    type: "rich",
    title,
    provider_name: PROVIDER_NAME,
    provider_url: `${origin}/`,
    cache_age: 300,
    html: iframeSnippet({ url, title, width, height }),
    width,
    height,
  };
}
