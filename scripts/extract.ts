import { once } from "node:events";
import { parseArgs } from "node:util";

import { extract } from "../lib/extract";
import {
  checkInputFile,
  formatOf,
  INPUT_FORMATS,
  InputError,
  readItems,
  type InputFormat,
} from "../lib/input";

const USAGE = `Usage: npm run extract -- [--format txt|jsonl|csv] FILE
       npm run extract -- --format txt|jsonl|csv -

Prints the figures found in FILE (or standard input, with -) as JSON Lines, one figure per line.
Formats by extension: .txt, .jsonl, .csv (as for npm run load).`;

class UsageError extends Error {}

function parse(argv: string[]): { file: string; format?: InputFormat } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: "string", short: "f" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const format = parsed.values.format;
  if (format !== undefined && !(INPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown --format "${format}" (expected ${INPUT_FORMATS.join(", ")})`);
  }
  if (parsed.positionals.length !== 1)
    throw new UsageError("expected exactly one FILE, or - for standard input");
  const file = parsed.positionals[0]!;
  if (file === "-" && format === undefined)
    throw new UsageError("reading standard input (-) needs --format txt|jsonl|csv");
  return { file, format: format as InputFormat | undefined };
}

async function write(line: string): Promise<void> {
  if (!process.stdout.write(line)) await once(process.stdout, "drain");
}

async function main(): Promise<void> {
  const { file, format } = parse(process.argv.slice(2));
  const stdin = file === "-";
  if (!stdin) {
    await checkInputFile(file);
    if (format === undefined) formatOf(file);
  }
  const items = readItems(stdin ? "<stdin>" : file, {
    format: format ?? (stdin ? undefined : formatOf(file)),
    stream: stdin ? process.stdin : undefined,
  });
  for await (const item of items) {
    const figures = extract(item);
    if (figures.length === 0) continue;
    await write(figures.map((figure) => JSON.stringify(figure)).join("\n") + "\n");
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`extract: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof InputError) {
    console.error(`extract: ${error.message}`);
    process.exit(1);
  }
  if ((error as NodeJS.ErrnoException).code === "EPIPE") process.exit(0);
  console.error("extract: failed:", error);
  process.exit(1);
});
