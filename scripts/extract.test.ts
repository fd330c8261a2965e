import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import type { ExtractedFigure } from "../lib/extract/types";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function cli(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/extract.ts", ...args], {
    cwd: root,
    input,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TEXT = "Shelling killed 12 civilians, including five children, in Idlib on Monday.";

describe("npm run extract", () => {
  it("prints one JSON figure per line and nothing else", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "extract-cli-"));
    const file = path.join(dir, "items.jsonl");
    writeFileSync(file, JSON.stringify({ id: "a1", text: TEXT, published: "2019-06-05" }) + "\n");
    const { status, stdout, stderr } = cli([file]);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const figures = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as ExtractedFigure);
    expect(figures.map((f) => [f.document, f.metric, f.value, f.unit, f.region?.mention])).toEqual([
      ["a1", "killed", 12, "civilians", "Idlib"],
      ["a1", "killed", 5, "children", "Idlib"],
    ]);
    for (const f of figures) expect(TEXT.slice(f.start, f.end)).toBe(f.quote);
    expect(figures[0]?.period).toEqual({ start: "2019-06-03", end: "2019-06-03", precision: "day" });
  });

  it("reads standard input with --format", () => {
    const { status, stdout } = cli(["--format", "txt", "-"], `${TEXT}\n`);
    expect(status).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(2);
  });

  it("fails with one clear line naming a missing file", () => {
    const { status, stdout, stderr } = cli(["no-such-file.jsonl"]);
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe("extract: no-such-file.jsonl: no such file");
  });

  it("fails on standard input without a format, with usage", () => {
    const { status, stderr } = cli(["-"], "");
    expect(status).toBe(2);
    expect(stderr).toContain("needs --format");
  });

  it("names the file and line of bad input", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "extract-cli-"));
    const file = path.join(dir, "bad.jsonl");
    writeFileSync(file, `${JSON.stringify({ id: "ok", text: TEXT })}\n{not json\n`);
    const { status, stderr } = cli([file]);
    expect(status).toBe(1);
    expect(stderr).toContain(`${file}:2:`);
  });
});
