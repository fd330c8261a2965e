import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";

import type { InputItem } from "../extract/types";
import { parseCsv } from "./csv";
import { InputError } from "./errors";
import { parseJsonl } from "./jsonl";
import { readLines, type Line } from "./lines";
import { readSidecar } from "./sources";
import { detectTxtMode, parseTxt, type TxtMode } from "./txt";

export { InputError } from "./errors";
export type { InputItem } from "../extract/types";

export const INPUT_FORMATS = ["txt", "jsonl", "csv"] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface ReadItemsOptions {
  /** Overrides the format the file's extension names. */
  format?: InputFormat;
  /** Reads this stream instead of opening `file` (which then only names the input in messages). */
  stream?: NodeJS.ReadableStream;
  /** Called as the input is read, with the number of bytes read so far (for progress bars). */
  onBytesRead?: (bytes: number) => void;
}

/** The format named by a file's extension; an unknown extension is an InputError. */
export function formatOf(file: string): InputFormat {
  const extension = path.extname(file).toLowerCase();
  const format = extension.slice(1);
  if ((INPUT_FORMATS as readonly string[]).includes(format)) return format as InputFormat;
  throw new InputError(
    file,
    undefined,
    `${extension ? `unknown extension "${extension}"` : "no extension"} (expected .txt, .jsonl or .csv)`,
  );
}

/** Fails with one clear line when `file` cannot be read as an input file. Returns its size in bytes. */
export async function checkInputFile(file: string): Promise<number> {
  let stats;
  try {
    stats = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (error as Error).message;
    throw new InputError(file, undefined, problem, { cause: error });
  }
  if (stats.isDirectory()) throw new InputError(file, undefined, "is a directory, not a file");
  if (stats.isFile() && stats.size === 0) throw new InputError(file, undefined, "empty file");
  return stats.size;
}

function fileLines(file: string, options: ReadItemsOptions = {}): AsyncGenerator<Line> {
  return readLines(createReadStream(file, { highWaterMark: 1 << 16 }), file, options);
}

/** Decides the .txt mode on a one-shot stream by holding lines only until a paragraph break shows up. */
async function txtModeOfStream(
  lines: AsyncIterator<Line>,
): Promise<{ mode: TxtMode; replay: AsyncIterable<Line> }> {
  const held: Line[] = [];
  let mode: TxtMode = "lines";
  let seenContent = false;
  let blankAfterContent = false;
  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    held.push(next.value);
    if (next.value.text.trim() === "") {
      if (seenContent) blankAfterContent = true;
    } else if (blankAfterContent) {
      mode = "paragraphs";
      break;
    } else {
      seenContent = true;
    }
  }
  async function* replay(): AsyncGenerator<Line> {
    yield* held;
    held.length = 0;
    for (;;) {
      const next = await lines.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { mode, replay: replay() };
}

async function* items(file: string, options: ReadItemsOptions): AsyncGenerator<InputItem> {
  if (!options.stream) await checkInputFile(file);
  const format = options.format ?? formatOf(file);
  const lines = () =>
    options.stream
      ? readLines(options.stream as AsyncIterable<Uint8Array | string>, file, options)
      : fileLines(file, options);

  if (format === "jsonl") yield* parseJsonl(lines(), file);
  else if (format === "csv") yield* parseCsv(lines(), file);
  else {
    const sources = await readSidecar(file);
    if (options.stream) {
      const { mode, replay } = await txtModeOfStream(lines()[Symbol.asyncIterator]());
      yield* parseTxt(replay, mode, sources);
    } else {
      // Two passes over the file (the first only decides the mode) keep memory flat for line-per-item files.
      const mode = await detectTxtMode(fileLines(file));
      yield* parseTxt(lines(), mode, sources);
    }
  }
}

/**
 * The items of an input file, streamed: .txt (paragraphs, or lines when the file has no blank line between
 * non-empty lines; metadata from a NAME.sources.json sidecar), .jsonl and .csv (fields id, text, title,
 * published, url, publisher). Bad input throws an InputError ("FILE:LINE: what is wrong") while iterating.
 */
export async function* readItems(file: string, options: ReadItemsOptions = {}): AsyncGenerator<InputItem> {
  let count = 0;
  for await (const item of items(file, options)) {
    count++;
    yield item;
  }
  if (count === 0) throw new InputError(file, undefined, "no items (the file has only blank lines)");
}
