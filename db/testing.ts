import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { Client } from "pg";

import { env } from "../lib/env";
import type { Dialect } from "./dialect";

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

/** A fresh, empty PostgreSQL database with a random name, created through TEST_PG_ADMIN_URL. */
export async function createPgTestDatabase(
  adminUrl = pgAdminUrl(),
): Promise<TestDatabase & { name: string }> {
  const name = `${TEST_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await dropStaleTestDatabases(admin);
    await admin.query(`CREATE DATABASE ${name}`);
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
