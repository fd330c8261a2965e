import { describe, expect, it } from "vitest";

import type { HttpResult } from "./http";
import type { QueryResult } from "./queries";
import { targetRows } from "./targets";

const query = (dialect: string, cache: "cold" | "warm", p95Ms: number, figures = 1_000_000): QueryResult => ({
  dialect,
  figures,
  query: `q${p95Ms}`,
  cache,
  runs: 20,
  p50Ms: p95Ms / 2,
  p95Ms,
});

const http = (
  name: string,
  requestsPerSecond: number,
  staticRequestsPerSecond: number,
  errors = 0,
): HttpResult => ({
  name,
  path: "/",
  connections: 50,
  durationSeconds: 10,
  requestsPerSecond,
  latencyP50Ms: 10,
  latencyP99Ms: 20,
  errors,
  non2xx: 0,
  staticRequestsPerSecond,
  staticLatencyP50Ms: 5,
  ratio: requestsPerSecond / staticRequestsPerSecond,
  firstViewP50Ms: 300,
  firstViewMaxMs: 400,
});

const met = (rows: ReturnType<typeof targetRows>, start: string) =>
  rows.find((r) => r.target.startsWith(start))?.met;

describe("targetRows", () => {
  it("judges each query target by the worst p95, per cache state", () => {
    const rows = targetRows({
      load: [],
      queries: [
        query("sqlite", "warm", 3),
        query("sqlite", "warm", 24),
        query("sqlite", "cold", 3),
        query("sqlite", "cold", 26),
      ],
      http: [],
      memory: [],
    });
    expect(rows.find((r) => r.target.endsWith("warm"))?.met).toBe("yes");
    expect(rows.find((r) => r.target.endsWith("cold"))?.met).toBe("no");
  });

  it("says when PostgreSQL ran at fewer figures than the target names", () => {
    const rows = targetRows({ load: [], queries: [query("pg", "warm", 5, 1_000_000)], http: [], memory: [] });
    expect(rows[0]?.met).toBe("yes (ran 1,000,000, not 10,000,000)");
  });

  it("does not call a load target met unless a million figures were loaded in 10 s", () => {
    const load = (figures: number, seconds: number) => ({
      dialect: "sqlite",
      figures,
      documents: 1,
      seconds,
      generateSeconds: 0,
      figuresPerSecond: figures / seconds,
    });
    const judge = (figures: number, seconds: number) =>
      met(
        targetRows({ load: [load(figures, seconds)], queries: [], http: [], memory: [] }),
        "SQLite: 1,000,000",
      );
    expect(judge(1_000_000, 9.5)).toBe("yes");
    expect(judge(1_000_000, 10.5)).toBe("no");
    expect(judge(100_000, 1)).toBe("not measured at 1,000,000");
  });

  it("needs 100 req/s with no errors for the filtered view, and half the static page's rate for an embed", () => {
    const judge = (results: HttpResult[]) => targetRows({ load: [], queries: [], http: results, memory: [] });
    expect(met(judge([http("filtered view", 120, 900)]), "filtered view")).toBe("yes");
    expect(met(judge([http("filtered view", 120, 900, 1)]), "filtered view")).toBe("no");
    expect(met(judge([http("embed (card)", 460, 900)]), "embed")).toBe("yes");
    expect(met(judge([http("embed (card)", 440, 900)]), "embed")).toBe("no");
  });

  it("holds the loader to 300 MB at its largest input", () => {
    const memory = (peakRssMegabytes: number) => ({
      inputMegabytes: 32,
      documents: 1,
      seconds: 1,
      peakRssMegabytes,
    });
    const judge = (peaks: number[]) =>
      met(targetRows({ load: [], queries: [], http: [], memory: peaks.map(memory) }), "loader peak memory");
    expect(judge([220, 290])).toBe("yes");
    expect(judge([220, 310])).toBe("no");
  });
});
