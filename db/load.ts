import { createHash } from "node:crypto";

import { EXTRACTOR_VERSION, extract as defaultExtract } from "../lib/extract";
import type { ExtractedFigure, InputItem } from "../lib/extract/types";
import { checkInputFile, InputError, readItems, type InputFormat } from "../lib/input";
import type { Database } from "./dialect";
import { inWriteTransaction, type FigureRow, type RegionRow } from "./writers";

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
  /**
   * Figures a load stores before it switches to bulk mode (see BatchWriter.startBulkLoad); it waits too until it
   * has stored as many as the table held before, so that a small load never rebuilds a large table's indexes.
   */
  bulkLoadFrom?: number;
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
const DEFAULT_BULK_LOAD_FROM = 20_000;

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
  const bulkLoadFrom = options.bulkLoadFrom ?? DEFAULT_BULK_LOAD_FROM;

  return inWriteTransaction(database, async (writer) => {
    const counts: LoadCounts = { documentsRead: 0, documentsNew: 0, figuresNew: 0, figuresKnown: 0 };
    const regionCodes = await writer.knownRegionCodes();
    const storedBefore = await writer.storedFiguresBound();
    let bulk = false;
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
      if (!bulk && counts.figuresNew >= Math.max(bulkLoadFrom, storedBefore)) {
        await writer.startBulkLoad();
        bulk = true;
      }
    };

    for await (const record of records) {
      counts.documentsRead++;
      batch.push(record);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    if (bulk) await writer.finishBulkLoad();
    await writer.saveFigureCounts();
    if (counts.documentsNew > 0 || counts.figuresNew > 0) await writer.bumpDataVersion();
    return counts;
  });
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
