import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import BetterSqlite3 from "better-sqlite3";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ExtractedFigure, InputItem } from "../lib/extract/types";
import { extract } from "../lib/extract";
import { InputError, readItems } from "../lib/input";
import { allRegions } from "../lib/regions";
import { openDatabase, withTransaction, type Database } from "./client";
import { readDataVersion } from "./cache";
import { contentHash, LoadError, loadFile, loadRecords } from "./load";
import { syncRegions } from "./regions";
import { useMigratedDatabase } from "./test-hooks";
import { createTestDatabase } from "./testing";

const SAMPLE = path.resolve("data/sample-reports.txt");

async function counts(database: Database) {
  const { db, tables } = database;
  const [documents] = await db.select({ n: count() }).from(tables.documents);
  const [figures] = await db.select({ n: count() }).from(tables.figures);
  const [regions] = await db.select({ n: count() }).from(tables.regions);
  return { documents: documents!.n, figures: figures!.n, regions: regions!.n };
}

/** A stand-in extractor with a known output, so storage is tested apart from extraction quality. */
function numbersAsKilled(item: InputItem): ExtractedFigure[] {
  return [...item.text.matchAll(/\d+/g)].map((match) => ({
    document: item.id,
    metric: "killed",
    value: Number(match[0]),
    lower: null,
    upper: null,
    qualifier: "exact",
    unit: "people",
    region: null,
    period: null,
    reported: null,
    kind: "flow",
    quote: match[0],
    start: match.index,
    end: match.index + match[0].length,
    sentence: item.text,
    sentenceStart: 0,
  }));
}

/** Resolves once another connection holds the SQLite file's write lock. */
async function writeLockTaken(database: Database): Promise<void> {
  if (database.dialect !== "sqlite") throw new Error("expected SQLite");
  const probe = new BetterSqlite3(database.file, { timeout: 0 });
  try {
    for (;;) {
      try {
        probe.exec("BEGIN IMMEDIATE");
        probe.exec("ROLLBACK");
      } catch (error) {
        if ((error as { code?: string }).code === "SQLITE_BUSY") return;
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    probe.close();
  }
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "keyfigures-load-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}

/** A load of four reports, one per batch, that stops before the third until `resume` is called. */
function pausedLoad(database: Database): {
  loading: Promise<unknown>;
  atPause: Promise<void>;
  resume: () => void;
} {
  let resume!: () => void;
  const paused = new Promise<void>((resolve) => (resume = resolve));
  let reachedPause!: () => void;
  const atPause = new Promise<void>((resolve) => (reachedPause = resolve));
  async function* records() {
    for (let i = 1; i <= 4; i++) {
      const item = { id: String(i), text: `Report ${i}: ${i}5 killed.` };
      if (i === 3) {
        reachedPause();
        await paused;
      }
      yield { item, figures: numbersAsKilled(item) };
    }
  }
  return { loading: loadRecords(database, records(), { batchSize: 1 }), atPause, resume };
}

describe.each(["sqlite", "pg"] as const)("the database on %s", (dialect) => {
  let database: Database;
  useMigratedDatabase(dialect, (opened) => (database = opened));

  it("migrates an empty database and fills the regions table from the gazetteer, once", async () => {
    const empty = await createTestDatabase(dialect);
    const database = await openDatabase(empty.url);
    try {
      expect(database.dialect).toBe(dialect);
      const before = await counts(database);
      expect(before).toEqual({ documents: 0, figures: 0, regions: allRegions().length });
      const sample = allRegions().find((region) => region.parent !== null && region.aliases.length > 0)!;
      const { db, tables } = database;
      const [stored] = await db.select().from(tables.regions).where(eq(tables.regions.code, sample.code));
      expect(stored).toEqual({
        code: sample.code,
        name: sample.name,
        level: sample.level,
        parentCode: sample.parent,
        countryIso3: sample.country,
        aliases: JSON.stringify(sample.aliases),
      });
      expect(await syncRegions(database)).toEqual({ upserted: 0 });
      const again = await openDatabase(empty.url);
      await again.close();
      expect(await counts(database)).toEqual(before);
    } finally {
      await database.close();
      await empty.drop();
    }
  });

  it("lets several instances open (and migrate) the same empty database at once", async () => {
    const fresh = await createTestDatabase(dialect);
    try {
      const opened = await Promise.all([1, 2, 3].map(() => openDatabase(fresh.url)));
      const regionCounts = await Promise.all(
        opened.map(async (instance) => (await counts(instance)).regions),
      );
      expect(regionCounts).toEqual([allRegions().length, allRegions().length, allRegions().length]);
      await Promise.all(opened.map((instance) => instance.close()));
    } finally {
      await fresh.drop();
    }
  });

  it("loads the sample: 18 items, 17 documents (lines 2 and 3 are the same text), and figures", async () => {
    const items = [];
    for await (const item of readItems(SAMPLE)) items.push(item);
    const extracted = items.map((item) => extract(item).length);
    const summary = await loadFile(database, SAMPLE);
    expect(summary).toMatchObject({ file: SAMPLE, documentsRead: 18, documentsNew: 17 });
    expect(summary.figuresNew).toBeGreaterThan(0);
    expect(summary.figuresNew + summary.figuresKnown).toBe(extracted.reduce((sum, n) => sum + n, 0));
    // Line 3 repeats line 2: its figures are the same document's, so already known.
    expect(summary.figuresKnown).toBe(extracted[2]);
    const after = await counts(database);
    expect(after.documents).toBe(17);
    expect(after.figures).toBe(summary.figuresNew);
  });

  it("adds nothing when the sample is loaded a second time", async () => {
    expect(await readDataVersion(database)).toBe("0");
    const first = await loadFile(database, SAMPLE);
    expect(await readDataVersion(database)).toBe("1");
    const before = await counts(database);
    const second = await loadFile(database, SAMPLE);
    expect(await counts(database)).toEqual(before);
    expect(await readDataVersion(database)).toBe("1");
    expect(second).toMatchObject({ documentsRead: 18, documentsNew: 0, figuresNew: 0 });
    expect(second.figuresKnown).toBe(first.figuresNew + first.figuresKnown);
  });

  it("stores the sources sidecar's metadata with the sample's documents", async () => {
    await loadFile(database, SAMPLE);
    const { db, tables } = database;
    const [line9] = await db
      .select()
      .from(tables.documents)
      .where(eq(tables.documents.url, "https://en.trend.az/world/us/2986877.html"));
    expect(line9).toMatchObject({
      externalId: "9",
      publishedDate: "2018-11-29",
      publisher: "Reuters (republished by Trend News Agency)",
    });
    expect(line9?.title).toMatch(/^U\.N\. says Astana meeting/);
    expect(line9?.contentHash).toBe(contentHash(line9!.text));
  });

  it("stores figures with their document, quote offsets and extractor version, and counts known ones", async () => {
    const file = write(
      `figures-${dialect}.jsonl`,
      [
        JSON.stringify({ id: "a", text: "25 killed and 3 injured.", published: "2019-06-10" }),
        JSON.stringify({ id: "b", text: "No numbers here." }),
      ].join("\n"),
    );
    const first = await loadFile(database, file, { extract: numbersAsKilled, extractorVersion: "test-1" });
    expect(first).toMatchObject({ documentsRead: 2, documentsNew: 2, figuresNew: 2, figuresKnown: 0 });
    const { db, tables } = database;
    const rows = await db
      .select({
        value: tables.figures.value,
        quote: tables.figures.quote,
        quoteStart: tables.figures.quoteStart,
        reportedDate: tables.figures.reportedDate,
        extractorVersion: tables.figures.extractorVersion,
        documentText: tables.documents.text,
      })
      .from(tables.figures)
      .innerJoin(tables.documents, eq(tables.figures.documentId, tables.documents.id))
      .orderBy(tables.figures.quoteStart);
    expect(rows).toEqual([
      {
        value: 25,
        quote: "25",
        quoteStart: 0,
        reportedDate: "2019-06-10",
        extractorVersion: "test-1",
        documentText: "25 killed and 3 injured.",
      },
      {
        value: 3,
        quote: "3",
        quoteStart: 14,
        reportedDate: "2019-06-10",
        extractorVersion: "test-1",
        documentText: "25 killed and 3 injured.",
      },
    ]);
    const second = await loadFile(database, file, { extract: numbersAsKilled, extractorVersion: "test-1" });
    expect(second).toMatchObject({ documentsNew: 0, figuresNew: 0, figuresKnown: 2 });
  });

  it("lets another connection read while a load writes, and shows nothing of the load before it commits", async () => {
    const reader = await openDatabase(database.url);
    try {
      const { loading, atPause, resume } = pausedLoad(database);
      await atPause;
      expect(await counts(reader)).toMatchObject({ documents: 0, figures: 0 });
      resume();
      await loading;
      expect(await counts(reader)).toMatchObject({ documents: 4, figures: 8 });
    } finally {
      await reader.close();
    }
  });

  it("adds a region a figure names that the regions table lacks", async () => {
    const withUnknownRegion = (item: InputItem) =>
      numbersAsKilled(item).map((figure) => ({
        ...figure,
        region: {
          code: "XX-TEST",
          name: "Testland",
          mention: "Testland",
          country: "XXX",
          level: 0,
          from: "sentence" as const,
        },
      }));
    const file = write(`region-${dialect}.jsonl`, JSON.stringify({ text: "7 killed in Testland." }));
    const summary = await loadFile(database, file, { extract: withUnknownRegion });
    expect(summary.figuresNew).toBe(1);
    const { db, tables } = database;
    const [region] = await db.select().from(tables.regions).where(eq(tables.regions.code, "XX-TEST"));
    expect(region).toMatchObject({ name: "Testland", countryIso3: "XXX", level: 0 });
  });

  it("stores records across several batches in one transaction", async () => {
    const records = Array.from({ length: 7 }, (_, i) => {
      const item = { id: String(i + 1), text: `Report ${i + 1}: ${i + 10} killed.` };
      return { item, figures: numbersAsKilled(item) };
    });
    const summary = await loadRecords(database, records, { batchSize: 3, extractorVersion: "test" });
    expect(summary).toEqual({ documentsRead: 7, documentsNew: 7, figuresNew: 14, figuresKnown: 0 });
    expect(await counts(database)).toMatchObject({ documents: 7, figures: 14 });
  });

  it("runs two loads of the same database started together one after the other, both stored", async () => {
    const records = (seed: number) =>
      Array.from({ length: 30 }, (_, i) => {
        const item = { id: `${seed}-${i}`, text: `Report from desk ${"AB"[seed]}: ${i + 10} killed.` };
        return { item, figures: numbersAsKilled(item) };
      });
    const [first, second] = await Promise.all([
      loadRecords(database, records(0), { batchSize: 4 }),
      loadRecords(database, records(1), { batchSize: 4 }),
    ]);
    expect(first.figuresNew).toBe(30);
    expect(second.figuresNew).toBe(30);
    expect(await counts(database)).toMatchObject({ documents: 60, figures: 60 });
    expect(await readDataVersion(database)).toBe("2");
  });

  // better-sqlite3 waits for a lock synchronously: a write from this thread while the load's writer thread holds
  // the lock would block the thread that feeds it, until busy_timeout, unless it waits its turn.
  it.runIf(dialect === "sqlite")(
    "lets this process write to the file while a load's writer thread holds it, after the load",
    async () => {
      const { loading, atPause, resume } = pausedLoad(database);
      await atPause;
      await writeLockTaken(database);
      const writing = withTransaction(database, async ({ db, tables }) => {
        await db.insert(tables.meta).values({ key: "test_write", value: "1" });
      });
      resume();
      await Promise.all([loading, writing]);
      expect(await counts(database)).toMatchObject({ documents: 4, figures: 8 });
    },
  );

  describe("bad input", () => {
    const cases: { name: string; make: () => string; message: RegExp }[] = [
      {
        name: "a missing file",
        make: () => path.join(scratch, "missing.txt"),
        message: /missing\.txt: no such file$/,
      },
      {
        name: "a directory",
        make: () => {
          const directory = path.join(scratch, "folder.txt");
          mkdirSync(directory, { recursive: true });
          return directory;
        },
        message: /folder\.txt: is a directory/,
      },
      { name: "an empty file", make: () => write("empty.txt", ""), message: /empty\.txt: empty file$/ },
      {
        name: "binary data",
        make: () => write("binary.txt", Buffer.from([0x68, 0x69, 0x0a, 0x00, 0x01, 0x02])),
        message: /binary\.txt:2: binary data/,
      },
      {
        name: "invalid UTF-8",
        make: () =>
          write(
            "latin1.txt",
            Buffer.concat([Buffer.from("ok\n12 killed in caf"), Buffer.from([0xe9, 0x0a])]),
          ),
        message: /latin1\.txt:2: invalid UTF-8/,
      },
      {
        name: "a malformed JSONL line",
        make: () => write("broken.jsonl", '{"text": "5 killed"}\n{"text": "6 killed"\n'),
        message: /broken\.jsonl:2: malformed JSON/,
      },
      {
        name: "a JSONL object without text",
        make: () => write("no-text.jsonl", '{"title": "5 killed"}\n'),
        message: /no-text\.jsonl:1: no "text" field/,
      },
      {
        name: "a CSV without a text column",
        make: () => write("no-text.csv", "title,url\nReport,https://example.org\n"),
        message: /no-text\.csv:1: no "text" column/,
      },
      {
        name: "an unknown extension",
        make: () => write("report.pdf", "5 killed"),
        message: /report\.pdf: unknown extension "\.pdf"/,
      },
    ];

    for (const { name, make, message } of cases) {
      it(`rejects ${name} with a message naming the file and problem, and changes nothing`, async () => {
        await loadFile(database, SAMPLE);
        const before = await counts(database);
        const file = make();
        const error = await loadFile(database, file).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).message).toMatch(message);
        expect((error as InputError).message).not.toContain("\n");
        expect(await counts(database)).toEqual(before);
      });
    }

    it("rolls back the first lines of a file whose third JSONL line is malformed", async () => {
      const before = await counts(database);
      const file = write(
        `third-line-${dialect}.jsonl`,
        [
          JSON.stringify({ text: "First report: 11 killed." }),
          JSON.stringify({ text: "Second report: 12 killed." }),
          '{"text": "Third report", ',
        ].join("\n"),
      );
      await expect(loadFile(database, file, { extract: numbersAsKilled })).rejects.toThrow(
        /third-line-\w+\.jsonl:3: malformed JSON/,
      );
      expect(await counts(database)).toEqual(before);
      expect(await readDataVersion(database)).toBe("0");
      const { db, tables } = database;
      const stored = await db
        .select()
        .from(tables.documents)
        .where(eq(tables.documents.contentHash, contentHash("First report: 11 killed.")));
      expect(stored).toEqual([]);
    });

    it("rejects a figure with an impossible date the same way on both dialects, naming file and item", async () => {
      const before = await counts(database);
      const file = write(
        `bad-date-${dialect}.jsonl`,
        ['{"text": "1 killed."}', '{"id": "r2", "text": "2 killed."}'].join("\n"),
      );
      const badDate = (item: InputItem) =>
        numbersAsKilled(item).map((figure) => ({
          ...figure,
          reported: item.id === "r2" ? "2019-02-30" : null,
        }));
      const error = await loadFile(database, file, { extract: badDate }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LoadError);
      expect((error as LoadError).message).toMatch(
        /bad-date-\w+\.jsonl: .*item r2: .*"2019-02-30", not a YYYY-MM-DD date/,
      );
      expect(await counts(database)).toEqual(before);
    });

    it("rejects a file when extraction throws, naming file and item", async () => {
      const file = write(`throws-${dialect}.jsonl`, '{"id": "boom", "text": "3 killed."}');
      const throwing = () => {
        throw new Error("unexpected input");
      };
      await expect(loadFile(database, file, { extract: throwing })).rejects.toThrow(
        /throws-\w+\.jsonl: item boom: extraction failed: unexpected input/,
      );
      expect((await counts(database)).documents).toBe(0);
    });

    it("rejects a figure placed in a region the table lacks, without its country, naming the item", async () => {
      const before = await counts(database);
      const records = ["1", "2"].map((id) => {
        const item = { id, text: `Report ${id}: ${id}0 killed.` };
        const figures = numbersAsKilled(item).map((figure) => ({
          ...figure,
          region:
            id === "2"
              ? {
                  code: "XX-NOWHERE",
                  name: "Nowhere",
                  mention: "Nowhere",
                  country: null,
                  level: 4,
                  from: "sentence" as const,
                }
              : null,
        }));
        return { item, figures };
      });
      await expect(loadRecords(database, records, { batchSize: 1 })).rejects.toThrow(
        /item 2: .*"XX-NOWHERE", which the regions table lacks, without its country/,
      );
      expect(await counts(database)).toEqual(before);
    });

    it("rejects a figure whose country is not its region's, naming the item, the region and both countries", async () => {
      const before = await counts(database);
      const item = { id: "moved", text: "Report: 10 killed." };
      const figures = numbersAsKilled(item).map((figure) => ({
        ...figure,
        region: {
          code: "SY02",
          name: "Aleppo",
          mention: "Aleppo",
          country: "TUR",
          level: 1,
          from: "sentence" as const,
        },
      }));
      await expect(loadRecords(database, [{ item, figures }])).rejects.toThrow(
        /item moved: .*region "SY02" with country "TUR", but the regions table has that region in "SYR"/,
      );
      expect(await counts(database)).toEqual(before);
    });

    it("rolls back batches already written when a later batch fails", async () => {
      const before = await counts(database);
      const records = ["1", "2", "3"].map((id) => {
        const item = { id, text: `Report ${id}: ${id}0 killed.` };
        const figures = numbersAsKilled(item).map((figure) =>
          id === "3" ? { ...figure, quote: null as unknown as string } : figure,
        );
        return { item, figures };
      });
      await expect(loadRecords(database, records, { batchSize: 1 })).rejects.toThrow(/quote/);
      expect(await counts(database)).toEqual(before);
    });
  });
});

describe("a load into an in-memory SQLite database", () => {
  it("is written from this thread, since no other connection can open the database", async () => {
    const database = await openDatabase(":memory:");
    try {
      const item = { id: "1", text: "Report: 12 killed and 3 injured." };
      const summary = await loadRecords(database, [{ item, figures: numbersAsKilled(item) }]);
      expect(summary).toEqual({ documentsRead: 1, documentsNew: 1, figuresNew: 2, figuresKnown: 0 });
      expect(await counts(database)).toMatchObject({ documents: 1, figures: 2 });
      expect(await readDataVersion(database)).toBe("1");
    } finally {
      await database.close();
    }
  });
});
