import type { Database } from "../../db/client";
import { getDashboardData } from "../../db/queries/dashboard";
import { getRegionBreakdown, getRegionOptions } from "../../db/queries/regions";
import { bumpDataVersion } from "./databases";
import { quantile, timeRuns } from "./stats";

export interface QueryResult {
  dialect: string;
  figures: number;
  query: string;
  /** cold: the first view after a load (caches dropped before every run); warm: a repeated view. */
  cache: "cold" | "warm";
  runs: number;
  p50Ms: number;
  p95Ms: number;
}

/** Cold runs of each query made before the timed ones, and not timed. */
const WARM_UP_RUNS = 3;

/** A fixed "today", so the views cover the same figures in every run. */
const TODAY = "2026-11-01";

/** The views the benchmark times: what the dashboard runs for each, through its own query functions. */
export interface DashboardView {
  name: string;
  params: Record<string, string>;
}

/**
 * The views the benchmark times: the whole view, the busiest country, one metric and year, and a filtered
 * view as an analyst would open it (the busiest province of that country, one metric, the last 12 months).
 */
export async function dashboardViews(database: Database): Promise<DashboardView[]> {
  const options = await getRegionOptions(database);
  const busiest = (level: number, country?: string) =>
    options
      .filter((option) => option.level === level && (!country || option.countryIso3 === country))
      .sort((a, b) => b.figureCount - a.figureCount)[0]?.code;
  const country = busiest(0) ?? "SYR";
  const province = busiest(1, country) ?? country;
  return [
    { name: "whole view", params: {} },
    { name: `one region (${country})`, params: { region: country } },
    { name: "one metric and period (killed, 2024)", params: { metric: "killed", period: "2024" } },
    {
      name: `filtered (${province}, displaced, 12m)`,
      params: { region: province, metric: "displaced", period: "12m" },
    },
  ];
}

export async function benchQueries(
  database: Database,
  figures: number,
  runs: number,
  log: (line: string) => void,
): Promise<QueryResult[]> {
  const results: QueryResult[] = [];
  const record = (query: string, cache: "cold" | "warm", samples: number[]) => {
    const result = {
      dialect: database.dialect,
      figures,
      query,
      cache,
      runs: samples.length,
      p50Ms: quantile(samples, 0.5),
      p95Ms: quantile(samples, 0.95),
    };
    log(
      `  ${database.dialect} ${query} (${cache}): p50 ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms`,
    );
    results.push(result);
  };
  const measure = async (query: string, work: () => Promise<unknown>) => {
    // A server has run its query code many times before a load comes, and the load ran in another process: the
    // first runs here (compiling the code, collecting the load's garbage in this process) are left out.
    for (let i = 0; i < WARM_UP_RUNS; i++) {
      await bumpDataVersion(database);
      await work();
    }
    const cold: number[] = [];
    for (let i = 0; i < runs; i++) {
      await bumpDataVersion(database);
      const started = process.hrtime.bigint();
      await work();
      cold.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    record(query, "cold", cold);
    record(query, "warm", await timeRuns(work, runs));
  };
  const views = await dashboardViews(database);
  for (const view of views) {
    await measure(`dashboard: ${view.name}`, () => getDashboardData(database, view.params, { today: TODAY }));
  }
  // What a region page lists below its title: the regions under it with their figures.
  const country = views[1]?.params.region ?? "SYR";
  await measure(`breakdown by region (below ${country})`, () => getRegionBreakdown(database, country));
  return results;
}
