import { createHash } from "node:crypto";

import { eq, sql } from "drizzle-orm";

import { allRegions, type Region } from "../lib/regions";
import { withTransaction, type TransactionTarget } from "./dialect";
import { REBUILD_REGION_TOTALS } from "./region-totals";

/** meta key holding the hash of the gazetteer the regions table was last synced from. */
export const GAZETTEER_HASH_KEY = "gazetteer_hash";

let cachedHash: { regions: readonly Region[]; hash: string } | undefined;

/** SHA-256 of the gazetteer's regions: what the regions table was last synced from. */
export function gazetteerHash(regions: readonly Region[] = allRegions()): string {
  if (cachedHash?.regions !== regions) {
    cachedHash = { regions, hash: createHash("sha256").update(JSON.stringify(regions)).digest("hex") };
  }
  return cachedHash.hash;
}

/**
 * Upserts the gazetteer into the regions table, counts region_totals again since regions may have moved, and
 * gives the figures of a region that moved to another country that country (a figure's country is its region's).
 * Cheap when already done: the gazetteer's hash is kept in the meta table and nothing is written while it
 * matches. Regions are never deleted, since figures refer to them.
 */
export async function syncRegions(database: TransactionTarget): Promise<{ upserted: number }> {
  const regions = allRegions();
  const hash = gazetteerHash(regions);
  const { db, tables } = database;
  const [current] = await db
    .select({ value: tables.meta.value })
    .from(tables.meta)
    .where(eq(tables.meta.key, GAZETTEER_HASH_KEY));
  if (current?.value === hash) return { upserted: 0 };

  const rows = regions.map((region) => ({
    code: region.code,
    name: region.name,
    level: region.level,
    parentCode: region.parent ?? null,
    countryIso3: region.country,
    aliases: JSON.stringify(region.aliases),
  }));

  if (database.dialect === "sqlite") {
    // One synchronous transaction: an await inside it would let another connection of this process block the
    // event loop on the write lock (better-sqlite3 waits synchronously) and deadlock until busy_timeout.
    const connection = database.sqlite;
    const upsert = connection.prepare(
      `INSERT INTO regions (code, name, level, parent_code, country_iso3, aliases)
       VALUES (@code, @name, @level, @parentCode, @countryIso3, @aliases)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
         parent_code = excluded.parent_code, country_iso3 = excluded.country_iso3, aliases = excluded.aliases`,
    );
    const storedHash = connection.prepare("SELECT value FROM meta WHERE key = ?").pluck();
    const storedCountries = connection.prepare("SELECT code, country_iso3 FROM regions").raw();
    const moveFigures = connection.prepare("UPDATE figures SET country_iso3 = ? WHERE region_code = ?");
    const setHash = connection.prepare(
      "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    const upserted = connection
      .transaction(() => {
        if (storedHash.get(GAZETTEER_HASH_KEY) === hash) return 0;
        const moved = movedRegions(new Map(storedCountries.all() as [string, string][]), rows);
        for (const row of rows) upsert.run(row);
        for (const row of moved) moveFigures.run(row.countryIso3, row.code);
        connection.exec(REBUILD_REGION_TOTALS);
        setHash.run(GAZETTEER_HASH_KEY, hash);
        return rows.length;
      })
      .immediate();
    return { upserted };
  }

  // One statement over arrays: multi-row VALUES for ~16k regions took seconds per fresh test database.
  const column = <K extends keyof (typeof rows)[number]>(key: K) => sql.param(rows.map((row) => row[key]));
  await withTransaction(database, async (tx) => {
    const stored = await tx.db
      .select({ code: tables.regions.code, country: tables.regions.countryIso3 })
      .from(tables.regions);
    const moved = movedRegions(new Map(stored.map((region) => [region.code, region.country])), rows);
    await tx.db.execute(sql`
      INSERT INTO regions (code, name, level, parent_code, country_iso3, aliases)
      SELECT * FROM unnest(${column("code")}::text[], ${column("name")}::text[], ${column("level")}::int4[],
        ${column("parentCode")}::text[], ${column("countryIso3")}::text[], ${column("aliases")}::text[])
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
        parent_code = excluded.parent_code, country_iso3 = excluded.country_iso3, aliases = excluded.aliases`);
    if (moved.length > 0) {
      await tx.db.execute(sql`
        UPDATE figures f SET country_iso3 = m.country
        FROM unnest(${sql.param(moved.map((row) => row.code))}::text[],
          ${sql.param(moved.map((row) => row.countryIso3))}::text[]) AS m(code, country)
        WHERE f.region_code = m.code`);
    }
    await tx.db.execute(sql.raw(REBUILD_REGION_TOTALS));
    await tx.db
      .insert(tx.tables.meta)
      .values({ key: GAZETTEER_HASH_KEY, value: hash })
      .onConflictDoUpdate({ target: tx.tables.meta.key, set: { value: hash } });
  });
  return { upserted: regions.length };
}

/** The gazetteer's regions that the regions table holds in another country. */
function movedRegions<R extends { code: string; countryIso3: string }>(
  storedCountries: ReadonlyMap<string, string>,
  rows: readonly R[],
): R[] {
  return rows.filter((row) => {
    const stored = storedCountries.get(row.code);
    return stored !== undefined && stored !== row.countryIso3;
  });
}
