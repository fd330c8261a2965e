import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { openDatabase } from "../db/client";
import { loadRecords } from "../db/load";
import { createPgTestDatabase } from "../db/testing";
import { fixtureRecords } from "./fixtures/dataset";

/**
 * A server for the end-to-end tests, on a fresh database of its own (the build must exist):
 * - `sample`: `npm start`'s own script on an empty SQLite file, so it migrates and loads the sample itself;
 * - `sample-pg`: the same on an empty PostgreSQL database (created through TEST_PG_ADMIN_URL, dropped after);
 * - `fixture`: the same script on a SQLite file holding only the dated fixture figures (so it loads nothing).
 */
const MODES = ["sample", "sample-pg", "fixture"] as const;
type Mode = (typeof MODES)[number];

const mode = process.argv[2];
const port = process.env.E2E_PORT;
if (!isMode(mode) || !port) {
  console.error(`Usage: E2E_PORT=PORT tsx e2e/serve.ts ${MODES.join("|")}`);
  process.exit(2);
}

function isMode(value: string | undefined): value is Mode {
  return (MODES as readonly (string | undefined)[]).includes(value);
}

const directory = path.resolve(".tmp", `e2e-${mode}-${port}`);
const STALE_MS = 6 * 60 * 60 * 1000;

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

/** A fresh, empty database for this server: its URL, and how to remove it. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (mode === "sample-pg") return createPgTestDatabase();
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  return {
    url: path.join(directory, "keyfigures.db"),
    drop: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

async function loadFixture(url: string): Promise<void> {
  const database = await openDatabase(url);
  try {
    const counts = await loadRecords(database, fixtureRecords(), { sourceFile: "e2e/fixtures/dataset.ts" });
    console.log(`[e2e] ${url}: ${counts.figuresNew} fixture figures`);
  } finally {
    await database.close();
  }
}

function startServer(databaseUrl: string): ChildProcess {
  const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: port, NODE_ENV: "production" as const };
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  return spawn(process.execPath, [tsx, "scripts/start.ts", "--hostname", "127.0.0.1"], {
    stdio: "inherit",
    env,
  });
}

async function main(): Promise<void> {
  removeStaleRuns();
  const database = await freshDatabase();
  if (mode === "fixture") await loadFixture(database.url);
  const server = startServer(database.url);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => {
    database.drop().then(
      () => process.exit(code ?? 0),
      (error: unknown) => {
        console.error(`[e2e] could not remove the test database: ${String(error)}`);
        process.exit(code ?? 1);
      },
    );
  });
}

main().catch((error: unknown) => {
  console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
