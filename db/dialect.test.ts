import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { byDialect, openDatabase, rawRows, withTransaction, type Database } from "./client";
import { useMigratedDatabase } from "./test-hooks";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(["sqlite", "pg"] as const)("the dialect adapter on %s", (dialect) => {
  let database: Database;
  useMigratedDatabase(dialect, (opened) => (database = opened));

  const metaKeys = async (db: Database = database) =>
    (await db.db.select({ key: db.tables.meta.key }).from(db.tables.meta)).map((row) => row.key).sort();

  it("commits a transaction whose work resolves, across awaits", async () => {
    const result = await withTransaction(database, async (tx) => {
      await tx.db.insert(tx.tables.meta).values({ key: "a", value: "1" });
      await sleep(5);
      await tx.db.insert(tx.tables.meta).values({ key: "b", value: "2" });
      return "done";
    });
    expect(result).toBe("done");
    expect(await metaKeys()).toEqual(["a", "b", "gazetteer_hash"]);
  });

  it("rolls back everything when the work rejects, and passes the error on", async () => {
    const failure = new Error("stop here");
    await expect(
      withTransaction(database, async (tx) => {
        await tx.db.insert(tx.tables.meta).values({ key: "a", value: "1" });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await metaKeys()).toEqual(["gazetteer_hash"]);
  });

  it("runs write transactions of two connections to one database side by side without deadlock", async () => {
    const other = await openDatabase(database.url);
    try {
      const write = (db: Database, key: string) =>
        withTransaction(db, async (tx) => {
          await tx.db.insert(tx.tables.meta).values({ key: `${key}1`, value: "x" });
          await sleep(20);
          await tx.db.insert(tx.tables.meta).values({ key: `${key}2`, value: "x" });
        });
      await Promise.all([write(database, "a"), write(other, "b"), write(database, "c")]);
      expect(await metaKeys(other)).toEqual(["a1", "a2", "b1", "b2", "c1", "c2", "gazetteer_hash"]);
    } finally {
      await other.close();
    }
  });

  it("writes a query once: the same builder code runs on both dialects", async () => {
    const { db, tables } = database;
    await db.insert(tables.meta).values([
      { key: "x", value: "1" },
      { key: "y", value: "2" },
    ]);
    await db.update(tables.meta).set({ value: "3" }).where(eq(tables.meta.key, "y"));
    const rows = await db
      .select({ key: tables.meta.key, n: count() })
      .from(tables.meta)
      .where(sql`${tables.meta.key} in ('x', 'y')`)
      .groupBy(tables.meta.key)
      .orderBy(tables.meta.key);
    expect(rows).toEqual([
      { key: "x", n: 1 },
      { key: "y", n: 1 },
    ]);
  });

  it("picks a dialect's SQL with byDialect and runs raw SQL with rawRows", async () => {
    const year = byDialect(database, {
      sqlite: sql`strftime('%Y', '2019-06-10')`,
      pg: sql`to_char(date '2019-06-10', 'YYYY')`,
    });
    const rows = await rawRows<{ year: string }>(database, sql`select ${year} as year`);
    expect(rows).toEqual([{ year: "2019" }]);
  });
});
