import { describe, expect, it } from "vitest";
import type { SeriesFigure } from "./claims";
import { changeBetween, changeForHeadline, trendClass } from "./trend";

let nextId = 1;
function fig(overrides: Partial<SeriesFigure>): SeriesFigure {
  return {
    id: nextId++,
    metric: "displaced",
    value: 100,
    lower: 100,
    upper: 100,
    qualifier: "exact",
    unit: "people",
    kind: "stock",
    regionCode: "SY07",
    regionName: "Idlib",
    placeMention: "Idlib",
    date: "2019-06-01",
    source: { documentId: 1 },
    ...overrides,
  };
}

describe("trendClass", () => {
  it("puts each edge in the class the thresholds name", () => {
    expect(trendClass(25.01)).toBe("large increase");
    expect(trendClass(25)).toBe("moderate increase");
    expect(trendClass(10.01)).toBe("moderate increase");
    expect(trendClass(10)).toBe("limited change");
    expect(trendClass(0)).toBe("limited change");
    expect(trendClass(-25)).toBe("limited change");
    expect(trendClass(-25.01)).toBe("large decrease");
  });
});

describe("changeBetween", () => {
  it("measures the change between comparable figures", () => {
    const change = changeBetween(fig({ value: 100 }), fig({ value: 150 }));
    expect(change).toMatchObject({ comparable: true, percent: 50, trend: "large increase" });
  });

  it.each([
    ["place", { regionCode: "SY05", placeMention: "Hama" }],
    ["unit", { unit: "families" }],
    ["stock/flow", { kind: "flow" }],
    ["metric", { metric: "returned" }],
  ] as const)("is not comparable when the %s differs", (what, overrides) => {
    const change = changeBetween(fig({}), fig(overrides));
    expect(change.comparable).toBe(false);
    expect(change.comparable === false && change.reason).toContain(what);
  });

  it("is not comparable when either figure is only a range", () => {
    const vague = fig({ value: null, lower: 2000, upper: 9999, qualifier: "vague" });
    expect(changeBetween(vague, fig({ value: 5000 })).comparable).toBe(false);
  });
});

describe("changeForHeadline", () => {
  it("uses the closest earlier comparable figure", () => {
    const current = fig({ value: 110, date: "2019-06-10" });
    const older = fig({ value: 100, date: "2019-05-01" });
    const otherPlace = fig({ value: 5, date: "2019-06-01", regionCode: "SY05", placeMention: "Hama" });
    expect(changeForHeadline(current, [current, older, otherPlace])).toMatchObject({
      comparable: true,
      percent: 10,
      previous: older,
    });
  });

  it("says not comparable when the only earlier figures differ, and nothing when there is none", () => {
    const current = fig({ date: "2019-06-10" });
    const otherUnit = fig({ unit: "families", date: "2019-06-01" });
    expect(changeForHeadline(current, [current, otherUnit])?.comparable).toBe(false);
    expect(changeForHeadline(current, [current])).toBeNull();
    expect(changeForHeadline(fig({ date: null }), [otherUnit])).toBeNull();
  });
});
