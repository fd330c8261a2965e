import { asc, eq, inArray, sql } from "drizzle-orm";

import { cachedByDataVersion } from "../cache";
import { rawRows, rawValues, type Database } from "../dialect";
import { GAZETTEER_HASH_KEY } from "../regions";

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

/** The regions table held in memory: every region in the choices' order, and the regions below each one. */
export interface RegionTree {
  /** By country, level and name, as the region choices list them. */
  ordered: readonly RegionRow[];
  byCode: ReadonlyMap<string, RegionRow>;
  children: ReadonlyMap<string, readonly string[]>;
  /** Each region's place in `ordered`, and the places of the regions above it (nearest first). */
  position: ReadonlyMap<string, number>;
  ancestors: readonly (readonly number[])[];
}

const regionTrees = new WeakMap<Database, { key: string; tree: Promise<RegionTree> }>();

/**
 * The regions table as a tree, read again only when the table changes. Regions are never deleted; they change
 * when the gazetteer is synced (a new meta.gazetteer_hash) or a load adds places the gazetteer lacks (more
 * rows), so the hash and the row count tell whether the kept tree is current.
 */
export async function getRegionTree(database: Database): Promise<RegionTree> {
  const [state] = await rawRows<{ hash: string | null; regions: number | string }>(
    database,
    sql`select (select value from meta where key = ${GAZETTEER_HASH_KEY}) as hash,
      (select count(*) from regions) as regions`,
  );
  const key = `${state?.hash ?? ""}:${state?.regions ?? 0}`;
  const kept = regionTrees.get(database);
  if (kept?.key === key) return kept.tree;
  const tree = readRegionTree(database);
  regionTrees.set(database, { key, tree });
  tree.catch(() => {
    if (regionTrees.get(database)?.tree === tree) regionTrees.delete(database);
  });
  return tree;
}

async function readRegionTree(database: Database): Promise<RegionTree> {
  const r = database.tables.regions;
  const ordered = await database.db
    .select(regionColumns(database))
    .from(r)
    .orderBy(asc(r.countryIso3), asc(r.level), asc(r.name), asc(r.code));
  const byCode = new Map(ordered.map((region) => [region.code, region]));
  const children = new Map<string, string[]>();
  for (const region of ordered) {
    if (region.parentCode === null) continue;
    const siblings = children.get(region.parentCode);
    if (siblings) siblings.push(region.code);
    else children.set(region.parentCode, [region.code]);
  }
  const position = new Map(ordered.map((region, index) => [region.code, index]));
  const ancestors = ordered.map((region) => {
    const above: number[] = [];
    for (let up = region.parentCode; up !== null;) {
      const index = position.get(up);
      if (index === undefined || above.includes(index)) break;
      above.push(index);
      up = ordered[index]!.parentCode;
    }
    return above;
  });
  return { ordered, byCode, children, position, ancestors };
}

const descendantsByTree = new WeakMap<RegionTree, Map<string, string[]>>();

/** The given regions and every region below them, once each; codes the regions table lacks are left out. */
export function regionsAndDescendants(tree: RegionTree, codes: readonly string[]): string[] {
  let kept = descendantsByTree.get(tree);
  if (!kept) descendantsByTree.set(tree, (kept = new Map()));
  const key = JSON.stringify(codes);
  const known = kept.get(key);
  if (known) return known;
  const found = new Set<string>();
  const pending = codes.filter((code) => tree.byCode.has(code));
  while (pending.length > 0) {
    const code = pending.pop()!;
    if (found.has(code)) continue;
    found.add(code);
    for (const child of tree.children.get(code) ?? []) pending.push(child);
  }
  const result = [...found];
  if (kept.size >= 256) kept.clear();
  kept.set(key, result);
  return result;
}

/** region_counts: the loader's count of figures placed in each region (not below it); kept until the next load. */
export const getRegionCounts = cachedByDataVersion(queryRegionCounts, { maxEntries: 1 });

async function queryRegionCounts(database: Database): Promise<ReadonlyMap<string, number>> {
  const rows = await rawValues(
    database,
    sql`select region_code, figures from region_counts where figures > 0`,
  );
  return new Map(rows.map(([code, figures]) => [String(code), Number(figures)]));
}

/** Figures in each region of the tree and below it, by the region's place in the tree; kept until the next load. */
const getRegionTotals = cachedByDataVersion(queryRegionTotals, { maxEntries: 1 });

// Summed here rather than by a recursive query: the tree is already in memory, and the walk took ~95 ms at 16k regions.
async function queryRegionTotals(database: Database): Promise<{ tree: RegionTree; totals: Float64Array }> {
  const [tree, placed] = await Promise.all([getRegionTree(database), getRegionCounts(database)]);
  const totals = new Float64Array(tree.ordered.length);
  for (const [code, figures] of placed) {
    const index = tree.position.get(code);
    if (index === undefined) continue;
    totals[index] = totals[index]! + figures;
    for (const above of tree.ancestors[index]!) totals[above] = totals[above]! + figures;
  }
  return { tree, totals };
}

async function regionOptionsWhere(
  database: Database,
  offered: (region: RegionRow) => boolean,
): Promise<RegionOption[]> {
  const { tree, totals } = await getRegionTotals(database);
  const options: RegionOption[] = [];
  tree.ordered.forEach((region, index) => {
    const figureCount = totals[index]!;
    if (figureCount > 0 && offered(region)) options.push({ ...region, figureCount });
  });
  return options;
}

/**
 * The regions worth offering as filters: every region that holds figures, and the regions above them,
 * each with the number of figures in it and below it.
 */
export const getRegionOptions = cachedByDataVersion(
  (database: Database) => regionOptionsWhere(database, () => true),
  {
    maxEntries: 1,
  },
);

/** The same choices down to `deepestLevel`, plus the `selected` regions: what a filter form lists. */
export const getRegionOptionsDownTo = cachedByDataVersion(
  (database: Database, deepestLevel: number, selected: readonly string[]) =>
    regionOptionsWhere(database, (region) => region.level <= deepestLevel || selected.includes(region.code)),
  { maxEntries: 64 },
);
