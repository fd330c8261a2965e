import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { syntheticRecords } from "../lib/synthetic";
import { openDatabase, rawRows, type Database } from "./client";
import { loadRecords, type LoadRecord } from "./load";
import { useMigratedDatabase } from "./test-hooks";
import { createMigratedTestDatabase, rollupAndRaw, type TestDatabase } from "./testing";

// Loads that switch to bulk mode (ADR 0002) early, through bulkLoadFrom, so that small test
// loads take the path a million-figure load takes.

/** The figures table's indexes and constraints as the database describes them. */
async function figuresSchema(database: Database): Promise<string[]> {
  const rows =
    database.dialect === "pg"
      ? await rawRows<{ definition: string }>(
          database,
          sql`select indexdef as definition from pg_indexes where tablename = 'figures'
              union all
              select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint
              where conrelid = 'figures'::regclass`,
        )
      : await rawRows<{ definition: string }>(
          database,
          sql`select name || ' ' || coalesce(sql, '') as definition from sqlite_master
              where type = 'index' and tbl_name = 'figures'`,
        );
  return rows.map((row) => row.definition).sort();
}

async function figureCount(database: Database): Promise<number> {
  const [row] = await rawRows<{ n: number | string }>(database, sql`select count(*) as n from figures`);
  return Number(row!.n);
}

const records = (figures: number, seed: number) => syntheticRecords({ figures, seed });
const options = { sourceFile: "synthetic", batchSize: 50, bulkLoadFrom: 500 };

describe.each(["sqlite", "pg"] as const)("bulk loads on %s", (dialect) => {
  let database: Database;
  useMigratedDatabase(dialect, (opened) => (database = opened));

  it("keeps the dedupe and the rollups exact through bulk loads, re-loads and overlapping loads", async () => {
    const first = await loadRecords(database, records(3_000, 1), options);
    expect(first.figuresNew).toBe(3_000);
    let { rollup, raw } = await rollupAndRaw(database);
    expect(rollup.length).toBeGreaterThan(100);
    expect(rollup).toEqual(raw);

    const again = await loadRecords(database, records(3_000, 1), options);
    expect(again).toMatchObject({ figuresNew: 0, figuresKnown: 3_000, documentsNew: 0 });
    ({ rollup, raw } = await rollupAndRaw(database));
    expect(rollup).toEqual(raw);

    // Nearly all of the first 3,000 figures again, then new ones: bulk mode starts once 3,000 new are stored.
    const overlapping = await loadRecords(database, records(8_000, 1), options);
    expect(overlapping.figuresKnown).toBeGreaterThan(2_900);
    expect(overlapping.figuresNew + overlapping.figuresKnown).toBe(8_000);
    const other = await loadRecords(database, records(2_000, 2), options);
    expect(await figureCount(database)).toBe(3_000 + overlapping.figuresNew + other.figuresNew);
    ({ rollup, raw } = await rollupAndRaw(database));
    expect(rollup).toEqual(raw);
  });

  it("leaves the figures table's indexes and constraints as they were after a bulk load", async () => {
    const before = await figuresSchema(database);
    expect(before.length).toBeGreaterThan(3);
    await loadRecords(database, records(2_000, 1), options);
    expect(await figuresSchema(database)).toEqual(before);
  });

  it("stores nothing and keeps every index when a load fails in bulk mode", async () => {
    const before = await figuresSchema(database);
    const load = loadRecords(database, failingAfter(records(3_000, 1), 2_000), options);
    await expect(load).rejects.toThrow(/the input broke/);
    expect(await figureCount(database)).toBe(0);
    expect(await figuresSchema(database)).toEqual(before);
  });

  it.runIf(dialect === "pg")(
    "leaves the planner statistics describing the new rows, without waiting for autovacuum",
    async () => {
      const estimate = async () => {
        const [row] = await rawRows<{ reltuples: number | string }>(
          database,
          sql`select reltuples from pg_class where relname = 'figures'`,
        );
        return Number(row!.reltuples);
      };
      // Column statistics come only from ANALYZE (the VACUUM after the load sets reltuples too).
      const metrics = async () => {
        const [row] = await rawRows<{ n: number | string }>(
          database,
          sql`select count(*) as n from pg_stats where tablename = 'figures' and attname = 'metric'`,
        );
        return Number(row!.n);
      };
      expect(await estimate()).toBeLessThanOrEqual(0);
      expect(await metrics()).toBe(0);
      await loadRecords(database, records(3_000, 1), options);
      expect(await estimate()).toBe(3_000);
      expect(await metrics()).toBe(1);
    },
  );

  it.runIf(dialect === "pg")(
    "vacuums figures and documents after a bulk load commits, so every page is marked all-visible",
    async () => {
      const vacuumed = async () => {
        const rows = await rawRows<{ relname: string; vacuumed: boolean; visible: boolean }>(
          database,
          sql`select s.relname, s.last_vacuum is not null as vacuumed,
                c.relpages > 0 and c.relallvisible = c.relpages as visible
              from pg_stat_user_tables s join pg_class c on c.oid = s.relid
              where s.relname in ('figures', 'documents') order by s.relname`,
        );
        return rows.map(
          (row) => `${row.relname} ${row.vacuumed ? "vacuumed" : "-"} ${row.visible ? "visible" : "-"}`,
        );
      };
      expect(await vacuumed()).toEqual(["documents - -", "figures - -"]);
      await loadRecords(database, records(3_000, 1), options);
      expect(await vacuumed()).toEqual(["documents vacuumed visible", "figures vacuumed visible"]);
    },
  );

  it.runIf(dialect === "pg")("does not vacuum after a load too small for bulk mode", async () => {
    await loadRecords(database, records(300, 1), options);
    const [row] = await rawRows<{ vacuums: number | string }>(
      database,
      sql`select count(last_vacuum) as vacuums from pg_stat_user_tables where relname in ('figures', 'documents')`,
    );
    expect(Number(row!.vacuums)).toBe(0);
  });
});

async function* failingAfter(source: Iterable<LoadRecord>, figures: number): AsyncGenerator<LoadRecord> {
  let seen = 0;
  for (const record of source) {
    seen += record.figures.length;
    if (seen > figures) throw new Error("the input broke");
    yield record;
  }
}

describe("bulk loads on a SQLite file", () => {
  let test: TestDatabase;
  let database: Database;

  beforeEach(async () => {
    test = await createMigratedTestDatabase("sqlite");
    database = await openDatabase(test.url);
  });
  afterEach(async () => {
    await database?.close();
    await test?.drop();
  });

  // What bulk mode does inside the writer thread's transaction is watched in db/sqlite-batch.test.ts.
  it("leaves the indexes and no figure on disk when a load fails in bulk mode", async () => {
    const before = await figuresSchema(database);
    const documentIndexes = async () =>
      rawRows(
        database,
        sql`select name, sql from sqlite_master where type = 'index' and tbl_name = 'documents'`,
      );
    const documentsBefore = await documentIndexes();
    expect(documentsBefore.length).toBeGreaterThan(0);
    await expect(loadRecords(database, failingAfter(records(3_000, 1), 2_000), options)).rejects.toThrow(
      /the input broke/,
    );

    await database.close();
    database = await openDatabase(test.url);
    expect(await figuresSchema(database)).toEqual(before);
    expect(await documentIndexes()).toEqual(documentsBefore);
    expect(await figureCount(database)).toBe(0);
    expect(await rawRows(database, sql`pragma integrity_check`)).toEqual([{ integrity_check: "ok" }]);
  });
});
