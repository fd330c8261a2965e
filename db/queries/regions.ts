import { asc, eq, inArray, sql } from "drizzle-orm";

import { cachedByDataVersion } from "../cache";
import { rawRows, type Database } from "../dialect";

export interface RegionRow {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  countryIso3: string;
}

export interface RegionOption extends RegionRow {
  /** Figures placed in this region or any region below it. */
  figureCount: number;
}

const regionColumns = (database: Database) => {
  const r = database.tables.regions;
  return { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, countryIso3: r.countryIso3 };
};

export async function getRegionsByCodes(database: Database, codes: readonly string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  const r = database.tables.regions;
  return database.db
    .select(regionColumns(database))
    .from(r)
    .where(inArray(r.code, [...codes]));
}

export async function getRegion(database: Database, code: string): Promise<RegionRow | null> {
  const [row] = await getRegionsByCodes(database, [code]);
  return row ?? null;
}

export async function getChildRegions(database: Database, code: string): Promise<RegionRow[]> {
  const r = database.tables.regions;
  return database.db
    .select(regionColumns(database))
    .from(r)
    .where(eq(r.parentCode, code))
    .orderBy(asc(r.name));
}

/** The chain from the country down to the region itself; kept until the next load (the API asks per figure's region). */
export const getRegionPath = cachedByDataVersion(queryRegionPath, { maxEntries: 20_000 });

async function queryRegionPath(database: Database, code: string): Promise<RegionRow[]> {
  const rows = await rawRows<{
    code: string;
    name: string;
    level: number | string;
    parent_code: string | null;
    country_iso3: string;
  }>(
    database,
    sql`with recursive up(code, name, level, parent_code, country_iso3) as (
      select code, name, level, parent_code, country_iso3 from regions where code = ${code}
      union all
      select r.code, r.name, r.level, r.parent_code, r.country_iso3 from regions r join up on r.code = up.parent_code
    ) select code, name, level, parent_code, country_iso3 from up order by level`,
  );
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    level: Number(row.level),
    parentCode: row.parent_code,
    countryIso3: row.country_iso3,
  }));
}

/**
 * The regions worth offering as filters: every region that holds figures, and the regions above them,
 * each with the number of figures in it and below it.
 */
export const getRegionOptions = cachedByDataVersion(queryRegionOptions, { maxEntries: 1 });

async function queryRegionOptions(database: Database): Promise<RegionOption[]> {
  const rows = await rawRows<{
    code: string;
    name: string;
    level: number | string;
    parent_code: string | null;
    country_iso3: string;
    figure_count: number | string;
  }>(
    database,
    // region_counts: the loader's count of figures placed in each region.
    sql`with recursive placed(code, n) as (
      select region_code, figures from region_counts where figures > 0
      union all
      select r.parent_code, placed.n from regions r join placed on r.code = placed.code
      where r.parent_code is not null
    ), counts as (
      select code, sum(n) as figure_count from placed group by code
    )
    select r.code, r.name, r.level, r.parent_code, r.country_iso3, counts.figure_count
    from counts join regions r on r.code = counts.code
    order by r.country_iso3, r.level, r.name`,
  );
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    level: Number(row.level),
    parentCode: row.parent_code,
    countryIso3: row.country_iso3,
    figureCount: Number(row.figure_count),
  }));
}
