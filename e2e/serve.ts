import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { openDatabase } from "../db/client";
import { loadRecords } from "../db/load";
import { fixtureRecords } from "./fixtures/dataset";

/**
 * A server for the end-to-end tests, on a fresh SQLite database of its own (the build must exist):
 * - `sample`: `npm start`'s own script on an empty database, so it migrates and loads the sample itself;
 * - `fixture`: `next start` on a database holding only the dated fixture figures.
 */
const mode = process.argv[2];
const port = process.env.E2E_PORT;
if ((mode !== "sample" && mode !== "fixture") || !port) {
  console.error("Usage: E2E_PORT=PORT tsx e2e/serve.ts sample|fixture");
  process.exit(2);
}

const directory = path.resolve(".tmp", `e2e-${mode}-${port}`);
const databaseFile = path.join(directory, "keyfigures.db");
const STALE_MS = 6 * 60 * 60 * 1000;

async function loadFixture(): Promise<void> {
  const database = await openDatabase(databaseFile);
  try {
    const counts = await loadRecords(database, fixtureRecords(), { sourceFile: "e2e/fixtures/dataset.ts" });
    console.log(`[e2e] ${databaseFile}: ${counts.figuresNew} fixture figures`);
  } finally {
    await database.close();
  }
}

function startServer(): ChildProcess {
  const env = { ...process.env, DATABASE_URL: databaseFile, PORT: port, NODE_ENV: "production" as const };
  if (mode === "sample") {
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    return spawn(process.execPath, [tsx, "scripts/start.ts"], { stdio: "inherit", env });
  }
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  return spawn(process.execPath, [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    stdio: "inherit",
    env,
  });
}

/** Databases of earlier runs that were killed before they could remove their own. */
function removeStaleRuns(): void {
  const parent = path.dirname(directory);
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const old = path.join(parent, name);
    if (name.startsWith("e2e-") && Date.now() - statSync(old).mtimeMs > STALE_MS) {
      rmSync(old, { recursive: true, force: true });
    }
  }
}

async function main(): Promise<void> {
  removeStaleRuns();
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  if (mode === "fixture") await loadFixture();
  const server = startServer();
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => {
    rmSync(directory, { recursive: true, force: true });
    process.exit(code ?? 0);
  });
}

main().catch((error: unknown) => {
  console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
