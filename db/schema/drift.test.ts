import { Column, is, SQL } from "drizzle-orm";
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";

import * as pg from "./pg";
import * as sqlite from "./sqlite";

interface Shape {
  columns: { name: string; notNull: boolean; primary: boolean; hasDefault: boolean }[];
  indexes: { name: string | undefined; columns: string[]; unique: boolean }[];
  foreignKeys: { columns: string[]; table: string; foreignColumns: string[]; onDelete: string }[];
  primaryKeys: string[][];
}

/** An index's columns by name; an expression (SQLite's `date desc`) by the column it names. */
function columnNames(columns: readonly unknown[]): string[] {
  return columns.map((column) => {
    if (is(column, SQL)) return column.queryChunks.find((chunk) => is(chunk, Column))?.name ?? "(expression)";
    return (column as { name: string }).name;
  });
}

function shape(config: ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>): Shape {
  return {
    columns: config.columns
      .map((column) => ({
        name: column.name,
        notNull: column.notNull,
        primary: column.primary,
        hasDefault: column.hasDefault,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: config.indexes
      .map((index) => ({
        name: index.config.name,
        columns: columnNames(index.config.columns),
        unique: index.config.unique ?? false,
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    foreignKeys: config.foreignKeys.map((key) => {
      const reference = key.reference();
      return {
        columns: columnNames(reference.columns),
        table: (reference.foreignTable as unknown as { [key: symbol]: string })[Symbol.for("drizzle:Name")]!,
        foreignColumns: columnNames(reference.foreignColumns),
        onDelete: key.onDelete ?? "no action",
      };
    }),
    primaryKeys: config.primaryKeys.map((key) => columnNames(key.columns)),
  };
}

const pgTables = Object.fromEntries(
  (Object.values(pg) as unknown[])
    .filter((value): value is PgTable => value instanceof PgTable)
    .map((table) => [pgConfig(table).name, shape(pgConfig(table))]),
);
const sqliteTables = Object.fromEntries(
  (Object.values(sqlite) as unknown[])
    .filter((value): value is SQLiteTable => value instanceof SQLiteTable)
    .map((table) => [sqliteConfig(table).name, shape(sqliteConfig(table))]),
);

describe("the SQLite and PostgreSQL schemas", () => {
  it("define the same tables", () => {
    expect(Object.keys(sqliteTables).sort()).toEqual(Object.keys(pgTables).sort());
    expect(Object.keys(pgTables)).toEqual(
      expect.arrayContaining(["documents", "regions", "figures", "meta"]),
    );
  });

  for (const name of Object.keys(pgTables)) {
    it(`agree on ${name}: columns, nullability, keys, indexes and foreign keys`, () => {
      expect(sqliteTables[name]).toEqual(pgTables[name]);
    });
  }
});
