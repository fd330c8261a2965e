import { createHash, randomBytes } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { sql } from "drizzle-orm";
import { Client } from "pg";

import { env } from "../lib/env";
import { openDatabase, rawRows, type Database } from "./client";
import type { Dialect } from "./dialect";
import { gazetteerHash } from "./regions";

export interface TestDatabase {
  dialect: Dialect;
  /** A DATABASE_URL for openDatabase() or a child process's environment. */
  url: string;
  /** Removes the database (the SQLite file's directory, or the PostgreSQL database). */
  drop(): Promise<void>;
}

/** A fresh, empty SQLite database file in its own temporary directory. */
export function createSqliteTestDatabase(): TestDatabase & { file: string } {
  const directory = mkdtempSync(path.join(tmpdir(), "keyfigures-test-"));
  const file = path.join(directory, "test.db");
  return {
    dialect: "sqlite",
    url: file,
    file,
    drop: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

/** The admin connection tests create their databases through (TEST_PG_ADMIN_URL). */
export function pgAdminUrl(): string {
  return env().TEST_PG_ADMIN_URL;
}

const TEST_DATABASE_PREFIX = "keyfigures_test_";
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** Test databases left behind by a crashed run (the name holds its creation time) are dropped after six hours. */
async function dropStaleTestDatabases(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE $1",
    [`${TEST_DATABASE_PREFIX}%`],
  );
  for (const { datname } of rows) {
    const created = Number.parseInt(datname.slice(TEST_DATABASE_PREFIX.length).split("_")[0] ?? "", 36);
    if (Number.isFinite(created) && Date.now() - created > STALE_AFTER_MS) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }
}

/**
 * A fresh PostgreSQL database with a random name, created through TEST_PG_ADMIN_URL: empty, or a copy of
 * `template`.
 */
export async function createPgTestDatabase(
  adminUrl = pgAdminUrl(),
  template?: string,
): Promise<TestDatabase & { name: string }> {
  const name = `${TEST_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await dropStaleTestDatabases(admin);
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dialect: "pg",
    name,
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A fresh database of either dialect. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  return dialect === "pg" ? createPgTestDatabase() : createSqliteTestDatabase();
}

/** Changes whenever the migrations or the gazetteer do, so a stale migrated copy is never reused. */
function schemaKey(dialect: Dialect): string {
  const folder = path.resolve("db", "migrations", dialect);
  const hash = createHash("sha256").update(gazetteerHash());
  for (const name of readdirSync(folder, { recursive: true, encoding: "utf8" }).sort()) {
    if (name.endsWith(".sql") || name.endsWith(".json"))
      hash.update(name).update(readFileSync(path.join(folder, name)));
  }
  return hash.digest("hex").slice(0, 12);
}

/** A fresh SQLite database, already migrated and holding the regions: a copy of a base file made once. */
async function createMigratedSqliteTestDatabase(): Promise<TestDatabase & { file: string }> {
  const base = path.join(tmpdir(), `keyfigures-base-${schemaKey("sqlite")}.db`);
  if (!existsSync(base)) {
    const building = `${base}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    const database = await openDatabase(building);
    await database.close();
    renameSync(building, base);
  }
  const database = createSqliteTestDatabase();
  copyFileSync(base, database.file);
  return database;
}

/** A fresh PostgreSQL database, already migrated and holding the regions: a copy of a template made once. */
async function createMigratedPgTestDatabase(
  adminUrl = pgAdminUrl(),
): Promise<TestDatabase & { name: string }> {
  const key = schemaKey("pg");
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  let template: string;
  try {
    await admin.query("SELECT pg_advisory_lock(hashtext($1))", [`keyfigures-template-${key}`]);
    try {
      const { rows } = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC LIMIT 1",
        [`${TEST_DATABASE_PREFIX}%_tpl_${key}`],
      );
      template = rows[0]?.datname ?? `${TEST_DATABASE_PREFIX}${Date.now().toString(36)}_tpl_${key}`;
      if (!rows[0]) {
        await admin.query(`CREATE DATABASE ${template}`);
        const url = new URL(adminUrl);
        url.pathname = `/${template}`;
        const database = await openDatabase(url.toString());
        await database.close();
      }
    } finally {
      await admin.query("SELECT pg_advisory_unlock(hashtext($1))", [`keyfigures-template-${key}`]);
    }
  } finally {
    await admin.end();
  }
  return createPgTestDatabase(adminUrl, template);
}

/**
 * A fresh database of either dialect, already migrated and holding the gazetteer's regions, made by copying
 * a migrated base (much faster than migrating each one). Use createTestDatabase for an empty one.
 */
export async function createMigratedTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  return dialect === "pg" ? createMigratedPgTestDatabase() : createMigratedSqliteTestDatabase();
}

type CountRow = { key: string; figures: number | string };

/**
 * region_counts, region_totals and year_counts as the loader kept them, and the same counts aggregated from the
 * raw figures, as sorted "key|count" lines: the two lists must be equal after any sequence of loads.
 */
export async function rollupAndRaw(database: Database): Promise<{ rollup: string[]; raw: string[] }> {
  const year =
    database.dialect === "pg"
      ? sql`to_char(coalesce(reported_date, period_end), 'YYYY')`
      : sql`substr(coalesce(reported_date, period_end), 1, 4)`;
  const normalise = (rows: CountRow[]) =>
    rows
      .filter((row) => Number(row.figures) > 0)
      .map((row) => `${row.key}|${Number(row.figures)}`)
      .sort();
  const rollup = await rawRows<CountRow>(
    database,
    sql`select 'region ' || region_code as key, figures from region_counts
        union all select 'total ' || region_code || ' level ' || level as key, figures from region_totals
        union all select 'year ' || year as key, figures from year_counts`,
  );
  const raw = await rawRows<CountRow>(
    database,
    sql`with recursive up(code, n) as (
          select region_code, count(*) from figures where region_code is not null group by region_code
          union all
          select r.parent_code, up.n from up join regions r on r.code = up.code where r.parent_code is not null
        )
        select 'region ' || region_code as key, count(*) as figures from figures
          where region_code is not null group by region_code
        union all
        select 'total ' || up.code || ' level ' || r.level as key, sum(up.n) as figures
          from up join regions r on r.code = up.code group by up.code, r.level
        union all
        select 'year ' || ${year} as key, count(*) as figures from figures
          where coalesce(reported_date, period_end) is not null group by ${year}`,
  );
  return { rollup: normalise(rollup), raw: normalise(raw) };
}
