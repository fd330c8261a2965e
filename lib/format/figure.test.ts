import { describe, expect, it } from "vitest";
import { formatAsOf, formatDate, formatPeriod } from "./date";
import { describeFigure, figurePhrase, metricLabel, placePhrase } from "./figure";

describe("figurePhrase", () => {
  it("keeps the qualifier, the unit and the metric", () => {
    expect(
      figurePhrase({
        metric: "displaced",
        value: 186000,
        lower: 186000,
        upper: null,
        qualifier: "at_least",
        unit: "people",
      }),
    ).toBe("186,000+ people displaced");
    expect(
      figurePhrase({
        metric: "population",
        value: 3_000_000,
        lower: null,
        upper: null,
        qualifier: "approx",
        unit: "civilians",
      }),
    ).toBe("~3 million civilians — population");
    expect(
      figurePhrase({ metric: "killed", value: 25, lower: 25, upper: 25, qualifier: "exact", unit: "people" }),
    ).toBe("25 people killed");
  });

  it("reads naturally after a vague word and for a single person", () => {
    expect(
      figurePhrase({
        metric: "killed",
        value: null,
        lower: 24,
        upper: 99,
        qualifier: "vague",
        unit: "people",
      }),
    ).toBe("dozens of people killed");
    expect(
      figurePhrase({ metric: "killed", value: 1, lower: 1, upper: 1, qualifier: "exact", unit: "children" }),
    ).toBe("1 child killed");
  });

  it("describes the figure in words", () => {
    expect(
      describeFigure({
        metric: "returned",
        value: null,
        lower: 2000,
        upper: 9999,
        qualifier: "vague",
        unit: "people",
      }),
    ).toBe("thousands (between 2,000 and 9,999) people returned");
  });

  it("attaches the place the way the metric reads", () => {
    expect(placePhrase("displaced", "Hama")).toBe("from Hama");
    expect(placePhrase("returned", "Idlib")).toBe("to Idlib");
    expect(placePhrase("killed", "Idlib")).toBe("in Idlib");
  });

  it("labels metrics", () => {
    expect(metricLabel("in_need")).toBe("In need");
  });
});

describe("dates", () => {
  it("writes ISO dates in words and says when there is none", () => {
    expect(formatDate("2019-06-10")).toBe("10 June 2019");
    expect(formatAsOf("2019-06-10")).toBe("as of 10 June 2019");
    expect(formatAsOf(null)).toBe("date unknown");
    expect(formatDate("2019-13-01")).toBe("2019-13-01");
  });

  it("writes a period as one date or a span", () => {
    expect(formatPeriod("2019-04-01", "2019-06-30")).toBe("1 April 2019 – 30 June 2019");
    expect(formatPeriod("2019-04-01", "2019-04-01")).toBe("1 April 2019");
    expect(formatPeriod(null, null)).toBeNull();
  });
});
