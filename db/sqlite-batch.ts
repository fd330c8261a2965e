import type BetterSqlite3 from "better-sqlite3";

import { DATA_VERSION_KEY } from "./data-version";
import { ADD_REGION_TOTALS } from "./region-totals";
import type { LoadSettings, RecordBatch, RegionRow, StoredCounts } from "./writers";

// A load on SQLite writes from a thread of its own (db/sqlite-writer-worker.ts) while this thread reads, extracts
// and hashes the next records. What crosses to it is packed so that it costs the writer little to take in: a
// figure's columns as numbers in typed arrays (moved, not copied), each distinct string (metric, unit, place,
// date…) sent once and then named by its index, and the quote and sentence as offsets into the document's text.
// Cloning the same rows as arrays of values cost the writer about 1 µs per figure, a fifth of its insert.

/** Columns held as the index of a string (NO_STRING for null), in this order for each figure. */
const CODED_COLUMNS = [
  "metric",
  "qualifier",
  "unit",
  "regionCode",
  "placeMention",
  "placeFrom",
  "countryIso3",
  "periodStart",
  "periodEnd",
  "periodPrecision",
  "reportedDate",
  "kind",
] as const;
const CODED = CODED_COLUMNS.length;
const METRIC = 0;
const REGION_CODE = 3;
const PERIOD_END = 8;
const REPORTED_DATE = 10;
const NO_STRING = -1;

/** Columns held as numbers (NaN for null): value, lower, upper, quote start and end, sentence start and end. */
const NUMBERED = 7;

/** Flags of a figure whose quote or sentence is not its document's text at its offsets: sent in `texts` instead. */
const QUOTE_SENT = 1;
const SENTENCE_SENT = 2;

/** Page cache (KiB) while bulk mode's indexes are rebuilt: the sorter then sorts in smaller runs, which is faster. */
const REBUILD_CACHE_KIB = 2_000;
/** Threads SQLite's sorter may add to the rebuild: the loader's reading thread is idle by then. */
const REBUILD_SORT_THREADS = 2;

/**
 * Documents a load that began on an empty documents table dedupes in memory (DocumentHashes, at most 16 bytes a
 * slot) with the table's indexes dropped, before it puts them back and goes on with ON CONFLICT.
 */
const MAX_FRESH_DOCUMENTS = 2 ** 19;

/** Distinct strings both sides keep before they start over, so that memory stays flat on any input. */
const MAX_STRINGS = 100_000;

export interface PackedDocuments {
  hash: string[];
  externalId: string[];
  text: string[];
  title: (string | null)[];
  url: (string | null)[];
  publisher: (string | null)[];
  published: (string | null)[];
}

export interface PackedBatch {
  regions: RegionRow[];
  documents: PackedDocuments;
  /** Strings first named in this batch, numbered on from those sent before (after `resetStrings`, from 0). */
  strings: string[];
  resetStrings: boolean;
  figureCount: number;
  /** Per figure, its document's index in `documents`. */
  documentIndex: Int32Array;
  /** Per figure, CODED strings' indexes. */
  codes: Int32Array;
  /** Per figure, NUMBERED numbers. */
  numbers: Float64Array;
  /** Per figure, QUOTE_SENT | SENTENCE_SENT. */
  sent: Uint8Array;
  /** The quotes and sentences flagged as sent, in figure order. */
  texts: (string | null)[];
}

/** The buffers to move, not copy, with a batch posted to another thread. */
export function transferables(batch: PackedBatch): ArrayBuffer[] {
  return [batch.documentIndex.buffer, batch.codes.buffer, batch.numbers.buffer, batch.sent.buffer].filter(
    (buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer,
  );
}

/** Whether `part` (a quote or sentence as the extractor gave it) is `text` from `start` to `end`. */
function isTextAt(text: string, part: string | null, start: number, end: number): boolean {
  return typeof part === "string" && part.length === end - start && text.startsWith(part, start);
}

/** Packs record batches for a SqliteBatchStore, here or in another thread; one packer per load. */
export class BatchPacker {
  private readonly codes = new Map<string, number>();
  private fresh: string[] = [];

  /** `maxStrings`: distinct strings kept before both sides start over. */
  constructor(private readonly maxStrings = MAX_STRINGS) {}

  private code(value: string | null | undefined): number {
    if (value === null || value === undefined) return NO_STRING;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.codes.size;
      this.codes.set(value, code);
      this.fresh.push(value);
    }
    return code;
  }

  pack({ records, hashes, regions }: RecordBatch): PackedBatch {
    const resetStrings = this.codes.size > this.maxStrings;
    if (resetStrings) this.codes.clear();
    this.fresh = [];
    let figureCount = 0;
    for (const { figures } of records) figureCount += figures.length;
    const documentIndex = new Int32Array(figureCount);
    const codes = new Int32Array(figureCount * CODED);
    const numbers = new Float64Array(figureCount * NUMBERED);
    const sent = new Uint8Array(figureCount);
    const texts: (string | null)[] = [];
    let i = 0;
    records.forEach(({ item, figures }, document) => {
      const text = item.text;
      const published = item.published ?? null;
      for (const figure of figures) {
        documentIndex[i] = document;
        const c = i * CODED;
        const { region, period } = figure;
        codes[c] = this.code(figure.metric);
        codes[c + 1] = this.code(figure.qualifier);
        codes[c + 2] = this.code(figure.unit);
        codes[c + REGION_CODE] = this.code(region?.code);
        codes[c + 4] = this.code(region?.mention);
        codes[c + 5] = this.code(region?.from);
        codes[c + 6] = this.code(region?.country);
        codes[c + 7] = this.code(period?.start);
        codes[c + PERIOD_END] = this.code(period?.end);
        codes[c + 9] = this.code(period?.precision);
        codes[c + REPORTED_DATE] = this.code(figure.reported ?? published);
        codes[c + 11] = this.code(figure.kind);
        const n = i * NUMBERED;
        const sentenceEnd = figure.sentenceStart + (figure.sentence?.length ?? 0);
        numbers[n] = figure.value ?? NaN;
        numbers[n + 1] = figure.lower ?? NaN;
        numbers[n + 2] = figure.upper ?? NaN;
        numbers[n + 3] = figure.start ?? NaN;
        numbers[n + 4] = figure.end ?? NaN;
        numbers[n + 5] = figure.sentenceStart ?? NaN;
        numbers[n + 6] = sentenceEnd;
        let flags = 0;
        if (!isTextAt(text, figure.quote, figure.start, figure.end)) {
          flags |= QUOTE_SENT;
          texts.push(figure.quote);
        }
        if (!isTextAt(text, figure.sentence, figure.sentenceStart, sentenceEnd)) {
          flags |= SENTENCE_SENT;
          texts.push(figure.sentence);
        }
        sent[i] = flags;
        i++;
      }
    });
    const column = <T>(value: (item: RecordBatch["records"][number]["item"]) => T) =>
      records.map(({ item }) => value(item));
    return {
      regions: [...regions],
      documents: {
        hash: [...hashes],
        externalId: column((item) => item.id),
        text: column((item) => item.text),
        title: column((item) => item.title ?? null),
        url: column((item) => item.url ?? null),
        publisher: column((item) => item.publisher ?? null),
        published: column((item) => item.published ?? null),
      },
      strings: this.fresh,
      resetStrings,
      figureCount,
      documentIndex,
      codes,
      numbers,
      sent,
      texts,
    };
  }
}

/** The figures table's columns in the order the store binds them, and whether each is a coded one. */
const FIGURE_COLUMNS = [
  ["document_id", false],
  ["metric", true],
  ["value", false],
  ["lower", false],
  ["upper", false],
  ["qualifier", true],
  ["unit", true],
  ["region_code", true],
  ["place_mention", true],
  ["place_from", true],
  ["country_iso3", true],
  ["period_start", true],
  ["period_end", true],
  ["period_precision", true],
  ["reported_date", true],
  ["kind", true],
  ["quote", false],
  ["quote_start", false],
  ["quote_end", false],
  ["sentence", false],
  ["sentence_start", false],
] as const;

const orNull = (value: number | undefined): number | null =>
  value === undefined || Number.isNaN(value) ? null : value;

/** A SQL string literal. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The documents a load inserted, by content hash, while the table's unique index on it is dropped: an open
 * addressing table of each hash's first 52 bits and the document's id. A match on those bits is confirmed by the
 * caller against the stored hash.
 */
class DocumentHashes {
  private slots = new Float64Array(2 * 1024);
  count = 0;

  private static key(hash: string): number {
    return Number.parseInt(hash.slice(0, 13), 16);
  }

  find(hash: string, isStored: (id: number) => boolean): number | undefined {
    const key = DocumentHashes.key(hash);
    const capacity = this.slots.length / 2;
    for (let slot = key % capacity; ; slot = (slot + 1) % capacity) {
      const id = this.slots[2 * slot + 1]!;
      if (id === 0) return undefined;
      if (this.slots[2 * slot] === key && isStored(id)) return id;
    }
  }

  add(hash: string, id: number): void {
    if (2 * (this.count + 1) > this.slots.length / 2) this.grow();
    this.put(DocumentHashes.key(hash), id);
    this.count++;
  }

  private put(key: number, id: number): void {
    const capacity = this.slots.length / 2;
    let slot = key % capacity;
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) % capacity;
    this.slots[2 * slot] = key;
    this.slots[2 * slot + 1] = id;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.put(old[i]!, old[i + 1]!);
  }
}

/**
 * Stores packed batches on a connection whose write transaction its caller has begun (and commits or rolls back):
 * documents, figures, the regions they name, the rollups and the data version. Construct it inside the transaction.
 */
export class SqliteBatchStore {
  private readonly strings: string[] = [];
  /** The strings' UTF-8 bytes, as insertFigure binds them. */
  private readonly bound: Buffer[] = [];
  /** New figures per region and per date, by string index, folded into the maps below when the strings start over. */
  private regionTally: number[] = [];
  private dateTally: number[] = [];
  private readonly regionCounts = new Map<string, number>();
  private readonly yearCounts = new Map<string, number>();
  private readonly counts: StoredCounts = { documentsNew: 0, figuresNew: 0, figuresKnown: 0 };
  /** The figures table's highest id when the load began: at least as many as it held, read without counting. */
  private readonly storedBefore: number;
  private droppedIndexes: { name: string; sql: string }[] = [];
  /** The documents table's indexes, dropped while this load's documents are deduped in `freshDocuments`. */
  private droppedDocumentIndexes: { name: string; sql: string }[] = [];
  private freshDocuments: DocumentHashes | undefined;
  private insertDocument: BetterSqlite3.Statement;
  private bulkLoad = false;
  private readonly statements;

  /** `maxFreshDocuments`: how many documents to dedupe in memory (see MAX_FRESH_DOCUMENTS). */
  constructor(
    private readonly connection: BetterSqlite3.Database,
    private readonly settings: LoadSettings,
    private readonly maxFreshDocuments = MAX_FRESH_DOCUMENTS,
  ) {
    this.statements = {
      insertRegion: connection.prepare(
        "INSERT INTO regions (code, name, level, country_iso3) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING",
      ),
      documentId: connection.prepare("SELECT id FROM documents WHERE content_hash = ?").pluck(),
      documentHash: connection.prepare("SELECT content_hash FROM documents WHERE id = ?").pluck(),
      // A coded column is bound as the UTF-8 bytes of its string, made once per distinct string, and read back
      // as text: better-sqlite3 converts a string to UTF-8 on every bind (~0.5 s of a million figures). The
      // extractor version is the same for every figure of a load: a literal costs nothing to bind.
      insertFigure: connection.prepare(
        `INSERT INTO figures (${FIGURE_COLUMNS.map(([name]) => name).join(", ")}, extractor_version)
         VALUES (${FIGURE_COLUMNS.map(([, coded]) => (coded ? "CAST(? AS TEXT)" : "?")).join(", ")},
           ${literal(settings.extractorVersion)})
         ON CONFLICT (document_id, metric, unit, quote_start, quote_end) DO NOTHING`,
      ),
      addRegionCount: connection.prepare(
        `INSERT INTO region_counts (region_code, figures) VALUES (?, ?)
         ON CONFLICT (region_code) DO UPDATE SET figures = figures + excluded.figures`,
      ),
      addRegionTotals: connection.prepare(ADD_REGION_TOTALS.sqlite),
      addYearCount: connection.prepare(
        `INSERT INTO year_counts (year, figures) VALUES (?, ?)
         ON CONFLICT (year) DO UPDATE SET figures = figures + excluded.figures`,
      ),
      bumpVersion: connection.prepare(
        `INSERT INTO meta (key, value) VALUES (?, '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)`,
      ),
    };
    this.storedBefore = connection
      .prepare("SELECT coalesce(max(id), 0) FROM figures")
      .pluck()
      .get() as number;
    // A first load into an empty table inserts its documents in hash order into the unique index, at random
    // places: about 0.8 s of a million figures' load. Built once at the end instead, from a sort.
    const documentsBefore = connection
      .prepare("SELECT count(*) FROM (SELECT 1 FROM documents LIMIT 1)")
      .pluck()
      .get();
    if (documentsBefore === 0) {
      this.droppedDocumentIndexes = this.indexesOf("documents");
      for (const { name } of this.droppedDocumentIndexes) this.dropIndex(name);
      this.freshDocuments = new DocumentHashes();
    }
    this.insertDocument = this.prepareInsertDocument();
  }

  private prepareInsertDocument(): BetterSqlite3.Statement {
    return this.connection.prepare(
      `INSERT INTO documents (content_hash, external_id, text, title, url, publisher, published_date, source_file)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ${this.freshDocuments ? "" : "ON CONFLICT (content_hash) DO NOTHING"}`,
    );
  }

  /** The indexes of `table` that were made by CREATE INDEX: `unique`, only unique ones; false, none of those. */
  private indexesOf(table: string, unique?: boolean): { name: string; sql: string }[] {
    const which = unique === undefined ? null : Number(unique);
    return this.connection
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
         AND (? IS NULL OR ? = (name IN (SELECT name FROM pragma_index_list(?) WHERE "unique")))`,
      )
      .all(table, which, which, table) as { name: string; sql: string }[];
  }

  private dropIndex(name: string): void {
    this.connection.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
  }

  /** Builds the documents table's indexes again and goes back to deduping documents with ON CONFLICT. */
  private restoreDocumentIndexes(): void {
    for (const index of this.droppedDocumentIndexes) this.connection.exec(index.sql);
    this.droppedDocumentIndexes = [];
    this.freshDocuments = undefined;
    this.insertDocument = this.prepareInsertDocument();
  }

  /** Whether the figures table's secondary indexes are dropped until finish (bulk mode, ADR 0002). */
  get bulk(): boolean {
    return this.bulkLoad;
  }

  write(batch: PackedBatch): void {
    if (batch.resetStrings) {
      this.foldTallies();
      this.strings.length = 0;
      this.bound.length = 0;
    }
    for (const text of batch.strings) {
      this.strings.push(text);
      this.bound.push(Buffer.from(text));
    }
    const { insertRegion, documentId, documentHash, insertFigure } = this.statements;
    for (const region of batch.regions)
      insertRegion.run(region.code, region.name, region.level, region.country);

    const documents = batch.documents;
    const ids: number[] = [];
    const fresh = this.freshDocuments;
    for (let d = 0; d < documents.hash.length; d++) {
      const hash = documents.hash[d]!;
      const known = fresh?.find(hash, (id) => documentHash.get(id) === hash);
      if (known !== undefined) {
        ids.push(known);
        continue;
      }
      const result = this.insertDocument.run(
        hash,
        documents.externalId[d],
        documents.text[d],
        documents.title[d],
        documents.url[d],
        documents.publisher[d],
        documents.published[d],
        this.settings.sourceFile,
      );
      if (result.changes > 0) {
        this.counts.documentsNew++;
        const id = Number(result.lastInsertRowid);
        ids.push(id);
        fresh?.add(hash, id);
      } else {
        ids.push(documentId.get(hash) as number);
      }
    }
    if (fresh && fresh.count >= this.maxFreshDocuments) this.restoreDocumentIndexes();

    const { documentIndex, codes, numbers, sent, texts } = batch;
    const bound = this.bound;
    const string = (index: number) => bound[codes[index]!] ?? null;
    let sentText = 0;
    let inserted = 0;
    for (let i = 0; i < batch.figureCount; i++) {
      const document = documentIndex[i]!;
      const text = documents.text[document]!;
      const c = i * CODED;
      const n = i * NUMBERED;
      const quote = sent[i]! & QUOTE_SENT ? texts[sentText++] : text.slice(numbers[n + 3], numbers[n + 4]);
      const sentence =
        sent[i]! & SENTENCE_SENT ? texts[sentText++] : text.slice(numbers[n + 5], numbers[n + 6]);
      const { changes } = insertFigure.run(
        ids[document],
        string(c + METRIC),
        orNull(numbers[n]),
        orNull(numbers[n + 1]),
        orNull(numbers[n + 2]),
        string(c + 1),
        string(c + 2),
        string(c + REGION_CODE),
        string(c + 4),
        string(c + 5),
        string(c + 6),
        string(c + 7),
        string(c + PERIOD_END),
        string(c + 9),
        string(c + REPORTED_DATE),
        string(c + 11),
        quote,
        orNull(numbers[n + 3]),
        orNull(numbers[n + 4]),
        sentence,
        orNull(numbers[n + 5]),
      );
      if (changes === 0) continue;
      inserted++;
      const region = codes[c + REGION_CODE]!;
      if (region !== NO_STRING) this.regionTally[region] = (this.regionTally[region] ?? 0) + 1;
      const reported = codes[c + REPORTED_DATE]!;
      const date = reported !== NO_STRING ? reported : codes[c + PERIOD_END]!;
      if (date !== NO_STRING) this.dateTally[date] = (this.dateTally[date] ?? 0) + 1;
    }
    this.counts.figuresNew += inserted;
    this.counts.figuresKnown += batch.figureCount - inserted;
    if (!this.bulk && this.counts.figuresNew >= Math.max(this.settings.bulkLoadFrom, this.storedBefore)) {
      this.startBulkLoad();
    }
  }

  /**
   * Drops the figures table's non-unique indexes (read from sqlite_master, no names in code), rebuilt by finish
   * from their stored SQL: one sort per index instead of a B-tree insert per row. Other connections keep reading
   * the last commit; a rollback puts them back.
   */
  private startBulkLoad(): void {
    this.bulkLoad = true;
    this.droppedIndexes = this.indexesOf("figures", false);
    for (const { name } of this.droppedIndexes) this.dropIndex(name);
  }

  private rebuildIndexes(): void {
    const cacheSize = this.connection.pragma("cache_size", { simple: true }) as number;
    const threads = this.connection.pragma("threads", { simple: true }) as number;
    this.connection.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
    this.connection.pragma(`threads = ${REBUILD_SORT_THREADS}`);
    try {
      for (const index of this.droppedIndexes) this.connection.exec(index.sql);
      this.droppedIndexes = [];
      if (this.freshDocuments) this.restoreDocumentIndexes();
    } finally {
      this.connection.pragma(`cache_size = ${cacheSize}`);
      this.connection.pragma(`threads = ${threads}`);
    }
  }

  private foldTallies(): void {
    this.regionTally.forEach((figures, code) => {
      const region = this.strings[code]!;
      this.regionCounts.set(region, (this.regionCounts.get(region) ?? 0) + figures);
    });
    this.dateTally.forEach((figures, code) => {
      const year = this.strings[code]!.slice(0, 4);
      this.yearCounts.set(year, (this.yearCounts.get(year) ?? 0) + figures);
    });
    this.regionTally = [];
    this.dateTally = [];
  }

  /**
   * Rebuilds what bulk mode dropped, adds the new figures to region_counts and year_counts, and bumps the data
   * version if anything was stored: the last writes before the caller commits.
   */
  finish(): StoredCounts {
    if (this.droppedIndexes.length > 0 || this.freshDocuments) this.rebuildIndexes();
    this.bulkLoad = false;
    this.foldTallies();
    const { addRegionCount, addRegionTotals, addYearCount, bumpVersion } = this.statements;
    for (const row of this.regionCounts) addRegionCount.run(...row);
    if (this.regionCounts.size > 0) addRegionTotals.run(JSON.stringify([...this.regionCounts]));
    for (const row of this.yearCounts) addYearCount.run(...row);
    if (this.counts.documentsNew > 0 || this.counts.figuresNew > 0) bumpVersion.run(DATA_VERSION_KEY);
    return { ...this.counts };
  }
}
