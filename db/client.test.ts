import path from "node:path";
import { pathToFileURL } from "node:url";

import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";

import { DEFAULT_SQLITE_FILE, openDatabase, parseDatabaseUrl, rawRows, redact } from "./client";
import { createPgTestDatabase, createSqliteTestDatabase, type TestDatabase } from "./testing";

describe("DATABASE_URL", () => {
  it("means the SQLite file data/keyfigures.db when unset or blank", () => {
    const file = path.resolve(DEFAULT_SQLITE_FILE);
    expect(parseDatabaseUrl(undefined)).toEqual({ dialect: "sqlite", file });
    expect(parseDatabaseUrl("  ")).toEqual({ dialect: "sqlite", file });
  });

  it("means SQLite for a file path or a file: URL", () => {
    expect(parseDatabaseUrl("/var/lib/kf.db")).toEqual({ dialect: "sqlite", file: "/var/lib/kf.db" });
    expect(parseDatabaseUrl("data/other.db")).toEqual({
      dialect: "sqlite",
      file: path.resolve("data/other.db"),
    });
    expect(parseDatabaseUrl("file:data/other.db")).toEqual({
      dialect: "sqlite",
      file: path.resolve("data/other.db"),
    });
    expect(parseDatabaseUrl(pathToFileURL("/tmp/a b.db").href)).toEqual({
      dialect: "sqlite",
      file: "/tmp/a b.db",
    });
  });

  it("means PostgreSQL for postgres:// and postgresql:// URLs", () => {
    expect(parseDatabaseUrl("postgres://u:p@db:5432/kf")).toEqual({
      dialect: "pg",
      url: "postgres://u:p@db:5432/kf",
    });
    expect(parseDatabaseUrl("postgresql://db/kf").dialect).toBe("pg");
  });

  it("rejects another scheme with a message naming it", () => {
    expect(() => parseDatabaseUrl("mysql://db/kf")).toThrow(/unsupported scheme in "mysql:\/\/…"/);
  });

  it("hides a password in messages", () => {
    expect(redact("postgres://user:secret@db:5432/kf")).toBe("postgres://user:***@db:5432/kf");
  });
});

describe("a SQLite database", () => {
  let testDatabase: TestDatabase | undefined;
  afterEach(async () => {
    await testDatabase?.drop();
  });

  it("runs with WAL, a busy timeout and foreign keys, so the site reads while a load writes", async () => {
    const created = createSqliteTestDatabase();
    testDatabase = created;
    const database = await openDatabase(pathToFileURL(created.file).href);
    try {
      if (database.dialect !== "sqlite") throw new Error("expected SQLite");
      expect(database.file).toBe(created.file);
      expect(database.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(database.sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
      expect(database.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    } finally {
      await database.close();
    }
  });
});

describe("a PostgreSQL database", () => {
  let testDatabase: TestDatabase | undefined;
  afterEach(async () => {
    await testDatabase?.drop();
  });

  it("runs the app's short reads without JIT compilation", async () => {
    testDatabase = await createPgTestDatabase();
    const database = await openDatabase(testDatabase.url);
    try {
      expect(await rawRows(database, sql`show jit`)).toEqual([{ jit: "off" }]);
    } finally {
      await database.close();
    }
  });
});
