import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
// drizzle-kit resolves --out relative to the project, so the scratch copy lives in the git-ignored .tmp/.
const scratch = path.join(".tmp", `migrations-check-${process.pid}`);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function files(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" }).sort();
}

describe.each([
  { dialect: "sqlite", kitDialect: "sqlite" },
  { dialect: "pg", kitDialect: "postgresql" },
])("the committed $dialect migrations", ({ dialect, kitDialect }) => {
  it("match the schema (drizzle-kit generate has nothing to add)", async () => {
    const committed = path.join("db", "migrations", dialect);
    const copy = path.join(scratch, dialect);
    mkdirSync(scratch, { recursive: true });
    cpSync(committed, copy, { recursive: true });
    const { stdout } = await run("npx", [
      "drizzle-kit",
      "generate",
      "--dialect",
      kitDialect,
      "--schema",
      `./db/schema/${dialect}.ts`,
      "--out",
      `./${copy}`,
    ]);
    expect(stdout).toContain("No schema changes");
    expect(files(copy)).toEqual(files(committed));
  });
});
