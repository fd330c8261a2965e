import { and, asc, eq, gt, inArray, lte, or, sql } from "drizzle-orm";

import { cachedByDataVersion } from "../cache";
import { rawRows, rawValues, type Database } from "../dialect";
import { DATA_VERSION_KEY } from "../data-version";
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

/**
 * The regions directly below `code` that hold figures, by name, each with the figures in it and below it (from
 * the loader's region_totals): a region page's breakdown. Kept until the next load.
 */
export const getRegionBreakdown = cachedByDataVersion(
  async (database: Database, code: string): Promise<RegionOption[]> => {
    const r = database.tables.regions;
    const t = database.tables.regionTotals;
    const rows = await database.db
      .select({ ...regionColumns(database), figureCount: t.figures })
      .from(r)
      .innerJoin(t, eq(t.regionCode, r.code))
      .where(and(eq(r.parentCode, code), gt(t.figures, 0)));
    // Sorted here: the two databases' collations order names differently.
    return rows
      .map((row) => ({ ...row, level: Number(row.level), figureCount: Number(row.figureCount) }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code));
  },
  { maxEntries: 256 },
);

/** The chain from the country down to the region itself (region pages); empty for a code the table lacks. */
export async function getRegionPath(database: Database, code: string): Promise<RegionRow[]> {
  return regionPathIn(await getRegionTree(database), code);
}

/**
 * The chain from the country down to the region, from the regions tree kept in memory. The figures API names the
 * path of every region on its page: a recursive query each took ~45 ms of a 1,000-row CSV's first answer.
 */
export function regionPathIn(tree: RegionTree, code: string): RegionRow[] {
  const position = tree.position.get(code);
  if (position === undefined) return [];
  const path = tree.ancestors[position]!.map((above) => tree.ordered[above]!).reverse();
  path.push(tree.ordered[position]!);
  return path;
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

interface KeptTree {
  /** meta.data_version and meta.gazetteer_hash when the tree was last found current, and its row count. */
  version: string;
  hash: string;
  regions: number;
  tree: Promise<RegionTree>;
}

const regionTrees = new WeakMap<Database, KeptTree>();

/**
 * The regions table as a tree, read again only when the table changes. Regions are never deleted; they change
 * when the gazetteer is synced (a new meta.gazetteer_hash) or when a load adds places the gazetteer lacks, and
 * such a load also bumps meta.data_version. So the two meta values are checked on every call, and the rows
 * are counted only after a load.
 */
export async function getRegionTree(database: Database): Promise<RegionTree> {
  const [state] = await rawRows<{ version: string | null; hash: string | null }>(
    database,
    sql`select (select value from meta where key = ${DATA_VERSION_KEY}) as version,
      (select value from meta where key = ${GAZETTEER_HASH_KEY}) as hash`,
  );
  const version = state?.version ?? "0";
  const hash = state?.hash ?? "";
  const kept = regionTrees.get(database);
  if (kept && kept.version === version && kept.hash === hash) return kept.tree;
  const [counted] = await rawRows<{ regions: number | string }>(
    database,
    sql`select count(*) as regions from regions`,
  );
  const regions = Number(counted?.regions ?? 0);
  if (kept && kept.hash === hash && kept.regions === regions) {
    kept.version = version;
    return kept.tree;
  }
  // Read after counting, so the tree holds at least the regions counted.
  const tree = readRegionTree(database);
  regionTrees.set(database, { version, hash, regions, tree });
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

/** Figures placed in any region, from the loader's region_counts; kept until the next load. */
export const getPlacedFigureCount = cachedByDataVersion(
  async (database: Database): Promise<number> => {
    const [row] = await rawValues(database, sql`select coalesce(sum(figures), 0) from region_counts`);
    return Number(row?.[0] ?? 0);
  },
  { maxEntries: 1 },
);

/**
 * Figures in each region or below it, from the loader's region_totals, for the regions with figures: every one,
 * or those down to `deepestLevel`, or the `codes` named (with a level, both). Kept until the next load.
 */
export const getRegionTotals = cachedByDataVersion(queryRegionTotals, { maxEntries: 64 });

async function queryRegionTotals(
  database: Database,
  scope: { deepestLevel?: number; codes?: readonly string[] } = {},
): Promise<ReadonlyMap<string, number>> {
  const t = database.tables.regionTotals;
  const levels = scope.deepestLevel === undefined ? undefined : lte(t.level, scope.deepestLevel);
  const named = scope.codes === undefined ? undefined : inArray(t.regionCode, [...scope.codes]);
  const listed = levels || named ? or(levels, named)! : sql`1 = 1`;
  const rows = await rawValues(
    database,
    sql`select ${t.regionCode}, ${t.figures} from ${t} where ${t.figures} > 0 and ${listed}`,
  );
  return new Map(rows.map(([code, figures]) => [String(code), Number(figures)]));
}

/** Options for the regions with figures among those the totals hold, in the tree's order. */
async function regionOptionsOf(
  database: Database,
  totals: ReadonlyMap<string, number>,
): Promise<RegionOption[]> {
  const tree = await getRegionTree(database);
  const positions: number[] = [];
  for (const code of totals.keys()) {
    const position = tree.position.get(code);
    if (position !== undefined) positions.push(position);
  }
  return positions
    .sort((a, b) => a - b)
    .map((position) => {
      const { code, name, level, parentCode, countryIso3 } = tree.ordered[position]!;
      // One literal: a spread of the region cost several microseconds an option (~1,200 of them per form).
      return { code, name, level, parentCode, countryIso3, figureCount: totals.get(code)! };
    });
}

/**
 * The regions worth offering as filters: every region that holds figures, and the regions above them,
 * each with the number of figures in it and below it.
 */
export const getRegionOptions = cachedByDataVersion(
  async (database: Database) => regionOptionsOf(database, await getRegionTotals(database)),
  { maxEntries: 1 },
);

/** The same choices down to `deepestLevel`, plus the `selected` regions: what a filter form lists. */
export const getRegionOptionsDownTo = cachedByDataVersion(
  async (database: Database, deepestLevel: number, selected: readonly string[]) =>
    regionOptionsOf(database, await getRegionTotals(database, { deepestLevel, codes: selected })),
  { maxEntries: 64 },
);
