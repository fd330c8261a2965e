import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { SYNTHETIC_PUBLISHER, syntheticRecords } from "../lib/synthetic";
import { cachedByDataVersion, readDataVersion } from "./cache";
import { rawRows, type Database } from "./client";
import { loadRecords } from "./load";
import { countMatchingFigures, getFigures, getFigureYears } from "./queries/figures";
import { getRegionOptions } from "./queries/regions";
import { useMigratedDatabase } from "./test-hooks";
import { rollupAndRaw } from "./testing";

const records = (figures: number, seed: number) => syntheticRecords({ figures, seed });

describe.each(["sqlite", "pg"] as const)("rollups and caches on %s", (dialect) => {
  let database: Database;
  useMigratedDatabase(dialect, (opened) => (database = opened), "all");

  it("keeps region_counts and year_counts equal to aggregating the raw figures, through loads, re-loads and overlaps", async () => {
    await loadRecords(database, records(3_000, 1), { sourceFile: "synthetic" });
    let { rollup, raw } = await rollupAndRaw(database);
    expect(rollup.length).toBeGreaterThan(100);
    expect(rollup).toEqual(raw);

    const again = await loadRecords(database, records(3_000, 1), { sourceFile: "synthetic" });
    expect(again.figuresNew).toBe(0);
    ({ rollup, raw } = await rollupAndRaw(database));
    expect(rollup).toEqual(raw);

    // A longer run of the same seed holds the first 3,000 figures and new ones after them.
    const more = await loadRecords(database, records(5_000, 1), { sourceFile: "synthetic" });
    expect(more.figuresNew).toBeGreaterThan(0);
    expect(more.figuresKnown).toBeGreaterThan(0);
    await loadRecords(database, records(2_000, 2), { sourceFile: "synthetic" });
    ({ rollup, raw } = await rollupAndRaw(database));
    expect(rollup).toEqual(raw);
  });

  it("reads region choices and years that agree with the raw figures", async () => {
    const years = await rawRows<{ year: string }>(
      database,
      database.dialect === "pg"
        ? sql`select distinct to_char(coalesce(reported_date, period_end), 'YYYY') as year from figures where coalesce(reported_date, period_end) is not null`
        : sql`select distinct substr(coalesce(reported_date, period_end), 1, 4) as year from figures where coalesce(reported_date, period_end) is not null`,
    );
    expect(await getFigureYears(database)).toEqual(
      years
        .map((row) => row.year)
        .sort()
        .reverse(),
    );

    const placed = await rawRows<{ region_code: string; n: number | string }>(
      database,
      sql`select region_code, count(*) as n from figures where region_code is not null group by region_code`,
    );
    const options = new Map((await getRegionOptions(database)).map((option) => [option.code, option]));
    for (const { region_code, n } of placed) {
      expect(options.get(region_code)?.figureCount).toBeGreaterThanOrEqual(Number(n));
    }
    const countries = await rawRows<{ country_iso3: string; n: number | string }>(
      database,
      sql`select r.country_iso3, count(*) as n from figures f join regions r on r.code = f.region_code group by r.country_iso3`,
    );
    for (const { country_iso3, n } of countries) {
      if (options.has(country_iso3)) expect(options.get(country_iso3)?.figureCount).toBe(Number(n));
    }
  });

  it("stores synthetic documents under the synthetic publisher", async () => {
    const publishers = await rawRows<{ publisher: string | null }>(
      database,
      sql`select distinct publisher from documents`,
    );
    expect(publishers).toEqual([{ publisher: SYNTHETIC_PUBLISHER }]);
  });

  it("shows a load's new figures in the next query, though the query before it was cached", async () => {
    const view = { metrics: ["killed"], from: "2000-01-01", to: "2100-01-01", includeUndated: true };
    const before = await countMatchingFigures(database, view);
    const newestBefore = await getFigures(database, view, { limit: 5 });
    expect(await countMatchingFigures(database, view)).toBe(before);
    expect(await getFigures(database, view, { limit: 5 })).toBe(newestBefore);

    const versionBefore = await readDataVersion(database);
    const loaded = await loadRecords(
      database,
      [...records(400, 3)].map(({ item, figures }) => ({
        item: { ...item, published: "2099-12-31" },
        figures: figures.map((figure) => ({ ...figure, metric: "killed" as const, reported: "2099-12-31" })),
      })),
      { sourceFile: "synthetic" },
    );
    expect(await readDataVersion(database)).not.toBe(versionBefore);

    expect(await countMatchingFigures(database, view)).toBe(before + loaded.figuresNew);
    const newestAfter = await getFigures(database, view, { limit: 5 });
    expect(newestAfter.map((figure) => figure.date)).toEqual(Array(5).fill("2099-12-31"));
    expect(await getFigureYears(database)).toContain("2099");
  });

  it("keeps a result until a load, and drops it after one that stores something", async () => {
    let calls = 0;
    const counted = cachedByDataVersion(async (_database: Database, key: string) => `${key}:${++calls}`);
    expect(await counted(database, "a")).toBe("a:1");
    expect(await counted(database, "a")).toBe("a:1");
    expect(await counted(database, "b")).toBe("b:2");

    const nothingNew = await loadRecords(database, records(3_000, 1), { sourceFile: "synthetic" });
    expect(nothingNew.figuresNew).toBe(0);
    expect(await counted(database, "a")).toBe("a:1");

    await loadRecords(database, records(50, 4), { sourceFile: "synthetic" });
    expect(await counted(database, "a")).toBe("a:3");
  });
});
