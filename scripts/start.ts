import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";

import { openDatabase, redact } from "../db/client";
import { loadFile } from "../db/load";
import { countDocuments } from "../db/queries/documents";
import { env } from "../lib/env";
import { serve } from "./server";

const USAGE = `Usage: npm start [-- --build] [-- --hostname HOST]

Prepares and serves the dashboard on http://localhost:$PORT (default 3000):
migrates the database named by DATABASE_URL (default: data/keyfigures.db), loads the sample
(data/sample-reports.txt) when the database holds no documents, runs \`next build\` when there is
no build (or with --build), then serves the build with Next.js behind a response cache of
$RESPONSE_CACHE_MB megabytes (default 64; 0 turns it off). --hostname binds one address
(default: all).`;

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

/** Serves until SIGINT/SIGTERM/SIGHUP, then closes the server and the database and returns 0. */
async function serveUntilSignalled(port: number, hostname: string | undefined, cacheMegabytes: number) {
  const server = await serve({ port, hostname, cacheMegabytes, log });
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const s of signals) process.once(s, () => resolve(s));
  });
  log(`${signal}: closing`);
  await server.close();
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      build: { type: "boolean", default: false },
      hostname: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const { PORT, RESPONSE_CACHE_MB } = env();
  log(await prepareDatabase());
  if (values.build || !existsSync(BUILD_ID)) {
    log(values.build ? "building (--build)" : `no build found (${BUILD_ID}): running next build`);
    await runNext(["build"]);
  }
  return serveUntilSignalled(PORT, values.hostname, RESPONSE_CACHE_MB);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
