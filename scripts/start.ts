import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";

import { openDatabase, redact } from "../db/client";
import { loadFile } from "../db/load";
import { countDocuments } from "../db/queries/documents";
import { env } from "../lib/env";

const USAGE = `Usage: npm start [-- --build]

Prepares and serves the dashboard on http://localhost:$PORT (default 3000):
migrates the database named by DATABASE_URL (default: data/keyfigures.db), loads the sample
(data/sample-reports.txt) when the database holds no documents, runs \`next build\` when there is
no build (or with --build), then runs \`next start\`.`;

const SAMPLE_FILE = "data/sample-reports.txt";
const BUILD_ID = path.join(".next", "BUILD_ID");

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

function log(message: string) {
  console.log(`[start] ${message}`);
}

/** Migrates, and loads the sample into an empty database; returns what it did, for the log. */
async function prepareDatabase(url?: string): Promise<string> {
  const database = await openDatabase(url);
  const name = redact(database.url);
  try {
    if ((await countDocuments(database)) > 0) return `database ${name} is ready`;
    const summary = await loadFile(database, SAMPLE_FILE);
    return (
      `database ${name} was empty: loaded ${SAMPLE_FILE} ` +
      `(${summary.documentsNew} documents, ${summary.figuresNew} figures)`
    );
  } finally {
    await database.close();
  }
}

function runNext(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], { stdio: "inherit" });
    child.on("error", (error) =>
      reject(new Error(`next ${args[0]} could not start: ${error.message}`, { cause: error })),
    );
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`next ${args[0]} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/** Runs `next start` in the foreground, passing on the signals a terminal or supervisor sends. */
function serve(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "start", "--port", String(port)], { stdio: "inherit" });
    const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of signals) process.on(signal, forward);
    child.on("error", (error) =>
      reject(new Error(`next start could not start: ${error.message}`, { cause: error })),
    );
    child.on("exit", (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1));
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      build: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { PORT } = env();
  log(await prepareDatabase());
  if (values.build || !existsSync(BUILD_ID)) {
    log(values.build ? "building (--build)" : `no build found (${BUILD_ID}): running next build`);
    await runNext(["build"]);
  }
  log(`serving on http://localhost:${PORT}`);
  return serve(PORT);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
