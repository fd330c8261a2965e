import { createHash } from "node:crypto";

import type BetterSqlite3 from "better-sqlite3";
import { eq } from "drizzle-orm";
import type { PoolClient } from "pg";

import { EXTRACTOR_VERSION, extract as defaultExtract } from "../lib/extract";
import type { ExtractedFigure, InputItem } from "../lib/extract/types";
import { checkInputFile, InputError, readItems, type InputFormat } from "../lib/input";
import { withTransaction, type Database } from "./dialect";

/** One document to store with the figures found in it. */
export interface LoadRecord {
  item: InputItem;
  figures: readonly ExtractedFigure[];
}

export interface LoadCounts {
  documentsRead: number;
  documentsNew: number;
  figuresNew: number;
  /** Figures whose natural key (document, metric, unit, quote offsets) was already stored. */
  figuresKnown: number;
}

export interface FileSummary extends LoadCounts {
  file: string;
}

export interface LoadProgress {
  bytesRead: number;
  /** Size of the input file, when known. */
  totalBytes: number | undefined;
  documentsRead: number;
}

export interface LoadFileOptions {
  format?: InputFormat;
  /** Read this stream instead of opening the file; `file` then names the input in messages and the database. */
  stream?: NodeJS.ReadableStream;
  onProgress?: (progress: LoadProgress) => void;
  /** The extractor; lib/extract's by default. */
  extract?: (item: InputItem) => ExtractedFigure[];
  extractorVersion?: string;
}

export interface LoadRecordsOptions {
  /** Stored with each new document, to tell where it came from. */
  sourceFile?: string | null;
  extractorVersion?: string;
  /** Records per batch insert. */
  batchSize?: number;
}

/** A document's identity: the SHA-256 of its text, so the same text loaded again (from any file) is one document. */
export function contentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A load that failed for a reason other than bad input (extraction, storage); names the file and, where known, the item. */
export class LoadError extends Error {
  readonly file: string;
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}`, options);
    this.name = "LoadError";
    this.file = file;
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDates = new Set<string>();

/** SQLite would store any text in a date column and PostgreSQL would reject it: check here, the same for both. */
function checkedDate(value: string | null, what: string, item: InputItem): string | null {
  if (value === null || validDates.has(value)) return value;
  const time = Date.parse(`${value}T00:00:00Z`);
  if (!ISO_DATE.test(value) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    throw new Error(
      `item ${item.id}: the extractor gave ${what} ${JSON.stringify(value)}, not a YYYY-MM-DD date`,
    );
  }
  if (validDates.size < 100_000) validDates.add(value);
  return value;
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

const DATA_VERSION_KEY = "data_version";

const FIGURE_CONFLICT = "(document_id, metric, unit, quote_start, quote_end)";

interface RegionRow {
  code: string;
  name: string;
  level: number;
  country: string;
}

/** Writes batches inside the transaction a load runs in; one implementation per dialect. */
interface BatchWriter {
  knownRegionCodes(): Promise<Set<string>>;
  /** Counts a change to the stored figures, so caches keyed on the data version see it. */
  bumpDataVersion(): Promise<void>;
  insertRegions(regions: readonly RegionRow[]): Promise<void>;
  /** Inserts the documents not stored yet; returns every document's id by hash and how many were new. */
  insertDocuments(documents: readonly DocumentRow[]): Promise<{ ids: Map<string, number>; inserted: number }>;
  /** Inserts figures not stored yet; returns how many were new. */
  insertFigures(figures: readonly FigureRow[]): Promise<number>;
}

function sqliteWriter(connection: BetterSqlite3.Database): BatchWriter {
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
  return {
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
      for (const figure of figures) inserted += insertFigure.run(...figure).changes;
      return inserted;
    },
  };
}

function pgWriter(client: PoolClient): BatchWriter {
  const figuresSql = `INSERT INTO figures (${FIGURE_COLUMNS.join(", ")})
    SELECT * FROM unnest(${PG_FIGURE_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(", ")})
    ON CONFLICT ${FIGURE_CONFLICT} DO NOTHING`;
  return {
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
      const inserted = await client.query(
        `INSERT INTO documents (content_hash, external_id, text, title, url, publisher, published_date, source_file)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[])
         ON CONFLICT (content_hash) DO NOTHING`,
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
      const found = await client.query<{ id: string; content_hash: string }>(
        "SELECT id, content_hash FROM documents WHERE content_hash = ANY($1::text[])",
        [column("hash")],
      );
      const ids = new Map(found.rows.map((row) => [row.content_hash, Number(row.id)]));
      return { ids, inserted: inserted.rowCount ?? 0 };
    },
    insertFigures: async (figures) => {
      if (figures.length === 0) return 0;
      const columns = FIGURE_COLUMNS.map((_, i) => figures.map((figure) => figure[i]));
      const result = await client.query(figuresSql, columns);
      return result.rowCount ?? 0;
    },
  };
}

/** Runs `work` with a batch writer inside one transaction: all of it is stored, or nothing. */
async function inWriteTransaction<T>(
  database: Database,
  work: (writer: BatchWriter) => Promise<T>,
): Promise<T> {
  if (database.dialect === "sqlite") {
    return withTransaction(database, () => work(sqliteWriter(database.sqlite)));
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
    checkedDate(figure.period?.start ?? null, "a period start", item),
    checkedDate(figure.period?.end ?? null, "a period end", item),
    figure.period?.precision ?? null,
    checkedDate(figure.reported ?? item.published ?? null, "a reported date", item),
    figure.kind,
    figure.quote,
    figure.start,
    figure.end,
    figure.sentence,
    figure.sentenceStart,
    version,
  ];
}

const DEFAULT_BATCH = 500;

/**
 * Stores documents and their figures in one transaction (all or nothing: the first error rolls everything back).
 * A document already stored (same text) is not added again; a figure already stored is counted as known.
 */
export async function loadRecords(
  database: Database,
  records: AsyncIterable<LoadRecord> | Iterable<LoadRecord>,
  options: LoadRecordsOptions = {},
): Promise<LoadCounts> {
  const version = options.extractorVersion ?? EXTRACTOR_VERSION;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const sourceFile = options.sourceFile ?? null;

  return inWriteTransaction(database, async (writer) => {
    const counts: LoadCounts = { documentsRead: 0, documentsNew: 0, figuresNew: 0, figuresKnown: 0 };
    const regionCodes = await writer.knownRegionCodes();
    let batch: LoadRecord[] = [];

    const flush = async () => {
      if (batch.length === 0) return;
      const newRegions = new Map<string, RegionRow>();
      for (const { figures } of batch) {
        for (const { region } of figures) {
          if (
            region &&
            region.code !== null &&
            region.country !== null &&
            !regionCodes.has(region.code) &&
            !newRegions.has(region.code)
          ) {
            newRegions.set(region.code, {
              code: region.code,
              name: region.name,
              level: region.level,
              country: region.country,
            });
          }
        }
      }
      if (newRegions.size > 0) {
        await writer.insertRegions([...newRegions.values()]);
        for (const code of newRegions.keys()) regionCodes.add(code);
      }
      const documents = batch.map(({ item }) => ({
        hash: contentHash(item.text),
        externalId: item.id,
        text: item.text,
        title: item.title ?? null,
        url: item.url ?? null,
        publisher: item.publisher ?? null,
        published: item.published ?? null,
        sourceFile,
      }));
      const { ids, inserted } = await writer.insertDocuments(documents);
      counts.documentsNew += inserted;
      const rows: FigureRow[] = [];
      batch.forEach(({ item, figures }, index) => {
        const documentId = ids.get(documents[index]!.hash);
        if (documentId === undefined) throw new Error(`Document ${item.id} was not stored`);
        for (const figure of figures) rows.push(figureRow(documentId, figure, item, version));
      });
      const figuresNew = await writer.insertFigures(rows);
      counts.figuresNew += figuresNew;
      counts.figuresKnown += rows.length - figuresNew;
      batch = [];
    };

    for await (const record of records) {
      counts.documentsRead++;
      batch.push(record);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    if (counts.documentsNew > 0 || counts.figuresNew > 0) await writer.bumpDataVersion();
    return counts;
  });
}

/**
 * A number that grows with every load that stores something ("0" before the first), committed with the load:
 * a cache keyed on it never serves figures from before a load once the load is visible.
 */
export async function dataVersion(database: Database): Promise<string> {
  const { db, tables } = database;
  const [row] = await db
    .select({ value: tables.meta.value })
    .from(tables.meta)
    .where(eq(tables.meta.key, DATA_VERSION_KEY));
  return row?.value ?? "0";
}

async function* extracted(
  items: AsyncIterable<InputItem>,
  file: string,
  extract: (item: InputItem) => ExtractedFigure[],
): AsyncGenerator<LoadRecord> {
  for await (const item of items) {
    let figures: ExtractedFigure[];
    try {
      figures = extract(item);
    } catch (error) {
      throw new LoadError(file, `item ${item.id}: extraction failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    yield { item, figures };
  }
}

/**
 * Loads one input file: reads its items (streaming), extracts their figures and stores both in one
 * transaction. Bad input rejects with an InputError and leaves the database as it was.
 */
export async function loadFile(
  database: Database,
  file: string,
  options: LoadFileOptions = {},
): Promise<FileSummary> {
  const totalBytes = options.stream ? undefined : await checkInputFile(file);
  let bytesRead = 0;
  let documentsRead = 0;
  const report = () => options.onProgress?.({ bytesRead, totalBytes, documentsRead });
  const items = readItems(file, {
    format: options.format,
    stream: options.stream,
    onBytesRead: (bytes) => {
      bytesRead = bytes;
      report();
    },
  });
  async function* counted(): AsyncGenerator<LoadRecord> {
    for await (const record of extracted(items, file, options.extract ?? defaultExtract)) {
      documentsRead++;
      yield record;
    }
  }
  try {
    const counts = await loadRecords(database, counted(), {
      sourceFile: file,
      extractorVersion: options.extractorVersion,
    });
    return { file, ...counts };
  } catch (error) {
    if (error instanceof InputError || error instanceof LoadError) throw error;
    throw new LoadError(file, `not loaded (nothing stored): ${(error as Error).message}`, { cause: error });
  }
}
