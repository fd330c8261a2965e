import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { DEFAULT_FILTERS } from "@/lib/filters";

import { downloadCsvHref } from "./DownloadCsvLink";
import { EmbedDialogView } from "./EmbedDialog";
import { oembedHref } from "./OEmbedLink";

const filters = {
  ...DEFAULT_FILTERS,
  regions: ["SY07"],
  metrics: ["killed" as const],
  undated: "exclude" as const,
};
const ORIGIN = "https://keyfigures.example";

function unescape(html: string): string {
  return html
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

describe("EmbedDialogView", () => {
  const html = renderToStaticMarkup(
    createElement(EmbedDialogView, { widget: { kind: "chart", chart: "time" }, filters, origin: ORIGIN }),
  );
  const embedUrl = `${ORIGIN}/embed/chart/time?region=SY07&metric=killed&undated=exclude`;

  it("puts the embed link and both image links in the server HTML, with the view's filters", () => {
    expect(html).toContain('href="/embed/chart/time?region=SY07&amp;metric=killed&amp;undated=exclude"');
    expect(html).toContain('href="/embed/chart/time.svg?region=SY07&amp;metric=killed&amp;undated=exclude"');
    expect(html).toContain('href="/embed/chart/time.png?region=SY07&amp;metric=killed&amp;undated=exclude"');
  });

  it("offers an iframe snippet and a script snippet naming the same embed", () => {
    const text = unescape(html);
    expect(text).toContain(
      `<iframe src="${embedUrl.replaceAll("&", "&amp;")}" title="Figures over time · Keyfigures"`,
    );
    expect(text).toContain('loading="lazy"');
    expect(text).toContain(
      `<script src="${ORIGIN}/embed.js" data-keyfigures-embed="${embedUrl.replaceAll("&", "&amp;")}"`,
    );
  });

  it("works without JavaScript: a disclosure, and no copy button until hydration", () => {
    expect(html).toMatch(/^<details class="embed-dialog"/);
    expect(html).toContain("<summary>Embed");
    expect(html).not.toContain("<button");
  });
});

describe("dashboard links", () => {
  it("downloads the view on screen as CSV", () => {
    expect(downloadCsvHref(filters)).toBe(
      "/api/v1/figures?region=SY07&metric=killed&undated=exclude&format=csv",
    );
  });

  it("points oEmbed discovery at the page with its filters", () => {
    const href = new URL(oembedHref(ORIGIN, "/regions/SY07", filters));
    expect(href.pathname).toBe("/api/oembed");
    expect(href.searchParams.get("url")).toBe(
      `${ORIGIN}/regions/SY07?region=SY07&metric=killed&undated=exclude`,
    );
    expect(href.searchParams.get("format")).toBe("json");
  });
});
