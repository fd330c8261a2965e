import { describe, expect, it } from "vitest";

import type { ExtractedFigure } from "../lib/extract/types";
import { syntheticRecords } from "../lib/synthetic";
import type { Database } from "./client";
import { contentHash, type LoadRecord } from "./load";
import { BatchPacker, SqliteBatchStore } from "./sqlite-batch";
import { useMigratedDatabase } from "./test-hooks";
import { rollupAndRaw } from "./testing";

// The store the SQLite writer thread runs, here on the test's own connection, so that what it does inside its
// transaction (which other connections cannot see) can be watched.

const settings = { extractorVersion: "test", sourceFile: "synthetic", bulkLoadFrom: 500 };

function* batches(records: Iterable<LoadRecord>, size = 50): Generator<LoadRecord[]> {
  let batch: LoadRecord[] = [];
  for (const record of records) {
    batch.push(record);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

describe("the SQLite batch store", () => {
  let database: Database;
  useMigratedDatabase("sqlite", (opened) => (database = opened));

  const connection = () => {
    if (database.dialect !== "sqlite") throw new Error("expected SQLite");
    return database.sqlite;
  };
  const indexes = (table = "figures") =>
    connection()
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name")
      .pluck()
      .all(table) as string[];

  /** Stores `records` in one transaction, calling `watch` after each batch; commits unless told to roll back. */
  function store(
    records: Iterable<LoadRecord>,
    options: {
      watch?: (store: SqliteBatchStore) => void;
      rollback?: boolean;
      packer?: BatchPacker;
      maxFreshDocuments?: number;
    } = {},
  ) {
    const packer = options.packer ?? new BatchPacker();
    connection().exec("BEGIN IMMEDIATE");
    try {
      const store = new SqliteBatchStore(connection(), settings, options.maxFreshDocuments);
      for (const batch of batches(records)) {
        store.write(
          packer.pack({
            records: batch,
            hashes: batch.map(({ item }) => contentHash(item.text)),
            regions: [],
          }),
        );
        options.watch?.(store);
      }
      const counts = store.finish();
      connection().exec(options.rollback ? "ROLLBACK" : "COMMIT");
      return counts;
    } finally {
      if (connection().inTransaction) connection().exec("ROLLBACK");
    }
  }

  it("drops the figures table's secondary indexes once it has stored bulkLoadFrom new figures, and finish puts them back", async () => {
    const before = indexes();
    const seen: { figures: number; indexes: number }[] = [];
    let stored = 0;
    const counts = store(syntheticRecords({ figures: 2_000, seed: 1 }), {
      watch: (store) => {
        stored = connection().prepare("SELECT count(*) FROM figures").pluck().get() as number;
        seen.push({ figures: stored, indexes: indexes().length });
        expect(store.bulk).toBe(stored >= settings.bulkLoadFrom);
      },
    });
    expect(counts.figuresNew).toBe(2_000);
    expect(seen.some(({ figures, indexes }) => figures < 500 && indexes === before.length)).toBe(true);
    expect(seen.some(({ figures, indexes }) => figures >= 500 && indexes < before.length)).toBe(true);
    expect(seen.every(({ figures, indexes }) => figures < 500 || indexes < before.length)).toBe(true);
    expect(indexes()).toEqual(before);
  });

  it("keeps the indexes while it stores fewer new figures than the table holds", async () => {
    store(syntheticRecords({ figures: 3_000, seed: 1 }));
    const before = indexes();
    const counts = store(syntheticRecords({ figures: 2_000, seed: 2 }), {
      watch: (store) => {
        expect(store.bulk).toBe(false);
        expect(indexes()).toEqual(before);
      },
    });
    expect(counts.figuresNew).toBe(2_000);
  });

  it("leaves the indexes as they were when the transaction rolls back in bulk mode", async () => {
    const before = indexes();
    const documentIndexes = indexes("documents");
    let bulk = false;
    store(syntheticRecords({ figures: 2_000, seed: 1 }), {
      watch: (store) => (bulk ||= store.bulk),
      rollback: true,
    });
    expect(bulk).toBe(true);
    expect(indexes()).toEqual(before);
    expect(indexes("documents")).toEqual(documentIndexes);
    expect(connection().prepare("SELECT count(*) FROM figures").pluck().get()).toBe(0);
  });

  describe("documents of a load that begins on an empty table", () => {
    /** 600 records in which every fifth repeats the text of the record 100 before it. */
    function withRepeats(): LoadRecord[] {
      const records = [...syntheticRecords({ figures: 3_000, seed: 3 })].slice(0, 600);
      return records.map((record, i) => (i % 5 === 4 && i >= 100 ? records[i - 100]! : record));
    }
    const distinct = (records: LoadRecord[]) => new Set(records.map(({ item }) => item.text)).size;
    const figuresOf = (records: LoadRecord[]) => {
      const seen = new Set<string>();
      return records
        .filter(({ item }) => !seen.has(item.text) && seen.add(item.text))
        .flatMap((r) => r.figures).length;
    };

    it("dedupes them in memory with the hash index dropped, and puts the index back", async () => {
      const before = indexes("documents");
      expect(before).toContain("documents_content_hash_uq");
      const records = withRepeats();
      const during: string[][] = [];
      const counts = store(records, { watch: () => during.push(indexes("documents")) });
      expect(during.every((names) => !names.includes("documents_content_hash_uq"))).toBe(true);
      expect(indexes("documents")).toEqual(before);
      expect(counts.documentsNew).toBe(distinct(records));
      expect(counts.figuresNew).toBe(figuresOf(records));
      expect(connection().prepare("SELECT count(*) FROM documents").pluck().get()).toBe(distinct(records));
    });

    it("goes back to the hash index once it holds maxFreshDocuments, deduping the same", async () => {
      const records = withRepeats();
      const during: boolean[] = [];
      const counts = store(records, {
        maxFreshDocuments: 200,
        watch: () => during.push(indexes("documents").includes("documents_content_hash_uq")),
      });
      expect(during.slice(0, 2)).toEqual([false, false]);
      expect(during.at(-1)).toBe(true);
      expect(counts.documentsNew).toBe(distinct(records));
      expect(counts.figuresNew).toBe(figuresOf(records));
    });

    it("keeps the hash index when the table already holds documents", async () => {
      store(syntheticRecords({ figures: 100, seed: 1 }));
      const before = indexes("documents");
      store(withRepeats(), { watch: () => expect(indexes("documents")).toEqual(before) });
    });
  });

  it("stores every value right and keeps the rollups exact when the strings start over between batches", async () => {
    const records = [...syntheticRecords({ figures: 3_000, seed: 5 })];
    const counts = store(records, { packer: new BatchPacker(20) });
    expect(counts.figuresNew).toBe(3_000);
    const { rollup, raw } = await rollupAndRaw(database);
    expect(rollup).toEqual(raw);
    const expected = records.flatMap(({ item, figures }) =>
      figures.map((figure) => [
        item.id,
        figure.metric,
        figure.unit,
        figure.region?.code ?? null,
        figure.region?.mention ?? null,
        figure.period?.start ?? null,
        figure.reported ?? item.published ?? null,
        figure.quote,
        figure.sentence,
      ]),
    );
    const stored = connection()
      .prepare(
        `SELECT d.external_id, f.metric, f.unit, f.region_code, f.place_mention, f.period_start, f.reported_date,
           f.quote, f.sentence
         FROM figures f JOIN documents d ON d.id = f.document_id ORDER BY f.id`,
      )
      .raw()
      .all();
    expect(stored).toEqual(expected);
  });

  it("stores the values it binds as bytes as text, non-ASCII and empty ones too", async () => {
    const item = { id: "1", text: "Report: 12 killed in Ḩalab." };
    const figure = twelveKilled({
      region: { code: "SY02", name: "Ḩalab", mention: "Ḩalab", country: "SYR", level: 1, from: "sentence" },
      reported: "2024-05-01",
      sentence: item.text,
    });
    const empty = { ...figure, unit: "children" as const, region: { ...figure.region!, mention: "" } };
    store([{ item, figures: [figure, empty] }]);
    expect(
      connection()
        .prepare(
          `SELECT metric, typeof(metric), place_mention, typeof(place_mention), reported_date, typeof(reported_date)
           FROM figures ORDER BY id`,
        )
        .raw()
        .all(),
    ).toEqual([
      ["killed", "text", "Ḩalab", "text", "2024-05-01", "text"],
      ["killed", "text", "", "text", "2024-05-01", "text"],
    ]);
  });

  it("stores a quote and sentence as the extractor gave them when they are not the text at their offsets", async () => {
    const item = { id: "1", text: "Report: 12 killed." };
    const figure = twelveKilled({ quote: "twelve killed", sentence: "Twelve people were killed." });
    store([
      { item, figures: [figure, { ...figure, quote: "12 killed", start: 8, end: 17, unit: "civilians" }] },
    ]);
    expect(connection().prepare("SELECT quote, sentence FROM figures ORDER BY id").raw().all()).toEqual([
      ["twelve killed", "Twelve people were killed."],
      ["12 killed", "Twelve people were killed."],
    ]);
  });
});

/** "12 killed" at offsets 8–17 of document "1", as the extractor would give it, with `changes` made. */
function twelveKilled(changes: Partial<ExtractedFigure>): ExtractedFigure {
  return {
    document: "1",
    metric: "killed",
    value: 12,
    lower: null,
    upper: null,
    qualifier: "exact",
    unit: "people",
    region: null,
    period: null,
    reported: null,
    kind: "flow",
    quote: "12 killed",
    start: 8,
    end: 17,
    sentence: "Report: 12 killed.",
    sentenceStart: 0,
    ...changes,
  };
}
