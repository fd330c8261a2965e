import type BetterSqlite3 from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import { PgDialect, type PgDatabase as DrizzlePgDatabase } from "drizzle-orm/pg-core";
import type { Pool } from "pg";

import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";

export type Dialect = "sqlite" | "pg";

/**
 * The query builder every query module writes against, once, for both dialects.
 * It is typed as PostgreSQL's (async-only: always `await` a query, never `.all()`/`.get()`/`.run()`);
 * on SQLite the same calls run on drizzle's better-sqlite3 builder, whose queries are awaitable too.
 * Dialect-only features (e.g. `distinctOn`, `ilike`, `for("update")`) type-check but fail on SQLite:
 * the db test suite runs every query on both dialects to catch them.
 */
export type QueryDb = DrizzlePgDatabase<NodePgQueryResultHKT, typeof pgSchema>;

export interface Tables {
  documents: typeof pgSchema.documents;
  regions: typeof pgSchema.regions;
  figures: typeof pgSchema.figures;
  regionCounts: typeof pgSchema.regionCounts;
  regionTotals: typeof pgSchema.regionTotals;
  yearCounts: typeof pgSchema.yearCounts;
  meta: typeof pgSchema.meta;
}

export type SqliteQueryDb = BetterSQLite3Database<typeof sqliteSchema>;

interface DatabaseBase {
  /** The DATABASE_URL (or SQLite file path) this database was opened from. */
  readonly url: string;
  readonly db: QueryDb;
  readonly tables: Tables;
  close(): Promise<void>;
}

export interface SqliteDatabase extends DatabaseBase {
  readonly dialect: "sqlite";
  /** The raw better-sqlite3 connection, for prepared statements in bulk paths. */
  readonly sqlite: BetterSqlite3.Database;
  /** Absolute path of the database file, or ":memory:". */
  readonly file: string;
}

export interface PgDatabase extends DatabaseBase {
  readonly dialect: "pg";
  /** The raw pg pool, for multi-row and `unnest` inserts in bulk paths. */
  readonly pool: Pool;
}

export type Database = SqliteDatabase | PgDatabase;

/** What a transaction callback sees: the same query surface, bound to the transaction. */
export interface TransactionScope {
  readonly dialect: Dialect;
  readonly db: QueryDb;
  readonly tables: Tables;
}

/** The one cast of the two-dialect adapter: SQLite's drizzle database and tables seen through PostgreSQL's types. */
export function sqliteAsShared(db: SqliteQueryDb): { db: QueryDb; tables: Tables } {
  return {
    db: db as unknown as QueryDb,
    tables: {
      documents: sqliteSchema.documents,
      regions: sqliteSchema.regions,
      figures: sqliteSchema.figures,
      regionCounts: sqliteSchema.regionCounts,
      regionTotals: sqliteSchema.regionTotals,
      yearCounts: sqliteSchema.yearCounts,
      meta: sqliteSchema.meta,
    } as unknown as Tables,
  };
}

export const pgTables: Tables = {
  documents: pgSchema.documents,
  regions: pgSchema.regions,
  figures: pgSchema.figures,
  regionCounts: pgSchema.regionCounts,
  regionTotals: pgSchema.regionTotals,
  yearCounts: pgSchema.yearCounts,
  meta: pgSchema.meta,
};

/** Picks the SQL fragment for the database's dialect, for the few expressions that differ (date functions, casts). */
export function byDialect<T = SQL>(database: { dialect: Dialect }, choices: Record<Dialect, T>): T {
  return choices[database.dialect];
}

/** Runs a raw SQL query on either dialect and returns its rows. */
export async function rawRows<Row extends Record<string, unknown>>(
  database: { dialect: Dialect; db: QueryDb },
  query: SQL,
): Promise<Row[]> {
  if (database.dialect === "pg") {
    const result = await database.db.execute(query);
    return result.rows as Row[];
  }
  return (database.db as unknown as SqliteQueryDb).all<Row>(query);
}

const pgDialect = new PgDialect();

/**
 * Runs a raw SQL query and returns its rows as arrays, in the selected columns' order. For wide rows in bulk:
 * better-sqlite3 builds an array about twice as fast as an object (5,000 figures: 15 ms against 31 ms), and
 * node-postgres gives arrays straight from the wire (rowMode "array", as drizzle's own selects read them) where
 * an object per row and Object.values after it cost ~40 ms of a 5,000-figure view. On PostgreSQL, dates come
 * back as their ISO text, as drizzle's selects give them.
 */
export async function rawValues(
  database: { dialect: Dialect; db: QueryDb },
  query: SQL,
): Promise<unknown[][]> {
  if (database.dialect === "pg") {
    return database.db._.session
      .prepareQuery<{ execute: unknown[][]; all: unknown; values: unknown }>(
        pgDialect.sqlToQuery(query),
        undefined,
        undefined,
        true,
        (rows) => rows,
      )
      .execute();
  }
  return (database.db as unknown as SqliteQueryDb).values<unknown[]>(query);
}

/** Write transactions per SQLite file in this process, run one after another. */
const sqliteQueues = new Map<string | BetterSqlite3.Database, Promise<unknown>>();

/** Enough of a database to open a transaction on: a Database, or the migration lock's connection. */
export type TransactionTarget =
  | Pick<PgDatabase, "dialect" | "db" | "tables">
  | Pick<SqliteDatabase, "dialect" | "db" | "tables" | "sqlite" | "file">;

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it rejects.
 * PostgreSQL: drizzle's async transaction on a pooled connection.
 * SQLite: better-sqlite3's transactions are synchronous, so this issues BEGIN IMMEDIATE/COMMIT/ROLLBACK on the
 * connection, and runs the transactions of all connections to the same file in this process one after another:
 * a second connection waiting for the write lock would block the event loop (better-sqlite3 waits synchronously)
 * and so deadlock until busy_timeout.
 */
export async function withTransaction<T>(
  database: TransactionTarget,
  work: (tx: TransactionScope) => Promise<T>,
): Promise<T> {
  if (database.dialect === "pg") {
    return database.db.transaction((tx) => work({ dialect: "pg", db: tx, tables: database.tables }));
  }
  const connection = database.sqlite;
  return queuedSqliteWrite(database, async () => {
    connection.exec("BEGIN IMMEDIATE");
    try {
      const result = await work({ dialect: "sqlite", db: database.db, tables: database.tables });
      connection.exec("COMMIT");
      return result;
    } catch (error) {
      if (connection.inTransaction) connection.exec("ROLLBACK");
      throw error;
    }
  });
}

/**
 * Runs `work` after the write transactions queued before it for the same SQLite file in this process, and before
 * those queued after it (withTransaction's queue): for a write made on a connection of its own, such as the
 * loader's writer thread.
 */
export function queuedSqliteWrite<T>(
  database: Pick<SqliteDatabase, "sqlite" | "file">,
  work: () => Promise<T>,
): Promise<T> {
  const key = database.file === ":memory:" ? database.sqlite : database.file;
  const previous = sqliteQueues.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(work);
  sqliteQueues.set(key, run);
  void run
    .catch(() => undefined)
    .then(() => {
      if (sqliteQueues.get(key) === run) sqliteQueues.delete(key);
    });
  return run;
}
