import { describe, expect, it } from "vitest";

import { DEFAULT_FILTERS } from "@/lib/filters";

import { oembedResponse, oembedSize, resolveEmbeddable } from "./oembed";
import { defaultSize } from "./widgets";

const ORIGIN = "http://127.0.0.1:3200";
const known = (code: string) => ["SY07", "SYR"].includes(code);
const resolve = (url: string) => resolveEmbeddable(new URL(url), ORIGIN, known);

describe("resolveEmbeddable", () => {
  it("reads an embed URL of ours with its filters", () => {
    expect(resolve(`${ORIGIN}/embed/card/killed?region=SY07&undated=exclude`)).toEqual({
      widget: { kind: "card", metric: "killed" },
      filters: { ...DEFAULT_FILTERS, regions: ["SY07"], undated: "exclude" },
    });
  });

  it("offers the places chart for a dashboard or region page", () => {
    expect(resolve(`${ORIGIN}/?metric=killed`)).toMatchObject({
      widget: { kind: "chart", chart: "places" },
      filters: { metrics: ["killed"] },
    });
    expect(resolve(`${ORIGIN}/regions/SY07`)).toMatchObject({ filters: { regions: ["SY07"] } });
  });

  it.each([
    "http://evil.example/embed/chart/places",
    `https://127.0.0.1:3200/embed/chart/places`,
    `${ORIGIN}/embed/chart/nonsense`,
    `${ORIGIN}/embed/chart/places.png`,
    `${ORIGIN}/embedded/chart/places`,
    `${ORIGIN}/api/v1/figures`,
    `${ORIGIN}/regions/XX99`,
  ])("refuses %s", (url) => {
    expect(resolve(url)).toBeNull();
  });
});

describe("oembedSize", () => {
  const chart = { kind: "chart", chart: "time" } as const;

  it("keeps the usual size when no limit is given or the limit is larger", () => {
    expect(oembedSize(chart, null, null)).toEqual(defaultSize(chart));
    expect(oembedSize(chart, 5000, 5000)).toEqual(defaultSize(chart));
  });

  it("never exceeds maxwidth or maxheight", () => {
    expect(oembedSize(chart, 300, null)).toEqual({ width: 300, height: defaultSize(chart).height });
    expect(oembedSize(chart, 400, 200)).toEqual({ width: 400, height: 200 });
  });
});

describe("oembedResponse", () => {
  const response = oembedResponse(
    ORIGIN,
    { widget: { kind: "card", metric: "displaced" }, filters: { ...DEFAULT_FILTERS, regions: ["SY07"] } },
    { maxwidth: 320, maxheight: null },
  );

  it("has the fields oEmbed 1.0 requires of a rich response", () => {
    expect(response).toMatchObject({ version: "1.0", type: "rich", provider_name: "Keyfigures" });
    expect(typeof response.title).toBe("string");
    expect(response.width).toBe(320);
    expect(response.height).toBeGreaterThan(0);
  });

  it("gives an iframe of the embed with the same size, title and lazy loading", () => {
    expect(response.html).toContain(`src="${ORIGIN}/embed/card/displaced?region=SY07"`);
    expect(response.html).toContain('width="320"');
    expect(response.html).toContain(`height="${response.height}"`);
    expect(response.html).toContain('loading="lazy"');
    expect(response.html).toMatch(/title="Displaced/);
  });
});
