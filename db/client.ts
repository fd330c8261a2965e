import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import BetterSqlite3 from "better-sqlite3";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { Pool } from "pg";

import { env } from "../lib/env";
import { pgTables, sqliteAsShared, type Database, type PgDatabase, type SqliteDatabase } from "./dialect";
import { syncRegions } from "./regions";
import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";

export type {
  Database,
  Dialect,
  PgDatabase,
  QueryDb,
  SqliteDatabase,
  Tables,
  TransactionScope,
} from "./dialect";
export { byDialect, rawRows, withTransaction } from "./dialect";

export const DEFAULT_SQLITE_FILE = "data/keyfigures.db";

/** Any constant: it names the lock that serialises migrations of app instances starting together. */
const PG_MIGRATION_LOCK = 7_340_113_927;

export type DatabaseTarget = { dialect: "sqlite"; file: string } | { dialect: "pg"; url: string };

/** Reads DATABASE_URL: a file path or `file:` URL is SQLite, `postgres://`/`postgresql://` is PostgreSQL. */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  const value = url?.trim();
  if (!value) return { dialect: "sqlite", file: path.resolve(DEFAULT_SQLITE_FILE) };
  if (/^postgres(ql)?:\/\//i.test(value)) return { dialect: "pg", url: value };
  if (value === ":memory:") return { dialect: "sqlite", file: value };
  if (value.startsWith("file://")) return { dialect: "sqlite", file: fileURLToPath(value) };
  if (value.startsWith("file:"))
    return { dialect: "sqlite", file: path.resolve(value.slice("file:".length)) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error(
      `DATABASE_URL: unsupported scheme in "${value.split("://")[0]}://…" (use a file path, file: URL or postgres:// URL)`,
    );
  }
  return { dialect: "sqlite", file: path.resolve(value) };
}

/** Under Next's bundler import.meta.url is not a file: URL (and its URL is another realm's), so this can fail. */
function besideThisModule(relative: string): string | null {
  try {
    return fileURLToPath(new URL(relative, import.meta.url).href);
  } catch {
    return null;
  }
}

/** Beside this module when run from source (CLI, tests); from the project root when bundled (Next server). */
function migrationsFolder(dialect: "sqlite" | "pg"): string {
  const candidates = [
    besideThisModule(`./migrations/${dialect}`),
    path.resolve(process.cwd(), "db", "migrations", dialect),
  ].filter((folder): folder is string => folder !== null);
  const found = candidates.find((folder) => existsSync(path.join(folder, "meta", "_journal.json")));
  if (!found) throw new Error(`No ${dialect} migrations found (looked in ${candidates.join(", ")})`);
  return found;
}

async function openSqlite(url: string, file: string): Promise<SqliteDatabase> {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  let connection: BetterSqlite3.Database;
  try {
    connection = new BetterSqlite3(file);
  } catch (error) {
    throw new Error(`Cannot open SQLite database ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    connection.pragma("journal_mode = WAL");
    connection.pragma("busy_timeout = 5000");
    connection.pragma("foreign_keys = ON");
    connection.pragma("synchronous = NORMAL");
    const db = drizzleSqlite({ client: connection, schema: sqliteSchema });
    migrateSqlite(db, { migrationsFolder: migrationsFolder("sqlite") });
    const shared = sqliteAsShared(db);
    const database: SqliteDatabase = {
      dialect: "sqlite",
      url,
      file,
      sqlite: connection,
      db: shared.db,
      tables: shared.tables,
      close: async () => {
        if (connection.open) connection.close();
      },
    };
    await syncRegions(database);
    return database;
  } catch (error) {
    connection.close();
    throw error;
  }
}

async function openPg(url: string): Promise<PgDatabase> {
  // No JIT: the app's statements are short reads, and compiling one (a count over 10M rows) took ~20 ms of its
  // ~40, with nothing gained at run time.
  const pool = new Pool({ connectionString: url, max: 10, options: "-c jit=off" });
  // An idle connection dropped by the server (restart, DROP DATABASE … FORCE) must not crash the process;
  // the pool replaces it, and a query on a broken connection still fails where it is awaited.
  pool.on("error", (error) => {
    if (!pool.ending && !pool.ended)
      console.error(`PostgreSQL ${redact(url)}: idle connection lost: ${error.message}`);
  });
  try {
    const lockClient = await pool.connect();
    try {
      await lockClient.query("SELECT pg_advisory_lock($1)", [PG_MIGRATION_LOCK]);
      try {
        await migratePg(drizzlePg({ client: lockClient, schema: pgSchema }), {
          migrationsFolder: migrationsFolder("pg"),
        });
        await syncRegions({
          dialect: "pg",
          db: drizzlePg({ client: lockClient, schema: pgSchema }),
          tables: pgTables,
        });
      } finally {
        await lockClient.query("SELECT pg_advisory_unlock($1)", [PG_MIGRATION_LOCK]);
      }
    } finally {
      lockClient.release();
    }
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot open PostgreSQL database ${redact(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    dialect: "pg",
    url,
    pool,
    db: drizzlePg({ client: pool, schema: pgSchema }),
    tables: pgTables,
    close: async () => {
      if (!pool.ended) await pool.end();
    },
  };
}

/** Hides the password of a connection URL in messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

/**
 * Opens the database named by `url` (default: DATABASE_URL, else data/keyfigures.db), applies pending
 * migrations (an empty database is migrated first) and makes sure the regions table holds the gazetteer.
 */
export async function openDatabase(url?: string): Promise<Database> {
  const source = url ?? env().DATABASE_URL;
  const target = parseDatabaseUrl(source);
  return target.dialect === "pg" ? openPg(target.url) : openSqlite(source ?? target.file, target.file);
}

const globalForDb = globalThis as typeof globalThis & { __keyfiguresDatabase?: Promise<Database> };

/** The process-wide database from DATABASE_URL, for the Next server; survives dev hot reloads. */
export function getDatabase(): Promise<Database> {
  if (!globalForDb.__keyfiguresDatabase) {
    const opening = openDatabase();
    globalForDb.__keyfiguresDatabase = opening;
    opening.catch(() => {
      if (globalForDb.__keyfiguresDatabase === opening) globalForDb.__keyfiguresDatabase = undefined;
    });
  }
  return globalForDb.__keyfiguresDatabase;
}
