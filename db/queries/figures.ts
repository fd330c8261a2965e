import { and, count, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";

import { cachedByDataVersion } from "../cache";
import { byDialect, type Database } from "../dialect";

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

/** Codes of the given regions and every region below them, as a subquery both dialects run. */
export function regionsAndDescendants(database: Database, codes: readonly string[]): SQL {
  const r = database.tables.regions;
  const list = sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  );
  return sql`with recursive sub(code) as (
    select ${r.code} from ${r} where ${r.code} in (${list})
    union
    select child.code from ${r} child join sub on child.parent_code = sub.code
  ) select code from sub`;
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

export function figureConditions(database: Database, query: FigureQuery): SQL | undefined {
  const f = database.tables.figures;
  const r = database.tables.regions;
  const conditions: (SQL | undefined)[] = [];

  if (query.metrics && query.metrics.length > 0) conditions.push(inArray(f.metric, [...query.metrics]));

  if (query.regions && query.regions.length > 0) {
    const codes = [...query.regions];
    conditions.push(
      or(
        sql`${f.regionCode} in (${regionsAndDescendants(database, codes)})`,
        and(
          isNull(f.regionCode),
          inArray(
            f.countryIso3,
            database.db
              .select({ country: r.countryIso3 })
              .from(r)
              .where(and(inArray(r.code, codes), eq(r.level, 0))),
          ),
        ),
      ),
    );
  }

  const date = figureDate(database);
  const inWindow: SQL[] = [];
  if (query.from) inWindow.push(sql`${date} >= ${query.from}`);
  if (query.to) inWindow.push(sql`${date} <= ${query.to}`);
  const includeUndated = query.includeUndated ?? true;
  if (inWindow.length > 0) {
    const dated = and(...inWindow);
    conditions.push(includeUndated ? or(dated, sql`${date} is null`) : dated);
  } else if (!includeUndated) {
    conditions.push(sql`${date} is not null`);
  }

  return and(...conditions);
}

/**
 * The figures matching a view, newest first (undated last), each with its region and source document.
 * Rows are never merged or summed here: deciding what may be combined is lib/series' job.
 */
async function queryFigures(
  database: Database,
  query: FigureQuery = {},
  options: { limit?: number } = {},
): Promise<FigureRow[]> {
  const { db, tables } = database;
  const f = tables.figures;
  const d = tables.documents;
  const r = tables.regions;
  const date = selectedFigureDate(database);

  const rows = await db
    .select({
      id: f.id,
      metric: f.metric,
      value: f.value,
      lower: f.lower,
      upper: f.upper,
      qualifier: f.qualifier,
      unit: f.unit,
      kind: f.kind,
      regionCode: f.regionCode,
      regionName: r.name,
      regionLevel: r.level,
      placeMention: f.placeMention,
      countryIso3: f.countryIso3,
      periodStart: f.periodStart,
      periodEnd: f.periodEnd,
      periodPrecision: f.periodPrecision,
      reportedDate: f.reportedDate,
      date,
      quote: f.quote,
      quoteStart: f.quoteStart,
      quoteEnd: f.quoteEnd,
      sentence: f.sentence,
      sentenceStart: f.sentenceStart,
      documentId: d.id,
      externalId: d.externalId,
      title: d.title,
      url: d.url,
      publisher: d.publisher,
      publishedDate: d.publishedDate,
      sourceFile: d.sourceFile,
    })
    .from(f)
    .innerJoin(d, eq(f.documentId, d.id))
    .leftJoin(r, eq(f.regionCode, r.code))
    .where(
      options.limit === undefined
        ? figureConditions(database, query)
        : // Picking the ids first sorts narrow rows, not whole sentences: about twice as fast on large views.
          inArray(
            f.id,
            db
              .select({ id: f.id })
              .from(f)
              .where(figureConditions(database, query))
              .orderBy(...newestFirst(database))
              .limit(options.limit),
          ),
    )
    .orderBy(...newestFirst(database));

  return rows.map((row) => ({
    id: Number(row.id),
    metric: row.metric,
    value: row.value,
    lower: row.lower,
    upper: row.upper,
    qualifier: row.qualifier,
    unit: row.unit,
    kind: row.kind,
    regionCode: row.regionCode,
    regionName: row.regionName,
    regionLevel: row.regionLevel,
    placeMention: row.placeMention,
    countryIso3: row.countryIso3,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    periodPrecision: row.periodPrecision,
    reportedDate: row.reportedDate,
    date: row.date,
    quote: row.quote,
    quoteInSentence: {
      start: row.quoteStart - row.sentenceStart,
      end: row.quoteEnd - row.sentenceStart,
    },
    sentence: row.sentence,
    source: {
      documentId: Number(row.documentId),
      externalId: row.externalId,
      title: row.title,
      url: row.url,
      publisher: row.publisher,
      publishedDate: row.publishedDate,
      sourceFile: row.sourceFile,
    },
  }));
}

/** A view's figures (newest first, undated last), kept until the next load: views repeat far more than loads. */
export const getFigures = cachedByDataVersion(queryFigures, { maxEntries: 16 });

/** How many figures match a view, to say so when only part of them is shown; kept until the next load. */
export const countMatchingFigures = cachedByDataVersion(queryMatchingCount, { maxEntries: 256 });

async function queryMatchingCount(database: Database, query: FigureQuery = {}): Promise<number> {
  const [row] = await database.db
    .select({ n: count() })
    .from(database.tables.figures)
    .where(figureConditions(database, query));
  return Number(row?.n ?? 0);
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
