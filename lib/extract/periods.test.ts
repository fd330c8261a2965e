import { describe, expect, it } from "vitest";

import { extract } from "./index";
import { isStock, resolvePeriod } from "./periods";

const REFERENCE = "2019-06-05"; // a Wednesday

describe("periods", () => {
  it.each([
    ["since late April", { start: "2019-04-21", end: "2019-06-05", precision: "day" }],
    ["since early May", { start: "2019-05-01", end: "2019-06-05", precision: "day" }],
    ["on Wednesday", { start: "2019-06-05", end: "2019-06-05", precision: "day" }],
    ["on Monday", { start: "2019-06-03", end: "2019-06-03", precision: "day" }],
    ["yesterday", { start: "2019-06-04", end: "2019-06-04", precision: "day" }],
    ["last week", { start: "2019-05-27", end: "2019-06-02", precision: "week" }],
    ["so far this year", { start: "2019-01-01", end: "2019-06-05", precision: "day" }],
    ["during May", { start: "2019-05-01", end: "2019-05-31", precision: "month" }],
    ["in mid-March", { start: "2019-03-11", end: "2019-03-20", precision: "day" }],
    ["on 20 June", { start: "2018-06-20", end: "2018-06-20", precision: "day" }],
    ["since 24 February", { start: "2019-02-24", end: "2019-06-05", precision: "day" }],
    ["from 1 January to 31 October 2023", { start: "2023-01-01", end: "2023-10-31", precision: "day" }],
    ["between 14 and 31 January 2021", { start: "2021-01-14", end: "2021-01-31", precision: "day" }],
    ["in 2011", { start: "2011-01-01", end: "2011-12-31", precision: "year" }],
    ["in the past 24 hours", { start: "2019-06-04", end: "2019-06-05", precision: "day" }],
  ])("%s resolves against the published date", (phrase, expected) => {
    expect(resolvePeriod(`Officials said 20 people were killed ${phrase}.`, REFERENCE)).toEqual(expected);
  });

  it("never reads the verb may as a month", () => {
    expect(resolvePeriod("These numbers may rise in the coming days.", REFERENCE)).toBeNull();
    expect(resolvePeriod("Fighting in May displaced 300 people.", REFERENCE)).toEqual({
      start: "2019-05-01",
      end: "2019-05-31",
      precision: "month",
    });
  });

  it("without a published date keeps only dates with a written year", () => {
    expect(resolvePeriod("20 people were killed on Wednesday.", null)).toBeNull();
    expect(resolvePeriod("20 people were killed on 3 March 2018.", null)).toEqual({
      start: "2018-03-03",
      end: "2018-03-03",
      precision: "day",
    });
  });

  it("reports the published date and the resolved period on each figure", () => {
    const [figure] = extract({
      id: "x",
      text: "The offensive since late April has killed more than 250 civilians so far.",
      published: REFERENCE,
    });
    expect(figure?.reported).toBe(REFERENCE);
    expect(figure?.period).toEqual({ start: "2019-04-21", end: "2019-06-05", precision: "day" });
    expect(figure?.kind).toBe("stock");
    const [undated] = extract({ id: "y", text: "An airstrike killed 12 people on Monday.", published: null });
    expect(undated?.reported).toBeNull();
    expect(undated?.period).toBeNull();
    expect(undated?.kind).toBe("flow");
  });

  it("reads since the start of a named event in a month as a period running from that month", () => {
    const [figure] = extract({
      id: "x",
      text: "Since the start of the conflict in April 2018, more than 90,000 people have been displaced.",
      published: REFERENCE,
    });
    expect(figure?.period).toEqual({ start: "2018-04-01", end: "2019-06-05", precision: "day" });
  });

  it("leaves a since period open when the item has no published date", () => {
    expect(resolvePeriod("More than 8,000 people have fled since April 2018.", null)).toEqual({
      start: "2018-04-01",
      end: null,
      precision: "month",
    });
  });

  it("gives a figure the date written right after it over the sentence's date", () => {
    const figures = extract({
      id: "x",
      text: "In March 2019, 300 people were killed, compared with 120 in February 2019.",
      published: REFERENCE,
    });
    expect(figures.map((f) => [f.value, f.period?.start, f.period?.end])).toEqual([
      [300, "2019-03-01", "2019-03-31"],
      [120, "2019-02-01", "2019-02-28"],
    ]);
  });

  it("makes cumulative wording a stock and a single event a flow", () => {
    expect(isStock("The death toll has risen to 238 so far.")).toBe(true);
    expect(isStock("A total of 5,000 people have been displaced since January.")).toBe(true);
    expect(isStock("An airstrike killed 12 people on Monday.")).toBe(false);
  });
});
