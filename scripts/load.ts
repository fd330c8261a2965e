import { parseArgs } from "node:util";

import { openDatabase, redact, type Database } from "../db/client";
import { LoadError, loadFile, type FileSummary, type LoadProgress } from "../db/load";
import { checkInputFile, formatOf, INPUT_FORMATS, InputError, type InputFormat } from "../lib/input";

const USAGE = `Usage: npm run load -- [--format txt|jsonl|csv] FILE…

Loads report text into the database named by DATABASE_URL (default: the SQLite file data/keyfigures.db).
Formats by extension: .txt (paragraphs, or one item per line), .jsonl and .csv (fields text, id, title,
published, url, publisher). Each file loads in one transaction: all of it or nothing.`;

const PROGRESS_MIN_BYTES = 1 << 20;

function plural(count: number, word: string): string {
  return `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
}

export function formatSummary(summary: Omit<FileSummary, "file">, label: string): string {
  return (
    `${label}: ${plural(summary.documentsRead, "document")} read, ${summary.documentsNew.toLocaleString("en-US")} new; ` +
    `${plural(summary.figuresNew, "new figure")}, ${summary.figuresKnown.toLocaleString("en-US")} already known`
  );
}

function progressBar(file: string): { update(progress: LoadProgress): void; done(): void } {
  const stream = process.stderr;
  let last = 0;
  let drawn = false;
  return {
    update({ bytesRead, totalBytes, documentsRead }) {
      if (!stream.isTTY || totalBytes === undefined || totalBytes < PROGRESS_MIN_BYTES) return;
      const now = Date.now();
      if (now - last < 100 && bytesRead < totalBytes) return;
      last = now;
      const width = 30;
      const share = Math.min(1, bytesRead / totalBytes);
      const filled = Math.round(share * width);
      const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);
      stream.write(
        `\r${file} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.round(share * 100)}% ` +
          `${megabytes(bytesRead)}/${megabytes(totalBytes)} MB, ${plural(documentsRead, "document")}\x1b[K`,
      );
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\r\x1b[K");
    },
  };
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ");
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    process.stderr.write(`load: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const files = parsed.positionals;
  if (files.length === 0) {
    process.stderr.write(`load: no input files\n${USAGE}\n`);
    return 2;
  }
  const format = parsed.values.format;
  if (format !== undefined && !(INPUT_FORMATS as readonly string[]).includes(format)) {
    process.stderr.write(`load: unknown --format "${format}" (expected txt, jsonl or csv)\n`);
    return 2;
  }

  let database: Database | undefined;
  try {
    // Check every file before loading any, so a typo in the last one does not leave the first ones loaded.
    for (const file of files) {
      await checkInputFile(file);
      if (format === undefined) formatOf(file);
    }
    database = await openDatabase();
    const summaries: FileSummary[] = [];
    for (const file of files) {
      const bar = progressBar(file);
      let summary: FileSummary;
      try {
        summary = await loadFile(database, file, {
          format: format as InputFormat | undefined,
          onProgress: bar.update,
        });
      } finally {
        bar.done();
      }
      // Printed as each file commits, so a later file's failure does not hide what is already stored.
      process.stdout.write(`${formatSummary(summary, summary.file)}\n`);
      summaries.push(summary);
    }
    if (summaries.length > 1) {
      const total = summaries.reduce(
        (sum, s) => ({
          documentsRead: sum.documentsRead + s.documentsRead,
          documentsNew: sum.documentsNew + s.documentsNew,
          figuresNew: sum.figuresNew + s.figuresNew,
          figuresKnown: sum.figuresKnown + s.figuresKnown,
        }),
        { documentsRead: 0, documentsNew: 0, figuresNew: 0, figuresKnown: 0 },
      );
      process.stdout.write(`${formatSummary(total, "total")}\n`);
    }
    process.stdout.write(`Database: ${database.dialect === "pg" ? redact(database.url) : database.file}\n`);
    return 0;
  } catch (error) {
    const message =
      error instanceof InputError || error instanceof LoadError
        ? error.message
        : `load: ${(error as Error).message}`;
    process.stderr.write(`${oneLine(message)}\n`);
    if (process.env.KEYFIGURES_DEBUG) console.error(error);
    return 1;
  } finally {
    await database?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
