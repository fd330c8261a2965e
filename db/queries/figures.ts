import { and, count, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";

import { cachedByDataVersion } from "../cache";
import { byDialect, rawValues, type Database } from "../dialect";
import {
  getPlacedFigureCount,
  getRegionTotals,
  getRegionTree,
  regionsAndDescendants,
  type RegionTree,
} from "./regions";

export interface FigureQuery {
  /** Region codes; each also matches the places below it, and a country matches figures placed only in it. */
  regions?: readonly string[];
  metrics?: readonly string[];
  /** YYYY-MM-DD inclusive, compared with the figure's date (reported, else end of period). */
  from?: string | null;
  to?: string | null;
  /** Whether figures with no date are kept; they can't be placed in a window, so a UI must say so. */
  includeUndated?: boolean;
}

export interface FigureSource {
  documentId: number;
  externalId: string | null;
  title: string | null;
  url: string | null;
  publisher: string | null;
  publishedDate: string | null;
  sourceFile: string | null;
}

/** One figure as cards and charts use it: the numbers, the place, the date and the document that states it. */
export interface FigureRow {
  id: number;
  metric: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  qualifier: string;
  unit: string;
  kind: string;
  regionCode: string | null;
  regionName: string | null;
  placeMention: string | null;
  /** The date the figure stands for: reported date, else the end of its period; null when undated. */
  date: string | null;
  source: { documentId: number };
}

/** A figure with its evidence: the period and report dates, the source sentence with the quote, the document. */
export interface EvidenceRow extends FigureRow {
  regionLevel: number | null;
  countryIso3: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  periodPrecision: string | null;
  reportedDate: string | null;
  quote: string;
  /** Offsets of the quote inside `sentence`. */
  quoteInSentence: { start: number; end: number };
  sentence: string;
  source: FigureSource;
}

/** The figure's date as selected: node-postgres would turn a bare date into a JS Date, text keeps the ISO string. */
function selectedFigureDate(database: Database): SQL<string | null> {
  const f = database.tables.figures;
  return byDialect(database, {
    sqlite: sql<string | null>`${f.date}`,
    pg: sql<string | null>`${f.date}::text`,
  });
}

/** Newest first, undated last, then in the order figures were stored: the order of the figures_*_date_idx indexes. */
function newestFirst(database: Database): SQL {
  const f = database.tables.figures;
  return sql`${f.date} desc nulls last, ${f.id}`;
}

/**
 * `expression in (list)` with the list as one parameter: a country's places number thousands. On PostgreSQL as a
 * subquery: `= any(array)` had the planner estimate each element (a province's 600 codes: ~4 ms per statement).
 */
function inList(database: Database, expression: SQL, list: readonly (string | number)[]): SQL {
  const type = sql.raw(typeof list[0] === "number" ? "int8" : "text");
  return byDialect(database, {
    sqlite: sql`${expression} in (select value from json_each(${JSON.stringify(list)}))`,
    pg: sql`${expression} in (select unnest(${sql.param(list)}::${type}[]))`,
  });
}

/** A view's region filter resolved against the regions table: which places it covers. */
interface PlaceFilter {
  /** The regions named and every region below them. */
  regionCodes: string[];
  /** The same for the regions named outside the countries named. */
  regionCodesOutsideCountries: string[];
  /**
   * Countries named: figures placed only in them match too. Every figure stored with one of them matches, placed
   * in a region of the country or only in the country: the loader stores each figure with its region's country,
   * and a region's country is its parent's.
   */
  countries: string[];
  /** Regions of those countries outside the country's tree (places a load added with no parent): not in the view. */
  strays: string[];
  /** Figures placed in the regions covered, from the loader's region_totals. */
  placedFigures: number;
  /** Figures placed in any region. */
  allPlacedFigures: number;
}

async function placeFilter(database: Database, codes: readonly string[]): Promise<PlaceFilter> {
  const tree = await getRegionTree(database);
  const named = new Set(codes);
  // A named region below another named region is already covered by that one.
  const outermost = [...named].filter((code) => {
    const position = tree.position.get(code);
    if (position === undefined) return false;
    return !tree.ancestors[position]!.some((above) => named.has(tree.ordered[above]!.code));
  });
  const countryCodes = outermost.filter((code) => tree.byCode.get(code)?.level === 0);
  const countries = countryCodes.map((code) => tree.byCode.get(code)!.countryIso3);
  const strays = countries.flatMap((country) => strayRegions(tree).get(country) ?? []);
  const [totals, allPlacedFigures] = await Promise.all([
    getRegionTotals(database, { codes: outermost }),
    getPlacedFigureCount(database),
  ]);
  return {
    regionCodes: regionsAndDescendants(tree, outermost),
    regionCodesOutsideCountries: regionsAndDescendants(
      tree,
      outermost.filter((code) => !countryCodes.includes(code)),
    ),
    countries: [...new Set(countries)],
    strays,
    placedFigures: sumOf(totals.values()),
    allPlacedFigures,
  };
}

const straysByTree = new WeakMap<RegionTree, ReadonlyMap<string, readonly string[]>>();

/** Per country, its regions outside its tree: places a load added with no parent, under no country region. */
function strayRegions(tree: RegionTree): ReadonlyMap<string, readonly string[]> {
  let strays = straysByTree.get(tree);
  if (!strays) {
    const found = new Map<string, string[]>();
    tree.ordered.forEach((region, position) => {
      const top = tree.ordered[tree.ancestors[position]!.at(-1) ?? position]!;
      if (top.level === 0 && top.countryIso3 === region.countryIso3) return;
      const list = found.get(region.countryIso3);
      if (list) list.push(region.code);
      else found.set(region.countryIso3, [region.code]);
    });
    straysByTree.set(tree, (strays = found));
  }
  return strays;
}

/**
 * Above this share of all placed figures, a region view reads the date index in order and checks the place on
 * the way (SYR, 16 % of figures, at 1M on SQLite: the newest 2,000 in 8 ms) instead of gathering and sorting
 * every match through the region index (320 ms); below it the region index wins (a province of 2.7 %: 12–15 ms
 * against 19–23 ms with or without a metric and period; a district of 0.5 %: 9 ms against 160 ms).
 */
const DATE_ORDER_SHARE = 0.05;

function manyFigures(places: PlaceFilter): boolean {
  return places.placedFigures > DATE_ORDER_SHARE * places.allPlacedFigures;
}

/**
 * Above this share of all placed figures, a view finds its countries' figures by the country column, which the
 * date and metric indexes hold: in date order, without checking each entry against the country's thousands of
 * places (SYR, 16 %, at 1M on SQLite: ~8 ms less; YEM, 1.8 %: 43 ms → 23 ms). Below it, reading in date order
 * would pass over too many other figures, so a small country is found by its places, through the region index:
 * SQLite, a country of 0.07 % at 1M: 7 ms by its places, 66 ms by the column; PostgreSQL reads index entries
 * faster and gathers slower, at 10M: 0.6 % by the column 13 ms (by its places 150 ms), 0.07 % 190 ms (10 ms).
 */
const COUNTRY_COLUMN_SHARE = { sqlite: 0.01, pg: 0.002 } as const;

/**
 * Whether a view's countries are found by the country column. A count reads every entry of its index range
 * rather than the first ones in order, so it counts by the places unless the countries are big (Sudan's
 * displaced at 10M on PostgreSQL: 200 ms by the column).
 */
function byCountry(database: Database, places: PlaceFilter, purpose: Purpose): boolean {
  const share = purpose === "read" ? COUNTRY_COLUMN_SHARE[database.dialect] : DATE_ORDER_SHARE;
  return places.countries.length > 0 && places.placedFigures > share * places.allPlacedFigures;
}

/**
 * SQLite, a small country found by its places: each branch of the place condition reads its own index (the
 * region index, and the index of figures placed only in a country), the metric checked there. Left to choose,
 * SQLite read the metric's whole date index instead (Sudan's displaced at 1M: 40 ms; by the places, 4 ms).
 */
function byPlacesOfSmallCountry(
  database: Database,
  places: PlaceFilter | undefined,
  purpose: Purpose,
): boolean {
  return (
    database.dialect === "sqlite" &&
    !!places &&
    places.countries.length > 0 &&
    !byCountry(database, places, purpose)
  );
}

/** Reading figures in the dashboard's order, or counting them (in any order). */
type Purpose = "read" | "count";

/** A part of a view's place condition: the parts cover disjoint sets of figures, so their counts add up. */
interface PlaceBranch {
  where: SQL;
  /** Figures placed in the regions listed (rather than a country's by its column, or those placed only in it). */
  regions: boolean;
}

/** A view's place condition as disjoint branches; none when the view names no place it can match. */
function placeBranches(
  database: Database,
  query: FigureQuery,
  places: PlaceFilter,
  purpose: Purpose,
): PlaceBranch[] {
  const f = database.tables.figures;
  // Kept off the region index when the date index is better: to read a big region in date order, or to count
  // it with no metric. SQLite plans without statistics; PostgreSQL spent ~40 ms planning a country's 8,700
  // codes, but with a metric too its bitmap of both indexes wins.
  const many = manyFigures(places);
  const metrics = query.metrics?.length ?? 0;
  const regionCode = byDialect(database, {
    sqlite: many && (purpose === "read" || metrics === 0) ? sql`+${f.regionCode}` : sql`${f.regionCode}`,
    pg: many && metrics === 0 ? sql`(${f.regionCode} || '')` : sql`${f.regionCode}`,
  });
  const countryColumn = byCountry(database, places, purpose);
  const codes = countryColumn ? places.regionCodesOutsideCountries : places.regionCodes;
  const branches: PlaceBranch[] = [];
  if (codes.length > 0) branches.push({ where: inList(database, regionCode, codes), regions: true });
  if (countryColumn) {
    // A stray region of a country is outside its tree, so outside its views; one named itself is in `codes`.
    const inCountries = inArray(f.countryIso3, places.countries);
    const stray =
      places.strays.length > 0 ? inList(database, sql`${f.regionCode}`, places.strays) : undefined;
    branches.push({
      where: stray ? and(inCountries, or(isNull(f.regionCode), sql`not (${stray})`))! : inCountries,
      regions: false,
    });
  } else if (places.countries.length > 0) {
    branches.push({
      where: and(isNull(f.regionCode), inArray(f.countryIso3, places.countries))!,
      regions: false,
    });
  }
  return branches;
}

/** A view's conditions, with its place condition whole or, given `branch`, that branch of it alone. */
function figureConditions(
  database: Database,
  query: FigureQuery,
  places: PlaceFilter | undefined,
  purpose: Purpose,
  branch?: PlaceBranch,
): SQL | undefined {
  const f = database.tables.figures;
  const conditions: (SQL | undefined)[] = [];

  if (query.metrics && query.metrics.length > 0) {
    const metric = byPlacesOfSmallCountry(database, places, purpose) ? sql`+${f.metric}` : sql`${f.metric}`;
    conditions.push(inArray(metric, [...query.metrics]));
  }

  if (places) {
    const branches = branch ? [branch] : placeBranches(database, query, places, purpose);
    conditions.push(branches.length > 0 ? or(...branches.map((b) => b.where)) : sql`1 = 0`);
  }

  return and(...conditions);
}

/**
 * A view's matches in the dashboard's order as parts read one after another: the dated figures (newest first),
 * then the undated ones. Each part is one range of the date indexes; `date in window or date is null` as one
 * condition was a scan of every figure of the metric.
 */
function dateParts(database: Database, query: FigureQuery): (SQL | undefined)[] {
  const date = database.tables.figures.date;
  const includeUndated = query.includeUndated ?? true;
  if (!query.from && !query.to) return [includeUndated ? undefined : isNotNull(date)];
  const dated = and(
    isNotNull(date),
    query.from ? gte(date, query.from) : undefined,
    query.to ? lte(date, query.to) : undefined,
  );
  return includeUndated ? [dated, isNull(date)] : [dated];
}

/**
 * SQLite plans without statistics. Given a date range and one metric, it would read the date index and each
 * row's metric, where the metric's own date range is far fewer rows (killed in 2024 at 1M: 110 ms → 20 ms);
 * for a small region with a metric, the region's own ranges are fewer still (a province's displaced in 12
 * months at 1M: 11 ms → 6 ms).
 */
function indexHint(
  database: Database,
  query: FigureQuery,
  places: PlaceFilter | undefined,
  purpose: Purpose,
): SQL {
  if (database.dialect !== "sqlite" || query.metrics?.length !== 1) return sql``;
  if (byPlacesOfSmallCountry(database, places, purpose)) return sql``;
  if (places && places.countries.length === 0 && (purpose === "count" || !manyFigures(places))) {
    return sql.raw(" indexed by figures_region_date_idx");
  }
  return query.from || query.to ? sql.raw(" indexed by figures_metric_date_idx") : sql``;
}

async function resolvePlaces(database: Database, query: FigureQuery): Promise<PlaceFilter | undefined> {
  return query.regions && query.regions.length > 0 ? placeFilter(database, query.regions) : undefined;
}

/** Reads a view's rows in the dashboard's order, part after part, up to `limit`. */
async function readInOrder(
  database: Database,
  query: FigureQuery,
  columns: SQL,
  limit: number | undefined,
): Promise<unknown[][]> {
  const f = database.tables.figures;
  const places = await resolvePlaces(database, query);
  const rows: unknown[][] = [];
  for (const part of dateParts(database, query)) {
    const left = limit === undefined ? undefined : limit - rows.length;
    if (left === 0) break;
    const where = and(figureConditions(database, query, places, "read"), part) ?? sql`1 = 1`;
    const ordered = sql`order by ${newestFirst(database)}`;
    const from = sql`${f}${indexHint(database, query, places, "read")}`;
    const statement =
      left === undefined
        ? sql`select ${columns} from ${f} where ${where} ${ordered}`
        : readsInOrder(database, query, places)
          ? sql`select ${columns} from ${from} where ${where} ${ordered} limit ${left}`
          : sql`select ${columns} from ${f} where ${f.id} in (${pickIds(database, query, places, part, left)}) ${ordered}`;
    const read = await rawValues(database, statement);
    for (const row of read) rows.push(row);
  }
  return rows;
}

/**
 * Whether a view's figures are read in the dashboard's order from one index range (every figure, one metric,
 * a big region), so that reading stops at the limit and needs no sort. Otherwise the ids are picked from the
 * indexes alone first: a province's displaced in 12 months at 10M on PostgreSQL read 10,000 rows (450 ms)
 * before its sort kept 5,000 of them; picking the ids first, 90 ms.
 */
function readsInOrder(database: Database, query: FigureQuery, places: PlaceFilter | undefined): boolean {
  if ((query.metrics?.length ?? 0) > 1) return false;
  if (!places) return true;
  // SQLite checks the region or country inside the date index; PostgreSQL's index scans check it on each row read.
  if (database.dialect !== "sqlite") return false;
  return (
    manyFigures(places) ||
    (byCountry(database, places, "read") && places.regionCodesOutsideCountries.length === 0)
  );
}

/**
 * The ids of a view's first `limit` figures in the dashboard's order. PostgreSQL, given an order and a limit,
 * prefers to read a metric's date index in order and check the region on the way (a province's displaced in 12
 * months at 10M: 200,000 entries, ~60 ms); behind `offset 0` it gathers the region's own entries from the
 * region index instead (10,000, ~30 ms) and sorts those. A big country's figures are read in order from the
 * date or metric index, the country checked in the index (Syria's displaced at 10M: 4 ms; gathered, 300 ms).
 * On PostgreSQL each branch of the place condition is picked on its own and the picks merged: planned as one
 * `or`, a small country's places and the figures placed only in it were estimated at half the table and read
 * by a scan (El Salvador at 10M: 1.9 s; by branch, 10 ms).
 */
function pickIds(
  database: Database,
  query: FigureQuery,
  places: PlaceFilter | undefined,
  datePart: SQL | undefined,
  limit: number,
): SQL {
  const f = database.tables.figures;
  const from = sql`${f}${indexHint(database, query, places, "read")}`;
  const whereOf = (branch?: PlaceBranch) =>
    and(figureConditions(database, query, places, "read", branch), datePart) ?? sql`1 = 1`;
  const ordered = (where: SQL) =>
    sql`select ${f.id}, ${f.date} from ${from} where ${where} order by ${newestFirst(database)} limit ${limit}`;
  const gathered = (where: SQL) =>
    sql`select id, date from (select ${f.id}, ${f.date} from ${from} where ${where} offset 0) as matches
      order by date desc nulls last, id limit ${limit}`;
  if (database.dialect === "sqlite" || !places) {
    return sql`select ${f.id} from ${from} where ${whereOf()} order by ${newestFirst(database)} limit ${limit}`;
  }
  const gatherRegions = (query.metrics?.length ?? 0) > 0 || !manyFigures(places);
  const picks = placeBranches(database, query, places, "read").map((branch) => {
    const where = whereOf(branch);
    // The figures placed only in a country are few and have an index of their own: gathered too.
    return sql`(${(branch.regions ? gatherRegions : !byCountry(database, places, "read")) ? gathered(where) : ordered(where)})`;
  });
  if (picks.length === 0) return sql`select ${f.id} from ${f} where 1 = 0`;
  return sql`select id from (${sql.join(picks, sql` union all `)}) as picked
    order by date desc nulls last, id limit ${limit}`;
}

/** A light row as read, in lightColumns' order. */
type LightTuple = [
  id: number | string,
  documentId: number | string,
  metric: string,
  value: number | null,
  lower: number | null,
  upper: number | null,
  qualifier: string,
  unit: string,
  kind: string,
  regionCode: string | null,
  placeMention: string | null,
  date: string | null,
];

/** How many columns a light row has: the evidence columns follow them. */
const LIGHT_COLUMNS = 12;

function lightColumns(database: Database): SQL {
  const f = database.tables.figures;
  return sql`${f.id}, ${f.documentId}, ${f.metric}, ${f.value}, ${f.lower}, ${f.upper}, ${f.qualifier}, ${f.unit},
    ${f.kind}, ${f.regionCode}, ${f.placeMention}, ${selectedFigureDate(database)}`;
}

function lightRow(tuple: LightTuple, tree: RegionTree): FigureRow {
  const [id, documentId, metric, value, lower, upper, qualifier, unit, kind, regionCode, placeMention, date] =
    tuple;
  const region = regionCode === null ? undefined : tree.byCode.get(regionCode);
  return {
    id: Number(id),
    metric,
    value,
    lower,
    upper,
    qualifier,
    unit,
    kind,
    regionCode,
    regionName: region?.name ?? null,
    placeMention,
    date,
    source: { documentId: Number(documentId) },
  };
}

/**
 * The figures matching a view, newest first (undated last), without their sentences: what cards and charts
 * need, read in one pass over an index. Rows are never merged or summed here: that is lib/series' job.
 */
async function queryFigures(
  database: Database,
  query: FigureQuery = {},
  options: { limit?: number } = {},
): Promise<FigureRow[]> {
  const [rows, tree] = await Promise.all([
    readInOrder(database, query, lightColumns(database), options.limit),
    getRegionTree(database),
  ]);
  return rows.map((row) => lightRow(row as LightTuple, tree));
}

/** The evidence columns read by id, after the light ones. */
type EvidenceColumns = [
  countryIso3: string | null,
  periodStart: string | null,
  periodEnd: string | null,
  periodPrecision: string | null,
  reportedDate: string | null,
  quote: string,
  quoteStart: number,
  quoteEnd: number,
  sentence: string,
  sentenceStart: number,
];

/** A document row as read, in the order the query selects. */
type DocumentTuple = [
  id: number | string,
  externalId: string | null,
  title: string | null,
  url: string | null,
  publisher: string | null,
  publishedDate: string | null,
  sourceFile: string | null,
];

/** The given figures with their evidence (sentence, quote, document), in the order of `ids`. */
async function queryEvidence(database: Database, ids: readonly number[]): Promise<EvidenceRow[]> {
  if (ids.length === 0) return [];
  const { figures: f, documents: d } = database.tables;
  const rows = (await rawValues(
    database,
    sql`select ${lightColumns(database)}, ${f.countryIso3}, ${f.periodStart}, ${f.periodEnd}, ${f.periodPrecision}, ${f.reportedDate},
      ${f.quote}, ${f.quoteStart}, ${f.quoteEnd}, ${f.sentence}, ${f.sentenceStart}
      from ${f} where ${inList(database, sql`${f.id}`, ids)}`,
  )) as [...LightTuple, ...EvidenceColumns][];
  const documentIds = [...new Set(rows.map((row) => Number(row[1])))];
  const [documents, tree] = await Promise.all([
    rawValues(
      database,
      sql`select ${d.id}, ${d.externalId}, ${d.title}, ${d.url}, ${d.publisher}, ${d.publishedDate}, ${d.sourceFile}
        from ${d} where ${inList(database, sql`${d.id}`, documentIds)}`,
    ) as Promise<DocumentTuple[]>,
    getRegionTree(database),
  ]);
  const documentsById = new Map(
    documents.map(([documentId, externalId, title, url, publisher, publishedDate, sourceFile]) => [
      Number(documentId),
      { documentId: Number(documentId), externalId, title, url, publisher, publishedDate, sourceFile },
    ]),
  );
  const rowsById = new Map(rows.map((row) => [Number(row[0]), row]));
  return ids.flatMap((id) => {
    const row = rowsById.get(id);
    const source = row && documentsById.get(Number(row[1]));
    if (!row || !source) return [];
    return [evidenceRow(row, source, tree)];
  });
}

/**
 * An evidence row from its columns, built in one literal: spreading the light row into it cost ~15 µs a row
 * (250 rows: 5.9 ms against 1.6).
 */
function evidenceRow(
  row: [...LightTuple, ...EvidenceColumns],
  source: FigureSource,
  tree: RegionTree,
): EvidenceRow {
  const [, , metric, value, lower, upper, qualifier, unit, kind, regionCode, placeMention, date] = row;
  const [
    countryIso3,
    periodStart,
    periodEnd,
    periodPrecision,
    reportedDate,
    quote,
    quoteStart,
    quoteEnd,
    sentence,
    sentenceStart,
  ] = row.slice(LIGHT_COLUMNS) as EvidenceColumns;
  const region = regionCode === null ? undefined : tree.byCode.get(regionCode);
  return {
    id: Number(row[0]),
    metric,
    value,
    lower,
    upper,
    qualifier,
    unit,
    kind,
    regionCode,
    regionName: region?.name ?? null,
    placeMention,
    date,
    regionLevel: region?.level ?? null,
    countryIso3,
    periodStart,
    periodEnd,
    periodPrecision,
    reportedDate,
    quote,
    quoteInSentence: { start: quoteStart - sentenceStart, end: quoteEnd - sentenceStart },
    sentence,
    source,
  };
}

/** A view's figures (newest first, undated last), kept until the next load: views repeat far more than loads. */
export const getFigures = cachedByDataVersion(queryFigures, { maxEntries: 16 });

/** Figures with their sentences and documents, for the rows a page lists; kept until the next load. */
export const getEvidence = cachedByDataVersion(queryEvidence, { maxEntries: 64 });

/** How many figures match a view (the API's total); kept until the next load. */
export const countMatchingFigures = cachedByDataVersion(
  async (database: Database, query: FigureQuery = {}) =>
    (await queryMatchingCount(database, query, undefined)).figures,
  { maxEntries: 256 },
);

/** A count of a view's figures, exact or stopped at a bound. */
export interface MatchingCount {
  figures: number;
  /** Counting stopped at `figures`: more match. */
  more: boolean;
}

/**
 * How many figures match a view, counted up to `upTo`: exact from the rollups whatever the number, and from the
 * indexes until `upTo` are found, so a view's count reads at most that many index entries beyond those it skips
 * (Syria's displaced at 10M on PostgreSQL: 400 ms to count all 370,000). Kept until the next load.
 */
export const countMatchingFiguresUpTo = cachedByDataVersion(
  (database: Database, query: FigureQuery, upTo: number) => queryMatchingCount(database, query, upTo),
  { maxEntries: 256 },
);

async function queryMatchingCount(
  database: Database,
  query: FigureQuery,
  upTo: number | undefined,
): Promise<MatchingCount> {
  const f = database.tables.figures;
  const places = await resolvePlaces(database, query);
  const everyFigureOfThePlaces =
    (query.metrics ?? []).length === 0 && !query.from && !query.to && (query.includeUndated ?? true);
  if (everyFigureOfThePlaces) {
    // Exact from the loader's region_counts: only the figures with no region are counted here.
    const placed = places?.placedFigures ?? (await getPlacedFigureCount(database));
    const unplaced = places
      ? places.countries.length > 0
        ? and(isNull(f.regionCode), inArray(f.countryIso3, places.countries))
        : undefined
      : isNull(f.regionCode);
    if (!unplaced) return { figures: placed, more: false };
    const [row] = await database.db.select({ n: count() }).from(f).where(unplaced);
    return { figures: placed + Number(row?.n ?? 0), more: false };
  }
  // Each date part and each branch of the place condition counted on its own (they are disjoint): PostgreSQL
  // planned a small country's places `or` the figures placed only in it as a scan of the table (El Salvador at
  // 10M: 1.8 s; by branch, 2 ms). The parts run at once: on PostgreSQL each on a connection of its own.
  const branches = places ? placeBranches(database, query, places, "count") : [undefined];
  const counts = await Promise.all(
    dateParts(database, query).flatMap((part) =>
      branches.map(async (branch) => {
        const where = and(figureConditions(database, query, places, "count", branch), part) ?? sql`1 = 1`;
        const from = sql`${f}${indexHint(database, query, places, "count")}`;
        const [row] = await rawValues(
          database,
          upTo === undefined
            ? sql`select count(*) from ${from} where ${where}`
            : sql`select count(*) from (select 1 from ${from} where ${where} limit ${upTo + 1}) as found`,
        );
        return Number(row?.[0] ?? 0);
      }),
    ),
  );
  const figures = sumOf(counts);
  return upTo !== undefined && figures > upTo ? { figures: upTo, more: true } : { figures, more: false };
}

function sumOf(numbers: Iterable<number>): number {
  let total = 0;
  for (const n of numbers) total += n;
  return total;
}

/** The years figures are dated in, newest first, for the period choices (from the loader's year_counts). */
export const getFigureYears = cachedByDataVersion(queryFigureYears, { maxEntries: 1 });

async function queryFigureYears(database: Database): Promise<string[]> {
  const c = database.tables.yearCounts;
  const rows = await database.db
    .select({ year: c.year })
    .from(c)
    .where(sql`${c.figures} > 0`);
  return rows.map((r) => String(r.year)).sort((a, b) => b.localeCompare(a));
}
