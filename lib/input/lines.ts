import { InputError } from "./errors";

export interface Line {
  /** The line without its terminator ("\n" or "\r\n"). */
  text: string;
  /** 1-based. */
  number: number;
}

export interface LineReaderOptions {
  /** Called after each chunk with the number of bytes read so far. */
  onBytesRead?: (bytes: number) => void;
}

const NEWLINE = 0x0a;

function countNewlines(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === NEWLINE) count++;
  return count;
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

/**
 * Index of the first byte that starts an invalid UTF-8 sequence, skipping leading continuation bytes that may
 * belong to a sequence begun in the previous chunk. A sequence cut off by the chunk's end counts as valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < 3 && isContinuation(bytes[i])) i++;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (lead < 0x80) length = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) min = 0xa0;
      if (lead === 0xed) max = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) min = 0x90;
      if (lead === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return bytes.length;
      if (k === 1 ? next < min || next > max : !isContinuation(next)) return i;
    }
    i += length;
  }
  return bytes.length;
}

/**
 * Splits a byte stream into lines while checking that it is text: a NUL byte (binary data) or invalid UTF-8
 * fails with the line where it occurs. Decoding is streaming, so a character split across chunks is fine and
 * only the current line is held in memory.
 */
export async function* readLines(
  chunks: AsyncIterable<Uint8Array | string>,
  file: string,
  options: LineReaderOptions = {},
): AsyncGenerator<Line> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending = "";
  let lineNumber = 1;
  let bytesRead = 0;

  function* drain(text: string): Generator<Line> {
    let start = 0;
    let newline = text.indexOf("\n");
    if (newline === -1) {
      pending += text;
      return;
    }
    let head = pending;
    pending = "";
    while (newline !== -1) {
      let line = head + text.slice(start, newline);
      head = "";
      if (line.endsWith("\r")) line = line.slice(0, -1);
      yield { text: line, number: lineNumber++ };
      start = newline + 1;
      newline = text.indexOf("\n", start);
    }
    pending = text.slice(start);
  }

  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    if (
      bytesRead === 0 &&
      ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    ) {
      throw new InputError(
        file,
        1,
        "UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8",
      );
    }
    bytesRead += bytes.length;
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      throw new InputError(
        file,
        lineNumber + countNewlines(bytes, nul),
        "binary data (a NUL byte), not a text file",
      );
    }
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch (error) {
      const at = firstInvalidUtf8(bytes);
      // Nothing invalid inside the chunk: the sequence carried over from the previous chunk was cut short.
      const where = at >= bytes.length ? 0 : at;
      const shown =
        bytes[where] === undefined ? "" : ` (byte 0x${bytes[where]!.toString(16).padStart(2, "0")})`;
      throw new InputError(file, lineNumber + countNewlines(bytes, where), `invalid UTF-8${shown}`, {
        cause: error,
      });
    }
    yield* drain(text);
    options.onBytesRead?.(bytesRead);
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch (error) {
    throw new InputError(file, lineNumber, "invalid UTF-8 (the file ends inside a character)", {
      cause: error,
    });
  }
  yield* drain(rest);
  if (bytesRead === 0) throw new InputError(file, undefined, "empty file");
  if (pending !== "")
    yield { text: pending.endsWith("\r") ? pending.slice(0, -1) : pending, number: lineNumber };
}
