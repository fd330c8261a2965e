import { spawnSync } from "node:child_process";

import { sql } from "drizzle-orm";
import { Client } from "pg";

import { openDatabase, rawRows, redact, type Database } from "../../db/client";
import { createPgTestDatabase, createSqliteTestDatabase, pgAdminUrl } from "../../db/testing";

export interface BenchDatabase {
  database: Database;
  /** Where it is, for the report (password hidden). */
  where: string;
  /** Closes it, and removes it unless it was named with --database-url. */
  done(): Promise<void>;
}

/** What a load does to every cache: bump meta.data_version (here without storing anything). */
export async function bumpDataVersion(database: Database): Promise<void> {
  await rawRows(
    database,
    sql`update meta set value = cast(cast(value as integer) + 1 as text) where key = 'data_version' returning key`,
  );
}

/** A new SQLite file in a temporary directory: never data/keyfigures.db. */
export async function sqliteBenchDatabase(): Promise<BenchDatabase> {
  const target = createSqliteTestDatabase();
  const database = await openDatabase(target.file);
  return {
    database,
    where: target.file,
    done: async () => {
      await database.close();
      await target.drop();
    },
  };
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * PostgreSQL for a run: the database named by --database-url (kept), else a new database created through
 * TEST_PG_ADMIN_URL (dropped afterwards), starting the local server as the tests do when it is down.
 */
export async function pgBenchDatabase(explicitUrl: string | undefined): Promise<BenchDatabase> {
  if (explicitUrl) {
    const database = await openDatabase(explicitUrl);
    return { database, where: redact(explicitUrl), done: () => database.close() };
  }
  if (!(await reachable(pgAdminUrl()))) {
    const started = spawnSync("bash", ["scripts/test-services.sh"], { stdio: "inherit" });
    if (started.status !== 0) {
      throw new Error(
        `PostgreSQL at ${redact(pgAdminUrl())} is not reachable and scripts/test-services.sh failed; use --skip-pg`,
      );
    }
  }
  const target = await createPgTestDatabase();
  const database = await openDatabase(target.url);
  return {
    database,
    where: redact(target.url),
    done: async () => {
      await database.close();
      await target.drop();
    },
  };
}
