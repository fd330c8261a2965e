import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { InputItem } from "../extract/types";
import { InputError, readItems, type ReadItemsOptions } from "./index";
import { firstInvalidUtf8 } from "./lines";

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "keyfigures-input-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}

async function collect(file: string, options?: ReadItemsOptions): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readItems(file, options)) items.push(item);
  return items;
}

async function failure(file: string, options?: ReadItemsOptions): Promise<InputError> {
  try {
    await collect(file, options);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`expected ${file} to be rejected`);
}

const texts = (items: InputItem[]) => items.map((item) => item.text);

describe(".txt", () => {
  it("reads the sample line by line: 18 items with ids 1..18 and the sidecar's metadata", async () => {
    const items = await collect("data/sample-reports.txt");
    expect(items.map((item) => item.id)).toEqual(Array.from({ length: 18 }, (_, i) => String(i + 1)));
    expect(items[0]!.text).toBe("Syrian Regime Attacks Kill 25 In Besieged Idlib");
    expect(items[1]!.text).toBe(items[2]!.text);
    expect(items[8]).toMatchObject({
      published: "2018-11-29",
      url: "https://en.trend.az/world/us/2986877.html",
      publisher: "Reuters (republished by Trend News Agency)",
    });
    expect(items[8]!.title).toMatch(/^U\.N\. says Astana/);
    expect(items[0]).toMatchObject({ title: null, url: null, publisher: null, published: null });
  });

  it("reads paragraphs when blank lines separate blocks, joining wrapped lines with a space", async () => {
    const file = write(
      "paragraphs.txt",
      "\n\nFirst paragraph\nwraps here.\n\n\nSecond one.\r\n\r\nThird\n  and last.  \n\n",
    );
    expect(texts(await collect(file))).toEqual([
      "First paragraph wraps here.",
      "Second one.",
      "Third and last.",
    ]);
  });

  it("reads one item per line when no blank line separates non-empty lines", async () => {
    const file = write("lines.txt", "\n  one  \r\ntwo\nthree");
    const items = await collect(file);
    expect(texts(items)).toEqual(["one", "two", "three"]);
    expect(items.map((item) => item.id)).toEqual(["1", "2", "3"]);
  });

  it("applies the same rule to a stream", async () => {
    const paragraphs = await collect("stream.txt", { stream: Readable.from(["a\nb\n\nc\n"]) });
    expect(texts(paragraphs)).toEqual(["a b", "c"]);
    const lines = await collect("stream.txt", { stream: Readable.from(["a\n", "b\n", "c\n"]) });
    expect(texts(lines)).toEqual(["a", "b", "c"]);
  });

  it("rejects a file with only blank lines", async () => {
    expect((await failure(write("blank.txt", "\n \n\t\n"))).message).toMatch(/blank\.txt: no items/);
  });

  it("rejects a malformed sources sidecar, naming it", async () => {
    const file = write("with-sidecar.txt", "one\n");
    write("with-sidecar.sources.json", '[{"line": "one"}]');
    expect((await failure(file)).message).toMatch(/with-sidecar\.sources\.json: expected an array/);
  });
});

describe(".jsonl", () => {
  it("reads text and optional fields; ids default to the item's position", async () => {
    const file = write(
      "items.jsonl",
      [
        JSON.stringify({ text: " 5 killed ", title: "T", url: "https://example.org/a", publisher: "P" }),
        "",
        JSON.stringify({ id: 42, text: "6 injured", published: "2019-06-10T08:00:00Z" }),
        JSON.stringify({ id: "x", text: "7 missing", published: null, title: null }),
      ].join("\n"),
    );
    expect(await collect(file)).toEqual([
      {
        id: "1",
        text: "5 killed",
        title: "T",
        url: "https://example.org/a",
        publisher: "P",
        published: null,
      },
      { id: "42", text: "6 injured", title: null, url: null, publisher: null, published: "2019-06-10" },
      { id: "x", text: "7 missing", title: null, url: null, publisher: null, published: null },
    ]);
  });

  it.each([
    ['{"text": 5}', /:1: "text" must be a string/],
    ['{"title": "x"}', /:1: no "text" field/],
    ['{"text": "  "}', /:1: "text" is empty/],
    ['["text"]', /:1: expected a JSON object/],
    ['{"text": "a", "published": "June 2019"}', /:1: "published" is not a date/],
    ['{"text": "a", "published": "2019-02-30"}', /:1: "published" is not a date/],
    ['{"text": "a", "url": 7}', /:1: "url" must be a string or null/],
    ['{"text": "a\\u0000b"}', /:1: "text" contains a NUL character/],
  ])("rejects %s", async (line, message) => {
    expect((await failure(write("bad.jsonl", line))).message).toMatch(message);
  });

  it("names the line of a malformed line after valid ones", async () => {
    const error = await failure(write("third.jsonl", '{"text":"a"}\n\n{"text":"b"}\n{"text":'));
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/third\.jsonl:4: malformed JSON/);
  });
});

describe(".csv", () => {
  it("reads RFC 4180 quoting: commas, doubled quotes and cells spanning lines", async () => {
    const file = write(
      "items.csv",
      'ID,Text,Published,url\r\n1,"25 killed, 3 injured",2019-06-10,\r\n2,"He said ""400""\r\nkilled",,https://example.org\r\n\r\n3,plain,,\r\n',
    );
    expect(await collect(file)).toEqual([
      {
        id: "1",
        text: "25 killed, 3 injured",
        published: "2019-06-10",
        title: null,
        url: null,
        publisher: null,
      },
      {
        id: "2",
        text: 'He said "400"\nkilled',
        published: null,
        title: null,
        url: "https://example.org",
        publisher: null,
      },
      { id: "3", text: "plain", published: null, title: null, url: null, publisher: null },
    ]);
  });

  it("gives the line a record starts on in errors after a multi-line cell", async () => {
    const file = write("lines.csv", 'text,title\n"a\nb\nc",x\n,y\n');
    expect((await failure(file)).message).toMatch(/lines\.csv:5: "text" is empty/);
  });

  it.each([
    ["title,url\na,b\n", /:1: no "text" column in the header \(found: "title", "url"\)/],
    ["text,text\na,b\n", /:1: column "text" appears twice/],
    ["text\na,b\n", /:2: row has 2 cells but the header has 1 columns/],
    ['text\n"never closed\nmore\n', /:2: a quoted cell is never closed/],
    ['text\n"closed"late\n', /:2: unexpected "l" after a closing quote/],
  ])("rejects %j", async (content, message) => {
    expect((await failure(write("bad.csv", content))).message).toMatch(message);
  });
});

describe("files that are not text inputs", () => {
  it.each([
    ["a missing file", () => path.join(scratch, "nope.txt"), /nope\.txt: no such file$/],
    ["a directory", () => scratch, /: is a directory, not a file$/],
    ["an empty file", () => write("empty.jsonl", ""), /empty\.jsonl: empty file$/],
    ["an unknown extension", () => write("report.docx", "x"), /report\.docx: unknown extension "\.docx"/],
    ["no extension", () => write("README", "x"), /README: no extension/],
    [
      "binary data",
      () => write("image.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00])),
      /image\.txt:3: binary data/,
    ],
    ["UTF-16", () => write("utf16.txt", Buffer.from("\ufeffreport", "utf16le")), /utf16\.txt:1: UTF-16 text/],
    [
      "invalid UTF-8",
      () => write("latin1.csv", Buffer.from("text\nna\xefve\n", "latin1")),
      /latin1\.csv:2: invalid UTF-8 \(byte 0xef\)/,
    ],
  ] as const)("rejects %s", async (_name, make, message) => {
    expect((await failure(make())).message).toMatch(message);
  });
});

describe("UTF-8 across chunk boundaries", () => {
  it("decodes a character split between two chunks", async () => {
    const euro = Buffer.from("€", "utf8");
    const chunks = [
      Buffer.from("café 5 "),
      euro.subarray(0, 1),
      euro.subarray(1, 2),
      Buffer.concat([euro.subarray(2), Buffer.from(" killed\n")]),
    ];
    const items = await collect("split.txt", { stream: Readable.from(chunks) });
    expect(texts(items)).toEqual(["café 5 € killed"]);
  });

  it("rejects a sequence broken across chunks, naming its line", async () => {
    const chunks = [Buffer.from("ok\nfine\nbad "), Buffer.from([0xe2, 0x82]), Buffer.from("A\n")];
    const error = await failure("broken.txt", { stream: Readable.from(chunks) });
    expect(error.message).toMatch(/broken\.txt:3: invalid UTF-8/);
  });

  it("rejects a file that ends inside a character", async () => {
    const error = await failure(write("cut.txt", Buffer.from([0x61, 0x0a, 0x62, 0xe2, 0x82])));
    expect(error.message).toMatch(/cut\.txt:2: invalid UTF-8/);
  });

  it("finds the first invalid byte, accepting a sequence cut off by the chunk's end", () => {
    expect(firstInvalidUtf8(Buffer.from("abc"))).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xff, 0x62]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0x82, 0xac, 0x61, 0xc0, 0x80]))).toBe(3);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
  });
});

describe("streaming", () => {
  it("yields the first item after reading only the start of a large file", async () => {
    const line = `${JSON.stringify({ text: "A report of 12 people killed. ".repeat(20) })}\n`;
    const file = write("large.jsonl", line.repeat(Math.ceil((8 << 20) / line.length)));
    let bytesRead = 0;
    const iterator = readItems(file, { onBytesRead: (bytes) => (bytesRead = bytes) })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(bytesRead).toBeLessThanOrEqual(128 << 10);
    await iterator.return?.(undefined);
  });

  it("reads a stream chunk by chunk instead of all at once", async () => {
    let pulled = 0;
    async function* chunks() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield Buffer.from(`{"text": "item ${i}"}\n`);
      }
    }
    const iterator = readItems("generated.jsonl", { stream: Readable.from(chunks()) })[
      Symbol.asyncIterator
    ]();
    await iterator.next();
    expect(pulled).toBeLessThan(100);
    await iterator.return?.(undefined);
  });
});
