import { and, count, inArray, isNull, or, sql, type SQL } from "drizzle-orm";

import { cachedByDataVersion } from "../cache";
import { byDialect, rawRows, rawValues, type Database } from "../dialect";
import { getRegionCounts, getRegionTree, regionsAndDescendants } from "./regions";

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

/** One figure as the dashboard shows it: the numbers, the place, the date and the source sentence. */
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
  regionLevel: number | null;
  placeMention: string | null;
  countryIso3: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  periodPrecision: string | null;
  reportedDate: string | null;
  /** The date the figure stands for: reported date, else the end of its period; null when undated. */
  date: string | null;
  quote: string;
  /** Offsets of the quote inside `sentence`. */
  quoteInSentence: { start: number; end: number };
  sentence: string;
  source: FigureSource;
}

/**
 * The figure's date as SQL, for filtering and sorting: exactly the expression of the figures_*_date_idx
 * indexes (db/schema), so a view reads an index in order instead of sorting every match.
 */
function figureDate(database: Database): SQL<string | null> {
  const f = database.tables.figures;
  return sql<string | null>`coalesce(${f.reportedDate}, ${f.periodEnd})`;
}

/** The figure's date as selected: node-postgres would turn a bare date into a JS Date, text keeps the ISO string. */
function selectedFigureDate(database: Database): SQL<string | null> {
  const date = figureDate(database);
  return byDialect(database, { sqlite: date, pg: sql<string | null>`${date}::text` });
}

function newestFirst(database: Database): SQL[] {
  const f = database.tables.figures;
  const date = figureDate(database);
  return [
    sql`${date} is null`,
    sql`${date} desc`,
    sql`${f.metric}`,
    sql`${f.documentId}`,
    sql`${f.quoteStart}`,
  ];
}

/** `expression in (list)` with the list as one parameter: a country's places number thousands. */
function inList(database: Database, expression: SQL, list: readonly (string | number)[]): SQL {
  return byDialect(database, {
    sqlite: sql`${expression} in (select value from json_each(${JSON.stringify(list)}))`,
    pg: sql`${expression} = any(${sql.param(list)}::${sql.raw(typeof list[0] === "number" ? "int8" : "text")}[])`,
  });
}

/** A view's region filter resolved against the regions table: which places it covers. */
interface PlaceFilter {
  /** The regions named and every region below them. */
  regionCodes: string[];
  /** Countries among the regions named: figures placed only in the country (no region) match them too. */
  countries: string[];
  /** Figures placed in regionCodes, from the loader's region_counts. */
  placedFigures: number;
  /** Figures placed in any region. */
  allPlacedFigures: number;
}

async function placeFilter(database: Database, codes: readonly string[]): Promise<PlaceFilter> {
  const [tree, placed] = await Promise.all([getRegionTree(database), getRegionCounts(database)]);
  const regionCodes = regionsAndDescendants(tree, codes);
  const countries = codes.flatMap((code) => {
    const region = tree.byCode.get(code);
    return region?.level === 0 ? [region.countryIso3] : [];
  });
  return {
    regionCodes,
    countries: [...new Set(countries)],
    placedFigures: sumOf(regionCodes.map((code) => placed.get(code) ?? 0)),
    allPlacedFigures: sumOf(placed.values()),
  };
}

/**
 * Above this share of all placed figures, a region view reads the date index in order and checks the place on
 * the way (SYR, 16 % of figures, at 1M on SQLite: the newest 5,000 in 17 ms) instead of gathering and sorting
 * every match through the region index (320 ms); below it the region index wins (a district of 0.5 %: 9 ms
 * against 160 ms).
 */
const DATE_ORDER_SHARE = 0.02;

function figureConditions(
  database: Database,
  query: FigureQuery,
  places: PlaceFilter | undefined,
): SQL | undefined {
  const f = database.tables.figures;
  const conditions: (SQL | undefined)[] = [];

  if (query.metrics && query.metrics.length > 0) conditions.push(inArray(f.metric, [...query.metrics]));

  if (places) {
    // Kept off the region index when the date index is better. SQLite plans without statistics; PostgreSQL
    // spent ~40 ms planning a country's 8,700 codes, but with a metric too its bitmap of both indexes wins.
    const manyFigures = places.placedFigures > DATE_ORDER_SHARE * places.allPlacedFigures;
    const metrics = query.metrics?.length ?? 0;
    const regionCode = byDialect(database, {
      sqlite: manyFigures ? sql`+${f.regionCode}` : sql`${f.regionCode}`,
      pg: manyFigures && metrics === 0 ? sql`(${f.regionCode} || '')` : sql`${f.regionCode}`,
    });
    const branches: SQL[] = [];
    if (places.regionCodes.length > 0) branches.push(inList(database, regionCode, places.regionCodes));
    if (places.countries.length > 0)
      branches.push(and(isNull(f.regionCode), inArray(f.countryIso3, places.countries))!);
    conditions.push(branches.length > 0 ? or(...branches) : sql`1 = 0`);
  }

  return and(...conditions);
}

interface DatePart {
  condition: SQL | undefined;
  /** Whether the part holds only dated or only undated figures, so "undated last" is settled within it. */
  oneSided: boolean;
}

/**
 * A view's matches in the dashboard's order as parts read one after another: the dated figures (newest first),
 * then the undated ones. Each part is one range of the date indexes; `date in window or date is null` as one
 * condition was a scan of every figure of the metric.
 */
function dateParts(database: Database, query: FigureQuery): DatePart[] {
  const date = figureDate(database);
  const undated = (is: boolean) =>
    byDialect(database, {
      sqlite: sql`(${date} is null) = ${sql.raw(is ? "1" : "0")}`,
      pg: sql`(${date} is null) = ${sql.raw(is ? "true" : "false")}`,
    });
  const includeUndated = query.includeUndated ?? true;
  if (!query.from && !query.to) {
    return [
      includeUndated
        ? { condition: undefined, oneSided: false }
        : { condition: undated(false), oneSided: true },
    ];
  }
  const dated = and(
    undated(false),
    query.from ? sql`${date} >= ${query.from}` : undefined,
    query.to ? sql`${date} <= ${query.to}` : undefined,
  );
  return [
    { condition: dated, oneSided: true },
    ...(includeUndated ? [{ condition: undated(true), oneSided: true }] : []),
  ];
}

/**
 * SQLite plans without statistics and, given a date range, reads the date index and each row's metric; for one
 * metric, the metric's own date range is far fewer rows (killed in 2024 at 1M: 110 ms → 20 ms).
 */
function indexHint(database: Database, query: FigureQuery): SQL {
  return database.dialect === "sqlite" && query.metrics?.length === 1 && (query.from || query.to)
    ? sql.raw(" indexed by figures_metric_date_idx")
    : sql``;
}

async function resolvePlaces(database: Database, query: FigureQuery): Promise<PlaceFilter | undefined> {
  return query.regions && query.regions.length > 0 ? placeFilter(database, query.regions) : undefined;
}

/** A figure row as read, in figureColumns' order. */
type FigureTuple = [
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
  countryIso3: string | null,
  periodStart: string | null,
  periodEnd: string | null,
  periodPrecision: string | null,
  reportedDate: string | null,
  date: string | null,
  quote: string,
  quoteStart: number,
  quoteEnd: number,
  sentence: string,
  sentenceStart: number,
];

function figureColumns(database: Database): SQL[] {
  const f = database.tables.figures;
  return [
    sql`${f.id}`,
    sql`${f.documentId}`,
    sql`${f.metric}`,
    sql`${f.value}`,
    sql`${f.lower}`,
    sql`${f.upper}`,
    sql`${f.qualifier}`,
    sql`${f.unit}`,
    sql`${f.kind}`,
    sql`${f.regionCode}`,
    sql`${f.placeMention}`,
    sql`${f.countryIso3}`,
    sql`${f.periodStart}`,
    sql`${f.periodEnd}`,
    sql`${f.periodPrecision}`,
    sql`${f.reportedDate}`,
    sql`${selectedFigureDate(database)} as date`,
    sql`${f.quote}`,
    sql`${f.quoteStart}`,
    sql`${f.quoteEnd}`,
    sql`${f.sentence}`,
    sql`${f.sentenceStart}`,
  ];
}

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

/**
 * The figures matching a view, newest first (undated last), each with its region and source document.
 * Rows are never merged or summed here: deciding what may be combined is lib/series' job.
 */
async function queryFigures(
  database: Database,
  query: FigureQuery = {},
  options: { limit?: number } = {},
): Promise<FigureRow[]> {
  const { tables } = database;
  const f = tables.figures;
  const d = tables.documents;

  // The ids first, in order, from the indexes; then the wide rows by id, each document once, and the
  // region names from the tree in memory: joining documents per figure and sorting whole sentences cost more.
  const places = await resolvePlaces(database, query);
  const ids: number[] = [];
  for (const part of dateParts(database, query)) {
    const left = options.limit === undefined ? undefined : options.limit - ids.length;
    if (left === 0) break;
    // With "undated last" settled SQLite sorts less; PostgreSQL needs the term to see the index's order.
    const order =
      part.oneSided && database.dialect === "sqlite" ? newestFirst(database).slice(1) : newestFirst(database);
    const rows = await rawRows<{ id: number | string }>(
      database,
      sql`select ${f.id} as id from ${f}${indexHint(database, query)}
        where ${and(figureConditions(database, query, places), part.condition) ?? sql`1 = 1`}
        order by ${sql.join(order, sql`, `)}${left === undefined ? sql`` : sql` limit ${left}`}`,
    );
    for (const row of rows) ids.push(Number(row.id));
  }
  if (ids.length === 0) return [];

  // Arrays, not objects: building 5,000 wide rows cost about as much as reading them.
  const rows = (await rawValues(
    database,
    sql`select ${sql.join(figureColumns(database), sql`, `)} from ${f} where ${inList(database, sql`${f.id}`, ids)}`,
  )) as FigureTuple[];
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
    if (!row) return [];
    const [
      ,
      documentId,
      metric,
      value,
      lower,
      upper,
      qualifier,
      unit,
      kind,
      regionCode,
      placeMention,
      countryIso3,
      periodStart,
      periodEnd,
      periodPrecision,
      reportedDate,
      date,
      quote,
      quoteStart,
      quoteEnd,
      sentence,
      sentenceStart,
    ] = row;
    const document = documentsById.get(Number(documentId));
    if (!document) return [];
    const region = regionCode === null ? undefined : tree.byCode.get(regionCode);
    return [
      {
        id,
        metric,
        value,
        lower,
        upper,
        qualifier,
        unit,
        kind,
        regionCode,
        regionName: region?.name ?? null,
        regionLevel: region?.level ?? null,
        placeMention,
        countryIso3,
        periodStart,
        periodEnd,
        periodPrecision,
        reportedDate,
        date,
        quote,
        quoteInSentence: { start: quoteStart - sentenceStart, end: quoteEnd - sentenceStart },
        sentence,
        source: document,
      },
    ];
  });
}

/** A view's figures (newest first, undated last), kept until the next load: views repeat far more than loads. */
export const getFigures = cachedByDataVersion(queryFigures, { maxEntries: 16 });

/** How many figures match a view, to say so when only part of them is shown; kept until the next load. */
export const countMatchingFigures = cachedByDataVersion(queryMatchingCount, { maxEntries: 256 });

async function queryMatchingCount(database: Database, query: FigureQuery = {}): Promise<number> {
  const f = database.tables.figures;
  const places = await resolvePlaces(database, query);
  const everyFigureOfThePlaces =
    (query.metrics ?? []).length === 0 && !query.from && !query.to && (query.includeUndated ?? true);
  if (everyFigureOfThePlaces) {
    // Exact from the loader's region_counts: only the figures with no region are counted here.
    const placed = places?.placedFigures ?? sumOf((await getRegionCounts(database)).values());
    const unplaced = places
      ? places.countries.length > 0
        ? and(isNull(f.regionCode), inArray(f.countryIso3, places.countries))
        : undefined
      : isNull(f.regionCode);
    if (!unplaced) return placed;
    const [row] = await database.db.select({ n: count() }).from(f).where(unplaced);
    return placed + Number(row?.n ?? 0);
  }
  let matching = 0;
  for (const part of dateParts(database, query)) {
    const [row] = await database.db
      .select({ n: count() })
      .from(f)
      .where(and(figureConditions(database, query, places), part.condition));
    matching += Number(row?.n ?? 0);
  }
  return matching;
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
