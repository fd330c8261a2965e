import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase } from "../db/client";
import { createMigratedTestDatabase, type TestDatabase } from "../db/testing";

const SAMPLE = "data/sample-reports.txt";

function runLoad(
  args: string[],
  databaseUrl: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/load.ts", ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function rowCounts(url: string) {
  const database = await openDatabase(url);
  try {
    const [documents] = await database.db.select({ n: count() }).from(database.tables.documents);
    const [figures] = await database.db.select({ n: count() }).from(database.tables.figures);
    return { documents: documents!.n, figures: figures!.n };
  } finally {
    await database.close();
  }
}

describe.each(["sqlite", "pg"] as const)("npm run load on %s", (dialect) => {
  let testDatabase: TestDatabase;
  let scratch: string;

  beforeAll(async () => {
    testDatabase = await createMigratedTestDatabase(dialect);
    scratch = mkdtempSync(path.join(tmpdir(), "keyfigures-cli-"));
  });
  afterAll(async () => {
    await testDatabase.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("loads the sample and prints a summary per file", async () => {
    const result = await runLoad([SAMPLE], testDatabase.url);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^data\/sample-reports\.txt: 18 documents read, 17 new; [\d,]+ new figures?, [\d,]+ already known$/m,
    );
    expect((await rowCounts(testDatabase.url)).documents).toBe(17);
  });

  it("exits non-zero with one line naming the file and line for a bad file, and changes nothing", async () => {
    const before = await rowCounts(testDatabase.url);
    const bad = path.join(scratch, "bad.jsonl");
    writeFileSync(bad, '{"text": "Report one: 4 killed."}\n{"text": "Report two: 9 killed."}\nnot json\n');
    const result = await runLoad([bad], testDatabase.url);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^.*bad\.jsonl:3: malformed JSON[^\n]*\n$/);
    expect(await rowCounts(testDatabase.url)).toEqual(before);
  });

  it("checks every file before loading any: a missing second file loads nothing", async () => {
    const before = await rowCounts(testDatabase.url);
    const good = path.join(scratch, "good.jsonl");
    writeFileSync(good, '{"text": "A new report: 31 killed."}\n');
    const result = await runLoad([good, path.join(scratch, "missing.csv")], testDatabase.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^.*missing\.csv: no such file\n$/);
    expect(await rowCounts(testDatabase.url)).toEqual(before);
  });
});
