import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { InputError } from "./errors";
import { readLines } from "./lines";

async function* stream(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}

async function linesOf(chunks: Uint8Array[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLines(stream(chunks), "t.txt")) {
    lines.push(line.text);
  }
  return lines;
}

function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) chunks.push(bytes.subarray(start, point));
    start = Math.max(start, point);
  }
  return chunks;
}

describe("reading lines from chunks", () => {
  it("gives the same lines however the bytes are cut into chunks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          unit: fc.oneof(fc.constantFrom("\n", "\r\n", "a", " ", "é", "€", "😀", "\u00a0")),
          minLength: 1,
        }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (value, cuts) => {
          const expected = value.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
          if (expected.at(-1) === "") expected.pop();
          const bytes = new TextEncoder().encode(value);
          expect(await linesOf(chunked(bytes, cuts))).toEqual(expected);
        },
      ),
    );
  });

  it("names the line of an invalid byte however the bytes are cut", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 5 }), fc.array(fc.nat(), { maxLength: 6 }), async (before, cuts) => {
        const head = new TextEncoder().encode("é\n".repeat(before) + "x€");
        const bytes = new Uint8Array([...head, 0xff, 0x0a, 0x61]);
        const error = await linesOf(chunked(bytes, cuts)).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).line).toBe(before + 1);
      }),
    );
  });
});
