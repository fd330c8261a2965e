import { describe, expect, it } from "vitest";

import type { PlaceBar, TimePoint } from "@/lib/series";

import { placeBarsSvg, timeSvg } from "./charts";

const bars: PlaceBar[] = [
  {
    key: "a",
    metric: "displaced",
    metricLabel: "Displaced",
    place: "Idleb",
    value: 186000,
    label: "186,000+",
    phrase: "186,000+ people displaced",
    sourceCount: 2,
  },
  {
    key: "b",
    metric: "killed",
    metricLabel: "Killed",
    place: "Hama <north>",
    value: 25,
    label: "25",
    phrase: "25 people killed",
    sourceCount: 1,
  },
];

const points: TimePoint[] = [
  {
    key: "1",
    date: "2019-04-01",
    metric: "killed",
    metricLabel: "Killed",
    place: "Idleb",
    value: 20,
    label: "20+",
  },
  {
    key: "2",
    date: "2019-06-20",
    metric: "killed",
    metricLabel: "Killed",
    place: "Idleb",
    value: 30,
    label: "30+",
  },
];

function widths(svg: string): number[] {
  return [...svg.matchAll(/<rect x="12" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
}

describe("placeBarsSvg", () => {
  const svg = placeBarsSvg(bars, { width: 680, title: "Figures by place", id: "t" });

  it("is an accessible SVG with a title and the chart's summary", () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 680 /);
    expect(svg).toContain('<title id="t-t">Figures by place</title>');
    expect(svg).toMatch(/<desc id="t-d">Highest figure reported/);
  });

  it("draws bars in proportion and writes each figure with its qualifier, escaped", () => {
    const [big, small] = widths(svg);
    expect(big).toBeGreaterThan(500);
    expect(small).toBeLessThan(5);
    expect(svg).toContain(">186,000+<");
    expect(svg).toContain("Hama &lt;north&gt; · Killed");
  });

  it("says so when there is nothing to draw", () => {
    expect(placeBarsSvg([], { width: 340, title: "x", id: "e" })).toContain("No figures in this view.");
  });
});

describe("timeSvg", () => {
  it("draws one dot per figure and joins a place's series", () => {
    const svg = timeSvg(points, 3, { width: 680, title: "Figures over time", id: "t" });
    expect(svg.match(/<circle cx/g)?.length).toBe(2 + 1);
    expect(svg).toContain('<path d="M');
    expect(svg).toContain("3 undated figures are not plotted.");
    expect(svg).toContain("1 April 2019");
  });
});
