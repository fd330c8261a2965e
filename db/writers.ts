import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

import type { PoolClient } from "pg";

import type { ExtractedFigure, InputItem } from "../lib/extract/types";
import { DATA_VERSION_KEY } from "./data-version";
import { ADD_REGION_TOTALS } from "./region-totals";
import {
  queuedSqliteWrite,
  withTransaction,
  type Database,
  type PgDatabase,
  type SqliteDatabase,
} from "./dialect";
import { BatchPacker, SqliteBatchStore, transferables, type PackedBatch } from "./sqlite-batch";
import type { WriterReply, WriterRequest, WriterThreadData } from "./sqlite-writer-worker";

export { DATA_VERSION_KEY } from "./data-version";

// The loader's writes, one implementation per dialect, below Drizzle on purpose (see docs/decisions/0001):
// prepared statements on SQLite, INSERT … SELECT FROM unnest(…) on PostgreSQL, both ON CONFLICT DO NOTHING.
// Drizzle's prepared insert (sql.placeholder, .run per row) measured twice better-sqlite3's cost per figure.

export interface RegionRow {
  code: string;
  name: string;
  level: number;
  country: string;
}

/** What a load stores with every row, and when it switches to bulk mode (see LoadRecordsOptions). */
export interface LoadSettings {
  extractorVersion: string;
  sourceFile: string | null;
  bulkLoadFrom: number;
}

/** Records to store, with their documents' content hashes and the regions they name that the table lacks. */
export interface RecordBatch {
  records: readonly { item: InputItem; figures: readonly ExtractedFigure[] }[];
  hashes: readonly string[];
  regions: readonly RegionRow[];
}

export interface StoredCounts {
  documentsNew: number;
  figuresNew: number;
  /** Figures whose natural key (document, metric, unit, quote offsets) was already stored. */
  figuresKnown: number;
}

/** A load's writes, inside the transaction inLoadTransaction runs it in. */
export interface LoadSession {
  /** The regions table's codes with their countries (read as the load starts: regions are never deleted). */
  readonly regionCountries: Map<string, string>;
  /**
   * Stores a batch. On SQLite files it may resolve before the batch is written (a failure then rejects a later
   * call); a document named by a batch's figures is always in the same batch.
   */
  write(batch: RecordBatch): Promise<void>;
  /**
   * The load's last writes: puts back what bulk mode dropped, adds the new figures to region_counts and
   * year_counts, and bumps meta.data_version if anything was stored. Returns what was new.
   */
  finish(): Promise<StoredCounts>;
}

/** SQLite page cache (KiB) while a load writes. */
const LOAD_CACHE_KIB = 16_384;

/** Batches a load's reading may be ahead of its SQLite writer thread. */
const BATCHES_AHEAD = 4;

/**
 * Runs `work` with a load session inside one transaction: all of it is stored when `work` resolves, nothing when
 * it rejects. A SQLite file is written from a thread of its own (db/sqlite-writer-worker.ts) on a connection of its
 * own, so that reading, extracting and hashing records runs beside the writes.
 */
export async function inLoadTransaction<T>(
  database: Database,
  settings: LoadSettings,
  work: (session: LoadSession) => Promise<T>,
): Promise<T> {
  if (database.dialect === "pg") return inPgTransaction(database, settings, work);
  if (database.file === ":memory:") return inThisThread(database, settings, work);
  return inWriterThread(database, settings, work);
}

/** A database only this connection sees (":memory:"): the same store, written from this thread. */
async function inThisThread<T>(
  database: SqliteDatabase,
  settings: LoadSettings,
  work: (session: LoadSession) => Promise<T>,
): Promise<T> {
  const connection = database.sqlite;
  return withTransaction(database, async () => {
    const cacheSize = connection.pragma("cache_size", { simple: true }) as number;
    connection.pragma(`cache_size = -${LOAD_CACHE_KIB}`);
    try {
      const store = new SqliteBatchStore(connection, settings);
      const packer = new BatchPacker();
      return await work({
        regionCountries: storedRegionCountries(database),
        write: async (batch) => store.write(packer.pack(batch)),
        finish: async () => store.finish(),
      });
    } finally {
      connection.pragma(`cache_size = ${cacheSize}`);
    }
  });
}

/**
 * The regions table's codes and countries, read on this thread's connection before the writer thread's
 * transaction begins: regions are never deleted, and one added in between is inserted with ON CONFLICT DO NOTHING.
 */
function storedRegionCountries(database: SqliteDatabase): Map<string, string> {
  const rows = database.sqlite.prepare("SELECT code, country_iso3 FROM regions").raw().all() as [
    string,
    string,
  ][];
  return new Map(rows);
}

async function inWriterThread<T>(
  database: SqliteDatabase,
  settings: LoadSettings,
  work: (session: LoadSession) => Promise<T>,
): Promise<T> {
  return queuedSqliteWrite(database, async () => {
    const thread = new WriterThread({ file: database.file, settings, cacheKib: LOAD_CACHE_KIB });
    try {
      const packer = new BatchPacker();
      const result = await work({
        regionCountries: storedRegionCountries(database),
        write: (batch) => thread.write(packer.pack(batch)),
        finish: () => thread.finish(),
      });
      await thread.commit();
      return result;
    } catch (error) {
      await thread.rollback();
      throw error;
    } finally {
      await thread.stop();
    }
  });
}

const WRITER_THREAD = fileURLToPath(new URL("./sqlite-writer-worker.ts", import.meta.url));

/** Starts the writer thread. It is TypeScript like the rest: tsx, which runs the CLI, compiles it there too. */
function startWriterThread(data: WriterThreadData): Worker {
  const tsx = createRequire(import.meta.url).resolve("tsx/cjs/api");
  const source = `require(${JSON.stringify(tsx)}).require(${JSON.stringify(WRITER_THREAD)}, ${JSON.stringify(import.meta.url)})`;
  return new Worker(source, { eval: true, workerData: data });
}

/** The error a writer thread failed with, as it described it. */
function threadError({
  name,
  message,
  code,
  stack,
}: Extract<WriterReply, { type: "failed" }>["error"]): Error {
  const error = Object.assign(new Error(message), code === undefined ? {} : { code });
  error.name = name;
  if (stack) error.stack = stack;
  return error;
}

/** One load's SQLite writer thread. It answers requests in order; its last answer ends it. */
class WriterThread {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (reply: WriterReply) => void; reject: (error: Error) => void }[] = [];
  private readonly ahead: Promise<WriterReply>[] = [];
  private failure: Error | undefined;
  private ended = false;

  constructor(data: WriterThreadData) {
    this.worker = startWriterThread(data);
    this.worker.on("message", (reply: WriterReply) => {
      if (reply.type === "failed") {
        this.ended = true;
        this.fail(threadError(reply.error));
      } else {
        if (reply.type === "committed" || reply.type === "rolledBack") this.ended = true;
        this.waiting.shift()?.resolve(reply);
      }
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => {
      if (!this.ended) this.fail(new Error(`the SQLite writer thread stopped (exit code ${code})`));
      this.ended = true;
    });
  }

  private reply(): Promise<WriterReply> {
    if (this.failure) return Promise.reject(this.failure);
    const reply = new Promise<WriterReply>((resolve, reject) => this.waiting.push({ resolve, reject }));
    reply.catch(() => undefined);
    return reply;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.splice(0)) reject(this.failure);
  }

  private send(request: WriterRequest, transfer: ArrayBuffer[] = []): Promise<WriterReply> {
    const reply = this.reply();
    if (!this.failure) this.worker.postMessage(request, transfer);
    return reply;
  }

  /** Posts a batch; waits only while BATCHES_AHEAD batches are not written yet. */
  async write(batch: PackedBatch): Promise<void> {
    if (this.failure) throw this.failure;
    this.ahead.push(this.send({ type: "batch", batch }, transferables(batch)));
    if (this.ahead.length >= BATCHES_AHEAD) await this.ahead.shift();
  }

  async finish(): Promise<StoredCounts> {
    const reply = await this.send({ type: "finish" });
    await Promise.all(this.ahead.splice(0));
    if (reply.type !== "finished")
      throw new Error(`the SQLite writer thread answered ${reply.type} to finish`);
    return reply.counts;
  }

  async commit(): Promise<void> {
    await this.send({ type: "commit" });
  }

  /** Rolls back what the thread wrote, unless it has ended (a failure rolls back before it is reported). */
  async rollback(): Promise<void> {
    if (!this.ended && !this.failure) await this.send({ type: "rollback" }).catch(() => undefined);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

type FigureRow = [
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

const FIGURE_CONFLICT = "(document_id, metric, unit, quote_start, quote_end)";

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

/** The PostgreSQL writes of one load, inside its transaction. */
interface PgWriter {
  regionCountries(): Promise<Map<string, string>>;
  bumpDataVersion(): Promise<void>;
  insertRegions(regions: readonly RegionRow[]): Promise<void>;
  /** Inserts the documents not stored yet; returns every document's id by hash and how many were new. */
  insertDocuments(documents: readonly DocumentRow[]): Promise<{ ids: Map<string, number>; inserted: number }>;
  /** Inserts figures not stored yet; returns how many were new, and counts them for saveFigureCounts. */
  insertFigures(figures: readonly FigureRow[]): Promise<number>;
  /** Adds the figures this writer inserted to region_counts and year_counts. */
  saveFigureCounts(): Promise<void>;
  /** The figures table's highest id: at least as many as the figures stored, read without counting them. */
  storedFiguresBound(): Promise<number>;
  /**
   * Drops the figures table's foreign keys (checked per row by triggers), put back by finishBulkLoad in one
   * validating pass, in the same transaction; a rollback puts them back too. Readers of figures then wait for the
   * commit (dropping a constraint locks the table).
   */
  startBulkLoad(): Promise<void>;
  finishBulkLoad(): Promise<void>;
}

function pgWriter(client: PoolClient): PgWriter {
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
    regionCountries: async () => {
      const result = await client.query<{ code: string; country_iso3: string }>(
        "SELECT code, country_iso3 FROM regions",
      );
      return new Map(result.rows.map((row) => [row.code, row.country_iso3]));
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

interface DocumentRow {
  hash: string;
  externalId: string;
  text: string;
  title: string | null;
  url: string | null;
  publisher: string | null;
  published: string | null;
  sourceFile: string | null;
}

function figureRow(documentId: number, figure: ExtractedFigure, item: InputItem, version: string): FigureRow {
  return [
    documentId,
    figure.metric,
    figure.value,
    figure.lower,
    figure.upper,
    figure.qualifier,
    figure.unit,
    figure.region?.code ?? null,
    figure.region?.mention ?? null,
    figure.region?.from ?? null,
    figure.region?.country ?? null,
    figure.period?.start ?? null,
    figure.period?.end ?? null,
    figure.period?.precision ?? null,
    figure.reported ?? item.published ?? null,
    figure.kind,
    figure.quote,
    figure.start,
    figure.end,
    figure.sentence,
    figure.sentenceStart,
    version,
  ];
}

async function inPgTransaction<T>(
  database: PgDatabase,
  settings: LoadSettings,
  work: (session: LoadSession) => Promise<T>,
): Promise<T> {
  const client = await database.pool.connect();
  try {
    await client.query("BEGIN");
    let result: T;
    let bulk = false;
    try {
      const writer = pgWriter(client);
      const counts: StoredCounts = { documentsNew: 0, figuresNew: 0, figuresKnown: 0 };
      const storedBefore = await writer.storedFiguresBound();
      result = await work({
        regionCountries: await writer.regionCountries(),
        write: async ({ records, hashes, regions }) => {
          await writer.insertRegions(regions);
          const documents = records.map(({ item }, index) => ({
            hash: hashes[index]!,
            externalId: item.id,
            text: item.text,
            title: item.title ?? null,
            url: item.url ?? null,
            publisher: item.publisher ?? null,
            published: item.published ?? null,
            sourceFile: settings.sourceFile,
          }));
          const { ids, inserted } = await writer.insertDocuments(documents);
          counts.documentsNew += inserted;
          const rows: FigureRow[] = [];
          records.forEach(({ item, figures }, index) => {
            const documentId = ids.get(documents[index]!.hash);
            if (documentId === undefined) throw new Error(`Document ${item.id} was not stored`);
            for (const figure of figures)
              rows.push(figureRow(documentId, figure, item, settings.extractorVersion));
          });
          const figuresNew = await writer.insertFigures(rows);
          counts.figuresNew += figuresNew;
          counts.figuresKnown += rows.length - figuresNew;
          if (!bulk && counts.figuresNew >= Math.max(settings.bulkLoadFrom, storedBefore)) {
            await writer.startBulkLoad();
            bulk = true;
          }
        },
        finish: async () => {
          if (bulk) await writer.finishBulkLoad();
          await writer.saveFigureCounts();
          if (counts.documentsNew > 0 || counts.figuresNew > 0) await writer.bumpDataVersion();
          return { ...counts };
        },
      });
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    // A load that at least doubled the tables leaves most of their pages not yet marked all-visible: the first
    // readers would set hint bits and count from the heap instead of the index. VACUUM cannot run in a transaction.
    if (bulk) await vacuumAfterBulkLoad(client);
    return result;
  } finally {
    client.release();
  }
}

/** The load has committed by now: a failed VACUUM leaves it to autovacuum rather than fail the load. */
async function vacuumAfterBulkLoad(client: PoolClient): Promise<void> {
  try {
    await client.query("VACUUM figures, documents");
  } catch (error) {
    process.emitWarning(`VACUUM after a bulk load failed: ${(error as Error).message}`);
  }
}
