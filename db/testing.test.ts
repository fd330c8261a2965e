import { existsSync } from "node:fs";

import { Client } from "pg";
import { describe, expect, it } from "vitest";

import { count } from "drizzle-orm";

import { allRegions } from "../lib/regions";
import { openDatabase } from "./client";
import {
  createMigratedTestDatabase,
  createPgTestDatabase,
  createSqliteTestDatabase,
  pgAdminUrl,
} from "./testing";

async function databaseExists(name: string): Promise<boolean> {
  const admin = new Client({ connectionString: pgAdminUrl() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe("test databases", () => {
  it("creates a fresh PostgreSQL database per call and drops it", async () => {
    const [a, b] = await Promise.all([createPgTestDatabase(), createPgTestDatabase()]);
    expect(a.name).not.toBe(b.name);
    expect(a.url).toMatch(new RegExp(`/${a.name}$`));
    expect(await databaseExists(a.name)).toBe(true);
    await Promise.all([a.drop(), b.drop()]);
    expect(await databaseExists(a.name)).toBe(false);
  });

  it("drops test databases a crashed run left behind more than six hours ago", async () => {
    const stale = `keyfigures_test_${(Date.now() - 7 * 60 * 60 * 1000).toString(36)}_deadbeef`;
    const admin = new Client({ connectionString: pgAdminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${stale}`);
    await admin.end();
    const fresh = await createPgTestDatabase();
    await fresh.drop();
    expect(await databaseExists(stale)).toBe(false);
  });

  it("gives each SQLite test database its own directory, removed on drop", async () => {
    const database = createSqliteTestDatabase();
    expect(database.url).toBe(database.file);
    await database.drop();
    expect(existsSync(database.file)).toBe(false);
  });

  it.each(["sqlite", "pg"] as const)(
    "copies a migrated %s database with the regions, each copy independent",
    async (dialect) => {
      const [a, b] = await Promise.all([
        createMigratedTestDatabase(dialect),
        createMigratedTestDatabase(dialect),
      ]);
      const [first, second] = await Promise.all([openDatabase(a.url), openDatabase(b.url)]);
      try {
        await first.db.insert(first.tables.meta).values({ key: "only-in-a", value: "1" });
        const [regions] = await second.db.select({ n: count() }).from(second.tables.regions);
        expect(regions?.n).toBe(allRegions().length);
        const keys = await second.db.select({ key: second.tables.meta.key }).from(second.tables.meta);
        expect(keys.map((row) => row.key)).not.toContain("only-in-a");
      } finally {
        await Promise.all([first.close(), second.close()]);
        await Promise.all([a.drop(), b.drop()]);
      }
    },
  );
});
