import { describe, expect, it } from "vitest";

import { DEFAULT_FILTERS } from "@/lib/filters";

import { iframeSnippet, scriptSnippet } from "./snippets";
import { cardWidget, parseWidgetPath, parseWidgetSegment, widgetUrl } from "./widgets";

describe("parseWidgetSegment", () => {
  it("reads the widget and the image format from the last segment", () => {
    expect(parseWidgetSegment("card", "killed")).toEqual({
      widget: { kind: "card", metric: "killed" },
      format: "html",
    });
    expect(parseWidgetSegment("card", "in_need.svg")).toEqual({
      widget: { kind: "card", metric: "in_need" },
      format: "svg",
    });
    expect(parseWidgetSegment("chart", "time.png")).toEqual({
      widget: { kind: "chart", chart: "time" },
      format: "png",
    });
  });

  it.each([
    ["card", "deaths"],
    ["card", "places"],
    ["chart", "killed"],
    ["chart", "places.gif"],
    ["chart", "places.svg.png"],
  ])("refuses %s/%s", (kind, segment) => {
    expect(parseWidgetSegment(kind, segment)).toBeNull();
  });

  it("reads whole paths only under /embed/", () => {
    expect(parseWidgetPath("/embed/chart/places")).not.toBeNull();
    expect(parseWidgetPath("/embedded/chart/places")).toBeNull();
    expect(parseWidgetPath("/embed/chart/places/extra")).toBeNull();
  });
});

describe("widgetUrl", () => {
  it("carries the dashboard's canonical filters", () => {
    const filters = {
      ...DEFAULT_FILTERS,
      regions: ["SY07", "SY05"],
      period: "custom" as const,
      from: "2019-04-01",
      to: null,
    };
    expect(widgetUrl("https://k.example", { kind: "chart", chart: "time" }, filters, "svg")).toBe(
      "https://k.example/embed/chart/time.svg?region=SY07&region=SY05&from=2019-04-01",
    );
    expect(widgetUrl("https://k.example", { kind: "card", metric: "killed" }, DEFAULT_FILTERS)).toBe(
      "https://k.example/embed/card/killed",
    );
  });
});

describe("snippets", () => {
  const options = {
    url: "https://k.example/embed/chart/places?region=SY07&metric=killed",
    title: 'Figures "by" place',
    width: 720,
    height: 560,
  };

  it("makes a responsive, lazy, titled iframe with the URL escaped", () => {
    const html = iframeSnippet(options);
    expect(html).toContain('src="https://k.example/embed/chart/places?region=SY07&amp;metric=killed"');
    expect(html).toContain('title="Figures &quot;by&quot; place"');
    expect(html).toContain('loading="lazy"');
    expect(html).toContain("width:100%");
  });

  it("makes a script tag naming the embed for the resizer", () => {
    const html = scriptSnippet(options, "https://k.example/embed.js");
    expect(html).toMatch(/^<script src="https:\/\/k\.example\/embed\.js" data-keyfigures-embed="[^"]+"/);
    expect(html).toContain("async></script>");
  });
});

describe("cardWidget", () => {
  it("names a known metric's card and refuses others", () => {
    expect(cardWidget("in_need")).toEqual({ kind: "card", metric: "in_need" });
    expect(cardWidget("deaths")).toBeNull();
  });
});
