import { describe, expect, it } from "vitest";

import {
  MAX_CSV_ROWS,
  MAX_PAGE_SIZE,
  nextPageUrl,
  ParameterError,
  parseApiQuery,
  parseChoice,
} from "./query";

const known = new Set(["SY07", "SY05", "SYR"]);
const options = { isKnownRegion: (code: string) => known.has(code) };

function query(text: string) {
  return parseApiQuery(new URLSearchParams(text), options);
}

function errorOf(run: () => unknown): ParameterError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParameterError) return error;
    throw error;
  }
  throw new Error("expected a ParameterError");
}

describe("parseApiQuery", () => {
  it("reads the dashboard's filters and the paging defaults", () => {
    const q = query("region=SY07&region=sy05&metric=killed&from=2019-04-01&to=2019-06-30");
    expect(q.filters).toMatchObject({
      regions: ["SY07", "SY05"],
      metrics: ["killed"],
      period: "custom",
      from: "2019-04-01",
      to: "2019-06-30",
    });
    expect(q).toMatchObject({ format: "json", limit: 100, offset: 0 });
  });

  it("lets a CSV download take the whole view, and JSON pages of at most MAX_PAGE_SIZE", () => {
    expect(query("format=csv").limit).toBe(MAX_CSV_ROWS);
    expect(query(`limit=${MAX_PAGE_SIZE}&offset=5`)).toMatchObject({ limit: MAX_PAGE_SIZE, offset: 5 });
    expect(errorOf(() => query(`limit=${MAX_PAGE_SIZE + 1}`)).parameter).toBe("limit");
  });

  it.each([
    ["region=XX99", "region", /No region has the code "XX99"/],
    ["region=not a code", "region", /not a region code/],
    ["metric=deaths", "metric", /"deaths" is not a metric/],
    ["from=2019-02-30", "from", /not a date/],
    ["from=2019-07-01&to=2019-06-01", "from", /starts .* after it ends/],
    ["period=lastweek", "period", /not a period/],
    ["undated=maybe", "undated", /"undated" must be/],
    ["format=xml", "format", /json or csv/],
    ["format=csv&format=json", "format", /once/],
    ["limit=0", "limit", /between 1 and/],
    ["limit=ten", "limit", /whole number/],
    ["offset=-1", "offset", /whole number/],
    ["regoin=SY07", "regoin", /Unknown parameter "regoin"/],
  ])("%s is refused, naming %s", (text, parameter, message) => {
    const error = errorOf(() => query(text));
    expect(error.parameter).toBe(parameter);
    expect(error.message).toMatch(message);
  });

  it("accepts a route's extra parameters only when it declares them", () => {
    const params = new URLSearchParams("by=place");
    expect(errorOf(() => parseApiQuery(params, options)).parameter).toBe("by");
    expect(() => parseApiQuery(params, { ...options, extra: ["by"] })).not.toThrow();
    expect(parseChoice(params, "by", ["time", "place"] as const, "time")).toBe("place");
    expect(
      errorOf(() => parseChoice(new URLSearchParams("by=year"), "by", ["time", "place"], "time")).parameter,
    ).toBe("by");
  });
});

describe("nextPageUrl", () => {
  it("names the next page with the same canonical filters, or null on the last page", () => {
    const q = query("metric=killed&region=SY07&format=csv&limit=2&offset=2");
    expect(nextPageUrl("/api/v1/series", q, 5, { by: "time" })).toBe(
      "/api/v1/series?region=SY07&metric=killed&by=time&format=csv&limit=2&offset=4",
    );
    expect(nextPageUrl("/api/v1/series", q, 4)).toBeNull();
  });
});
