import { describe, expect, it } from "vitest";
import {
  DEFAULT_FILTERS,
  dateWindow,
  filtersToQueryString,
  isIsoDate,
  MAX_REGIONS,
  parseFilters,
  type Filters,
} from "./index";

describe("parseFilters", () => {
  it("reads the issue's example link", () => {
    const params = new URLSearchParams("region=SY07&region=SY05&from=2019-04-01&to=2019-06-30&metric=killed");
    expect(parseFilters(params)).toEqual({
      filters: {
        regions: ["SY07", "SY05"],
        metrics: ["killed"],
        period: "custom",
        from: "2019-04-01",
        to: "2019-06-30",
        undated: "include",
      },
      notices: [],
    });
  });

  it("reads Next's searchParams object the same way as URLSearchParams", () => {
    const { filters } = parseFilters({ region: ["sy07", "SY05"], metric: "killed", period: "2019" });
    expect(filters.regions).toEqual(["SY07", "SY05"]);
    expect(filters.metrics).toEqual(["killed"]);
    expect(filters.period).toBe("2019");
  });

  it("gives the defaults for an empty query and for a form's empty fields", () => {
    expect(parseFilters({})).toEqual({ filters: DEFAULT_FILTERS, notices: [] });
    expect(parseFilters(new URLSearchParams("region=&metric=&from=&to=&period=all"))).toEqual({
      filters: DEFAULT_FILTERS,
      notices: [],
    });
  });

  it("drops each invalid value with a notice naming it, and keeps the valid ones", () => {
    const { filters, notices } = parseFilters(
      new URLSearchParams(
        "metric=killed&metric=deaths&region=<script>&from=2019-02-30&undated=maybe&period=week",
      ),
    );
    expect(filters).toEqual({ ...DEFAULT_FILTERS, metrics: ["killed"] });
    expect(notices.map((n) => [n.param, n.value])).toEqual([
      ["region", "<script>"],
      ["metric", "deaths"],
      ["undated", "maybe"],
      ["from", "2019-02-30"],
      ["period", "week"],
    ]);
    expect(notices.every((n) => n.message.includes(n.value))).toBe(true);
  });

  it("rejects a period that ends before it starts", () => {
    const { filters, notices } = parseFilters({ from: "2019-06-30", to: "2019-04-01" });
    expect(filters.period).toBe("all");
    expect(filters.from).toBeNull();
    expect(notices).toHaveLength(1);
  });

  it("asks the server which regions exist when it can", () => {
    const known = new Set(["SY07"]);
    const { filters, notices } = parseFilters(
      { region: ["SY07", "SY99"] },
      { isKnownRegion: (c) => known.has(c) },
    );
    expect(filters.regions).toEqual(["SY07"]);
    expect(notices[0]?.message).toBe('No region has the code "SY99".');
  });

  it("removes duplicates and caps the number of regions", () => {
    const many = Array.from({ length: MAX_REGIONS + 2 }, (_, i) => `SY${String(i).padStart(2, "0")}`);
    const { filters, notices } = parseFilters({ region: ["SY01", "SY01", ...many] });
    expect(filters.regions).toHaveLength(MAX_REGIONS);
    expect(notices).toHaveLength(2);
  });

  it("treats dates sent with the form's default period as a custom period", () => {
    const { filters } = parseFilters({ period: "all", from: "2019-04-01", to: "" });
    expect(filters).toMatchObject({ period: "custom", from: "2019-04-01", to: null });
  });

  it("lets a named period win over leftover form dates", () => {
    const { filters } = parseFilters({ period: "12m", from: "2019-01-01", to: "2019-02-01" });
    expect(filters).toMatchObject({ period: "12m", from: null, to: null });
  });

  it("round-trips through the canonical query", () => {
    const filters: Filters = {
      regions: ["SY07", "SY05"],
      metrics: ["killed", "displaced"],
      period: "custom",
      from: "2019-04-01",
      to: null,
      undated: "exclude",
    };
    const query = filtersToQueryString(filters);
    expect(query).toBe(
      "?region=SY07&region=SY05&metric=killed&metric=displaced&from=2019-04-01&undated=exclude",
    );
    expect(parseFilters(new URLSearchParams(query.slice(1))).filters).toEqual(filters);
    expect(filtersToQueryString(DEFAULT_FILTERS)).toBe("");
  });
});

describe("dateWindow", () => {
  const today = "2024-03-01";
  const window = (period: Filters["period"], from: string | null = null, to: string | null = null) =>
    dateWindow({ ...DEFAULT_FILTERS, period, from, to }, today);

  it("turns each period into an inclusive window", () => {
    expect(window("all")).toEqual({ from: null, to: null });
    expect(window("30d")).toEqual({ from: "2024-02-01", to: "2024-03-01" });
    expect(window("12m")).toEqual({ from: "2023-03-02", to: "2024-03-01" });
    expect(window("2019")).toEqual({ from: "2019-01-01", to: "2019-12-31" });
    expect(window("custom", "2019-04-01", null)).toEqual({ from: "2019-04-01", to: null });
  });
});

describe("isIsoDate", () => {
  it("accepts only real calendar dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2019-6-1")).toBe(false);
  });
});
