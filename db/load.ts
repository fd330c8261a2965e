import { hash } from "node:crypto";

import { EXTRACTOR_VERSION, extract as defaultExtract } from "../lib/extract";
import type { ExtractedFigure, InputItem } from "../lib/extract/types";
import { checkInputFile, InputError, readItems, type InputFormat } from "../lib/input";
import type { Database } from "./dialect";
import { inLoadTransaction, type RegionRow, type StoredCounts } from "./writers";

/** One document to store with the figures found in it. */
export interface LoadRecord {
  item: InputItem;
  figures: readonly ExtractedFigure[];
}

export interface LoadCounts extends StoredCounts {
  documentsRead: number;
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
   * Figures a load stores before it switches to bulk mode (ADR 0002); it waits too until it has stored as many as
   * the table held before, so that a small load never rebuilds a large table's indexes.
   */
  bulkLoadFrom?: number;
}

/** A document's identity: the SHA-256 of its text, so the same text loaded again (from any file) is one document. */
export function contentHash(text: string): string {
  return hash("sha256", text, "hex");
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

/**
 * Checks a batch's figures the same way for both dialects (dates, region references) and returns the regions they
 * name that the regions table lacks, adding them to `regionCountries`. A figure's country is its region's: a
 * country view finds a country's figures by that column alone (db/queries/figures.ts).
 */
function checkedRegions(batch: readonly LoadRecord[], regionCountries: Map<string, string>): RegionRow[] {
  const regions: RegionRow[] = [];
  for (const { item, figures } of batch) {
    for (const figure of figures) {
      checkedDate(figure.period?.start ?? null, "a period start", item);
      checkedDate(figure.period?.end ?? null, "a period end", item);
      checkedDate(figure.reported ?? item.published ?? null, "a reported date", item);
      const region = figure.region;
      if (!region || region.code === null) continue;
      const country = regionCountries.get(region.code);
      if (country !== undefined) {
        if (region.country !== country) {
          throw new Error(
            `item ${item.id}: the extractor placed a figure in region ${JSON.stringify(region.code)} with country ${JSON.stringify(region.country)}, but the regions table has that region in ${JSON.stringify(country)}`,
          );
        }
        continue;
      }
      if (region.country === null) {
        throw new Error(
          `item ${item.id}: the extractor placed a figure in region ${JSON.stringify(region.code)}, which the regions table lacks, without its country`,
        );
      }
      regions.push({ code: region.code, name: region.name, level: region.level, country: region.country });
      regionCountries.set(region.code, region.country);
    }
  }
  return regions;
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
  const extractorVersion = options.extractorVersion ?? EXTRACTOR_VERSION;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const sourceFile = options.sourceFile ?? null;
  const bulkLoadFrom = options.bulkLoadFrom ?? DEFAULT_BULK_LOAD_FROM;

  return inLoadTransaction(database, { extractorVersion, sourceFile, bulkLoadFrom }, async (session) => {
    let documentsRead = 0;
    let batch: LoadRecord[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const regions = checkedRegions(batch, session.regionCountries);
      const hashes = batch.map(({ item }) => contentHash(item.text));
      await session.write({ records: batch, hashes, regions });
      batch = [];
    };
    for await (const record of records) {
      documentsRead++;
      batch.push(record);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    return { documentsRead, ...(await session.finish()) };
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
