import { describe, expect, it } from "vitest";
import { metricCards } from "./cards";
import {
  highestByPlace,
  MAX_PLACES_PER_METRIC,
  pointsOverTime,
  summarizePlaces,
  summarizeTime,
  topPlacesPerMetric,
} from "./charts";
import { competitorsIn, type SeriesFigure } from "./claims";

let nextId = 1;
function fig(overrides: Partial<SeriesFigure>): SeriesFigure {
  return {
    id: nextId++,
    metric: "killed",
    value: 25,
    lower: 25,
    upper: 25,
    qualifier: "exact",
    unit: "people",
    kind: "flow",
    regionCode: "SY07",
    regionName: "Idlib",
    placeMention: "Idlib",
    date: null,
    source: { documentId: 1 },
    ...overrides,
  };
}

const sample = [
  fig({ source: { documentId: 1 } }),
  fig({
    value: 400,
    lower: 400,
    upper: null,
    qualifier: "at_least",
    unit: "civilians",
    regionCode: null,
    regionName: null,
    placeMention: null,
    source: { documentId: 2 },
  }),
  fig({
    value: 400,
    lower: 400,
    upper: null,
    qualifier: "at_least",
    unit: "civilians",
    regionCode: null,
    regionName: null,
    placeMention: null,
    source: { documentId: 3 },
  }),
  fig({ value: null, lower: 24, upper: 99, qualifier: "vague", source: { documentId: 7 } }),
  fig({
    metric: "displaced",
    value: 186000,
    lower: 186000,
    upper: null,
    qualifier: "at_least",
    kind: "stock",
  }),
];

describe("metricCards", () => {
  it("shows the highest undated figure, counts a repeated figure once with both sources, and never sums", () => {
    const [killed, displaced] = metricCards(sample);
    expect(killed?.metric).toBe("killed");
    expect(killed?.basis).toBe("highest");
    expect(killed?.headline.figure.value).toBe(400);
    expect(killed?.headline.sourceCount).toBe(2);
    expect(killed?.others.map((c) => c.figure.value ?? c.figure.lower)).toEqual([25, 24]);
    expect(killed).toMatchObject({ figureCount: 4, sourceCount: 4, undatedCount: 4, change: null });
    expect(displaced?.headline.figure.value).toBe(186000);
  });

  it("keeps only the latest comparable figures in the sparkline", () => {
    const history = Array.from({ length: 20 }, (_, i) =>
      fig({ value: 10 + i, date: `2019-01-${String(i + 1).padStart(2, "0")}` }),
    );
    const [card] = metricCards(history);
    expect(card?.sparkline).toHaveLength(12);
    expect(card?.sparkline.at(-1)).toEqual({ date: "2019-01-20", value: 29 });
  });

  it("prefers the latest dated figure over a larger older one and measures its change", () => {
    const [card] = metricCards([
      fig({ value: 90, date: "2019-05-01" }),
      fig({ value: 100, date: "2019-06-01" }),
      fig({ value: 5000, date: null }),
    ]);
    expect(card?.basis).toBe("latest");
    expect(card?.headline.figure.value).toBe(100);
    expect(card?.change).toMatchObject({ comparable: true, trend: "moderate increase" });
    expect(card?.sparkline).toEqual([
      { date: "2019-05-01", value: 90 },
      { date: "2019-06-01", value: 100 },
    ]);
  });
});

describe("chart series", () => {
  it("keeps the highest figure per metric and place rather than a total", () => {
    const bars = highestByPlace(sample);
    const idlibKilled = bars.find((b) => b.metric === "killed" && b.place === "Idlib");
    expect(idlibKilled).toMatchObject({ value: 25, label: "25" });
    expect(bars.find((b) => b.place === "place not stated")).toMatchObject({ label: "400+", sourceCount: 2 });
  });

  it("draws the places with the highest figures per metric, and says how many pairs are left out", () => {
    const towns = Array.from({ length: MAX_PLACES_PER_METRIC + 5 }, (_, i) =>
      fig({ value: i + 1, lower: i + 1, upper: i + 1, regionCode: `T${i}`, regionName: `Town ${i}` }),
    );
    const bars = highestByPlace([...towns, fig({ metric: "displaced", value: 7, lower: 7, upper: 7 })]);
    const drawn = topPlacesPerMetric(bars);
    expect(drawn.filter((b) => b.metric === "killed").map((b) => b.value)).toEqual(
      Array.from({ length: MAX_PLACES_PER_METRIC }, (_, i) => MAX_PLACES_PER_METRIC + 5 - i),
    );
    expect(drawn.filter((b) => b.metric === "displaced")).toHaveLength(1);
    expect(summarizePlaces(bars, drawn.length)).toContain(`(${drawn.length} of ${bars.length} pairs)`);
    expect(summarizePlaces(drawn)).not.toContain("Drawn:");
  });

  it("places dated figures in time and counts the undated ones", () => {
    const { points, undated } = pointsOverTime([...sample, fig({ date: "2019-06-10" })]);
    expect(points.map((p) => p.date)).toEqual(["2019-06-10"]);
    expect(undated).toBe(5);
    const capped = pointsOverTime(
      [
        fig({ date: "2019-01-01" }),
        fig({ value: 26, date: "2019-02-01" }),
        fig({ value: 27, date: "2019-03-01" }),
      ],
      2,
    );
    expect(capped.points.map((p) => p.date)).toEqual(["2019-02-01", "2019-03-01"]);
    expect(summarizeTime(capped.points, capped.undated, capped.dated)).toBe(
      "3 dated figures (the newest 2 of 3 are plotted) from 2019-02-01 to 2019-03-01.",
    );
    expect(summarizeTime(points, undated)).toBe(
      "1 dated figure from 2019-06-10 to 2019-06-10. 5 undated figures are not plotted.",
    );
  });
});

describe("competitorsIn", () => {
  it("lists other sources' different numbers for the same metric, place and date only", () => {
    const a = fig({ value: 25, source: { documentId: 1 } });
    const same = fig({ value: 25, source: { documentId: 2 } });
    const other = fig({ value: 30, lower: 30, upper: 30, source: { documentId: 3 } });
    const elsewhere = fig({ value: 40, regionCode: "SY05", source: { documentId: 4 } });
    const dated = fig({ value: 50, date: "2019-06-10", source: { documentId: 5 } });
    const competitors = competitorsIn([a, same, other, elsewhere, dated]);
    expect(competitors(a)).toEqual([other]);
    expect(competitors(other)).toEqual([a, same]);
    expect(competitors(elsewhere)).toEqual([]);
  });
});
