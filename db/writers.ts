import type BetterSqlite3 from "better-sqlite3";
import type { PoolClient } from "pg";

import { withTransaction, type Database } from "./dialect";
import { ADD_REGION_TOTALS } from "./region-totals";

// The loader's bulk writes, one implementation per dialect, below Drizzle on purpose (see docs/decisions/0001):
// prepared statements on SQLite, INSERT … SELECT FROM unnest(…) on PostgreSQL, both ON CONFLICT DO NOTHING.
// Drizzle's prepared insert (sql.placeholder, .run per row) measured twice better-sqlite3's cost per figure.

export interface DocumentRow {
  hash: string;
  externalId: string;
  text: string;
  title: string | null;
  url: string | null;
  publisher: string | null;
  published: string | null;
  sourceFile: string | null;
}

export type FigureRow = [
  documentId: number,
  metric: string,
  value: number | null,
  lower: number | null,
  upper: number | null,
  qualifier: string,
  unit: string,
  regionCode: string | null,
  placeMention: string | null,
  placeFrom: string | null,
  countryIso3: string | null,
  periodStart: string | null,
  periodEnd: string | null,
  periodPrecision: string | null,
  reportedDate: string | null,
  kind: string,
  quote: string,
  quoteStart: number,
  quoteEnd: number,
  sentence: string,
  sentenceStart: number,
  extractorVersion: string,
];

const FIGURE_COLUMNS = [
  "document_id",
  "metric",
  "value",
  "lower",
  "upper",
  "qualifier",
  "unit",
  "region_code",
  "place_mention",
  "place_from",
  "country_iso3",
  "period_start",
  "period_end",
  "period_precision",
  "reported_date",
  "kind",
  "quote",
  "quote_start",
  "quote_end",
  "sentence",
  "sentence_start",
  "extractor_version",
] as const;

const PG_FIGURE_TYPES = [
  "bigint",
  "text",
  "float8",
  "float8",
  "float8",
  "text",
  "text",
  "text",
  "text",
  "text",
  "text",
  "date",
  "date",
  "text",
  "date",
  "text",
  "text",
  "int4",
  "int4",
  "text",
  "int4",
  "text",
] as const;

export const DATA_VERSION_KEY = "data_version";

/** SQLite page cache (KiB) while a load writes. */
const LOAD_CACHE_KIB = 16_384;

const FIGURE_CONFLICT = "(document_id, metric, unit, quote_start, quote_end)";

export interface RegionRow {
  code: string;
  name: string;
  level: number;
  country: string;
}

/** Writes batches inside the transaction a load runs in; one implementation per dialect. */
export interface BatchWriter {
  knownRegionCodes(): Promise<Set<string>>;
  /** Counts a change to the stored figures, so caches keyed on the data version see it. */
  bumpDataVersion(): Promise<void>;
  insertRegions(regions: readonly RegionRow[]): Promise<void>;
  /** Inserts the documents not stored yet; returns every document's id by hash and how many were new. */
  insertDocuments(documents: readonly DocumentRow[]): Promise<{ ids: Map<string, number>; inserted: number }>;
  /** Inserts figures not stored yet; returns how many were new, and counts them for saveFigureCounts. */
  insertFigures(figures: readonly FigureRow[]): Promise<number>;
  /** Adds the figures this writer inserted to region_counts and year_counts (what region choices and years read). */
  saveFigureCounts(): Promise<void>;
  /** The figures table's highest id: at least as many as the figures stored, read without counting them. */
  storedFiguresBound(): Promise<number>;
  /**
   * Readies the figures table for a large load: SQLite drops its secondary indexes, PostgreSQL its foreign keys
   * (checked per row by triggers), each put back by finishBulkLoad in one pass over the table, in the same
   * transaction; a rollback puts them back too. On PostgreSQL, readers of figures then wait for the commit
   * (dropping a constraint locks the table); on SQLite they keep reading the last commit.
   */
  startBulkLoad(): Promise<void>;
  finishBulkLoad(): Promise<void>;
}

/** New figures per region and per year ("" for none), gathered while a load inserts, for region_counts and year_counts. */
class CountTally {
  readonly regions = new Map<string, number>();
  readonly years = new Map<string, number>();
  add(regionCode: string, year: string, figures: number): void {
    if (regionCode !== "") this.regions.set(regionCode, (this.regions.get(regionCode) ?? 0) + figures);
    if (year !== "") this.years.set(year, (this.years.get(year) ?? 0) + figures);
  }
  /** The gathered counts, emptying the tally. */
  take(): { regions: [string, number][]; years: [string, number][] } {
    const taken = { regions: [...this.regions], years: [...this.years] };
    this.regions.clear();
    this.years.clear();
    return taken;
  }
}

/** `cacheSize` is the connection's own page cache, put back around the index rebuild (it sorts faster). */
function sqliteWriter(connection: BetterSqlite3.Database, cacheSize: number): BatchWriter {
  const insertDocument = connection.prepare(
    `INSERT INTO documents (content_hash, external_id, text, title, url, publisher, published_date, source_file)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING`,
  );
  const documentId = connection.prepare("SELECT id FROM documents WHERE content_hash = ?").pluck();
  const insertFigure = connection.prepare(
    `INSERT INTO figures (${FIGURE_COLUMNS.join(", ")}) VALUES (${FIGURE_COLUMNS.map(() => "?").join(", ")})
     ON CONFLICT ${FIGURE_CONFLICT} DO NOTHING`,
  );
  const bumpVersion = connection.prepare(
    `INSERT INTO meta (key, value) VALUES (?, '1')
     ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)`,
  );
  const insertRegion = connection.prepare(
    "INSERT INTO regions (code, name, level, country_iso3) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING",
  );
  const addRegionCount = connection.prepare(
    `INSERT INTO region_counts (region_code, figures) VALUES (?, ?)
     ON CONFLICT (region_code) DO UPDATE SET figures = figures + excluded.figures`,
  );
  const addRegionTotals = connection.prepare(ADD_REGION_TOTALS.sqlite);
  const addYearCount = connection.prepare(
    `INSERT INTO year_counts (year, figures) VALUES (?, ?)
     ON CONFLICT (year) DO UPDATE SET figures = figures + excluded.figures`,
  );
  const secondaryIndexes = connection.prepare(
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'figures' AND sql IS NOT NULL
     AND name NOT IN (SELECT name FROM pragma_index_list('figures') WHERE "unique")`,
  );
  const tally = new CountTally();
  let droppedIndexes: { name: string; sql: string }[] = [];
  return {
    storedFiguresBound: async () =>
      connection.prepare("SELECT coalesce(max(id), 0) FROM figures").pluck().get() as number,
    startBulkLoad: async () => {
      droppedIndexes = secondaryIndexes.all() as { name: string; sql: string }[];
      for (const { name } of droppedIndexes) connection.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
    },
    finishBulkLoad: async () => {
      connection.pragma(`cache_size = ${cacheSize}`);
      for (const index of droppedIndexes) connection.exec(index.sql);
      droppedIndexes = [];
    },
    bumpDataVersion: async () => {
      bumpVersion.run(DATA_VERSION_KEY);
    },
    knownRegionCodes: async () =>
      new Set(connection.prepare("SELECT code FROM regions").pluck().all() as string[]),
    insertRegions: async (regions) => {
      for (const region of regions) insertRegion.run(region.code, region.name, region.level, region.country);
    },
    insertDocuments: async (documents) => {
      const ids = new Map<string, number>();
      let inserted = 0;
      for (const doc of documents) {
        const result = insertDocument.run(
          doc.hash,
          doc.externalId,
          doc.text,
          doc.title,
          doc.url,
          doc.publisher,
          doc.published,
          doc.sourceFile,
        );
        if (result.changes > 0) {
          inserted++;
          ids.set(doc.hash, Number(result.lastInsertRowid));
        } else {
          ids.set(doc.hash, documentId.get(doc.hash) as number);
        }
      }
      return { ids, inserted };
    },
    insertFigures: async (figures) => {
      let inserted = 0;
      for (const figure of figures) {
        if (insertFigure.run(...figure).changes === 0) continue;
        inserted++;
        tally.add(figure[7] ?? "", (figure[14] ?? figure[12])?.slice(0, 4) ?? "", 1);
      }
      return inserted;
    },
    saveFigureCounts: async () => {
      const { regions, years } = tally.take();
      for (const row of regions) addRegionCount.run(...row);
      if (regions.length > 0) addRegionTotals.run(JSON.stringify(regions));
      for (const row of years) addYearCount.run(...row);
    },
  };
}

function pgWriter(client: PoolClient): BatchWriter {
  const figuresSql = `WITH inserted AS (
      INSERT INTO figures (${FIGURE_COLUMNS.join(", ")})
      SELECT * FROM unnest(${PG_FIGURE_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(", ")})
      ON CONFLICT ${FIGURE_CONFLICT} DO NOTHING
      RETURNING region_code, coalesce(reported_date, period_end) AS date
    )
    SELECT coalesce(region_code, '') AS region_code, coalesce(to_char(date, 'YYYY'), '') AS year,
      count(*)::int AS figures
    FROM inserted GROUP BY 1, 2`;
  const tally = new CountTally();
  let droppedForeignKeys: { name: string; definition: string }[] = [];
  return {
    storedFiguresBound: async () => {
      const result = await client.query<{ bound: string }>(
        "SELECT coalesce(max(id), 0) AS bound FROM figures",
      );
      return Number(result.rows[0]!.bound);
    },
    startBulkLoad: async () => {
      const result = await client.query<{ name: string; definition: string }>(
        `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
         WHERE conrelid = 'figures'::regclass AND contype = 'f'`,
      );
      droppedForeignKeys = result.rows;
      for (const { name } of droppedForeignKeys) {
        await client.query(`ALTER TABLE figures DROP CONSTRAINT "${name.replaceAll('"', '""')}"`);
      }
    },
    finishBulkLoad: async () => {
      for (const { name, definition } of droppedForeignKeys) {
        await client.query(
          `ALTER TABLE figures ADD CONSTRAINT "${name.replaceAll('"', '""')}" ${definition}`,
        );
      }
      droppedForeignKeys = [];
      // A load that at least doubled the tables leaves the planner's statistics describing the old ones until
      // autovacuum comes by; ANALYZE in the load's own transaction samples its new rows too.
      await client.query("ANALYZE figures, documents, region_counts, year_counts");
    },
    bumpDataVersion: async () => {
      await client.query(
        `INSERT INTO meta (key, value) VALUES ($1, '1')
         ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + 1)::text`,
        [DATA_VERSION_KEY],
      );
    },
    knownRegionCodes: async () => {
      const result = await client.query<{ code: string }>("SELECT code FROM regions");
      return new Set(result.rows.map((row) => row.code));
    },
    insertRegions: async (regions) => {
      if (regions.length === 0) return;
      await client.query(
        `INSERT INTO regions (code, name, level, country_iso3)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int4[], $4::text[]) ON CONFLICT (code) DO NOTHING`,
        [
          regions.map((r) => r.code),
          regions.map((r) => r.name),
          regions.map((r) => r.level),
          regions.map((r) => r.country),
        ],
      );
    },
    insertDocuments: async (documents) => {
      const column = <K extends keyof DocumentRow>(key: K) => documents.map((doc) => doc[key]);
      const inserted = await client.query<{ id: string; content_hash: string }>(
        `INSERT INTO documents (content_hash, external_id, text, title, url, publisher, published_date, source_file)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[])
         ON CONFLICT (content_hash) DO NOTHING RETURNING id, content_hash`,
        [
          column("hash"),
          column("externalId"),
          column("text"),
          column("title"),
          column("url"),
          column("publisher"),
          column("published"),
          column("sourceFile"),
        ],
      );
      const ids = new Map(inserted.rows.map((row) => [row.content_hash, Number(row.id)]));
      const known = documents.filter((doc) => !ids.has(doc.hash)).map((doc) => doc.hash);
      if (known.length > 0) {
        const found = await client.query<{ id: string; content_hash: string }>(
          "SELECT id, content_hash FROM documents WHERE content_hash = ANY($1::text[])",
          [known],
        );
        for (const row of found.rows) ids.set(row.content_hash, Number(row.id));
      }
      return { ids, inserted: inserted.rowCount ?? 0 };
    },
    insertFigures: async (figures) => {
      if (figures.length === 0) return 0;
      const columns = FIGURE_COLUMNS.map((_, i) => figures.map((figure) => figure[i]));
      const result = await client.query<{
        region_code: string;
        metric: string;
        year: string;
        figures: number;
      }>(figuresSql, columns);
      let inserted = 0;
      for (const row of result.rows) {
        tally.add(row.region_code, row.year, row.figures);
        inserted += row.figures;
      }
      return inserted;
    },
    saveFigureCounts: async () => {
      const { regions, years } = tally.take();
      if (regions.length > 0) {
        await client.query(
          `INSERT INTO region_counts (region_code, figures) SELECT * FROM unnest($1::text[], $2::int4[])
           ON CONFLICT (region_code) DO UPDATE SET figures = region_counts.figures + excluded.figures`,
          [regions.map(([code]) => code), regions.map(([, figures]) => figures)],
        );
        await client.query(ADD_REGION_TOTALS.pg, [
          regions.map(([code]) => code),
          regions.map(([, figures]) => figures),
        ]);
      }
      if (years.length > 0) {
        await client.query(
          `INSERT INTO year_counts (year, figures) SELECT * FROM unnest($1::text[], $2::int4[])
           ON CONFLICT (year) DO UPDATE SET figures = year_counts.figures + excluded.figures`,
          [years.map(([year]) => year), years.map(([, figures]) => figures)],
        );
      }
    },
  };
}

/** Runs `work` with a batch writer inside one transaction: all of it is stored, or nothing. */
export async function inWriteTransaction<T>(
  database: Database,
  work: (writer: BatchWriter) => Promise<T>,
): Promise<T> {
  if (database.dialect === "sqlite") {
    const connection = database.sqlite;
    return withTransaction(database, async () => {
      const cacheSize = connection.pragma("cache_size", { simple: true }) as number;
      // A load's pages go to the WAL when the cache overflows; a larger cache for its duration spills fewer.
      connection.pragma(`cache_size = -${LOAD_CACHE_KIB}`);
      try {
        return await work(sqliteWriter(connection, cacheSize));
      } finally {
        connection.pragma(`cache_size = ${cacheSize}`);
      }
    });
  }
  const client = await database.pool.connect();
  try {
    await client.query("BEGIN");
    try {
      const result = await work(pgWriter(client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  } finally {
    client.release();
  }
}
