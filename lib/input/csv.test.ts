import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { parseCsvRecords } from "./csv";
import type { Line } from "./lines";

async function* linesOf(text: string): AsyncGenerator<Line> {
  const parts = text.split("\n");
  if (parts.at(-1) === "") parts.pop();
  let number = 1;
  for (const part of parts) yield { text: part, number: number++ };
}

function serialise(records: string[][], quoteAll: boolean): string {
  const cell = (value: string) =>
    quoteAll || /[",\n]/.test(value) || value === "" ? `"${value.replaceAll('"', '""')}"` : value;
  return records.map((record) => record.map(cell).join(",")).join("\n") + "\n";
}

async function parse(text: string): Promise<string[][]> {
  const records: string[][] = [];
  for await (const record of parseCsvRecords(linesOf(text), "test.csv")) records.push(record.fields);
  return records;
}

describe("CSV records", () => {
  const value = fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "é", "€") });

  it("read back exactly what RFC 4180 quoting wrote, whatever the cells hold", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(value, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        async (records, quoteAll) => {
          expect(await parse(serialise(records, quoteAll))).toEqual(records);
        },
      ),
    );
  });

  it("keep a quote inside an unquoted cell as written", async () => {
    expect(await parse('a"b,c\n')).toEqual([['a"b', "c"]]);
  });

  it("give each record the line it starts on", async () => {
    const starts: number[] = [];
    for await (const record of parseCsvRecords(linesOf('a,"x\ny"\nb,c\n'), "test.csv"))
      starts.push(record.line);
    expect(starts).toEqual([1, 3]);
  });
});
