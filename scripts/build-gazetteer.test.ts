import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const geoDir = path.join(root, "..", "shared", "geo");
const scratch = mkdtempSync(path.join(tmpdir(), "gazetteer-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function build(...args: string[]): { stdout: string; stderr: string; status: number } {
  try {
    const stdout = execFileSync(
      process.execPath,
      [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/build-gazetteer.ts", ...args],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    return { stdout, stderr: "", status: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; status: number };
    return { stdout: failed.stdout, stderr: failed.stderr, status: failed.status };
  }
}

describe("scripts/build-gazetteer.ts", () => {
  it.skipIf(!existsSync(geoDir))(
    "regenerates the committed data/gazetteer/regions.json byte for byte",
    () => {
      const out = path.join(scratch, "regions.json");
      const result = build(geoDir, "--out", out);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/wrote .*regions\.json: \d+ regions/);
      expect(readFileSync(out, "utf8")).toBe(
        readFileSync(path.join(root, "data", "gazetteer", "regions.json"), "utf8"),
      );
    },
  );

  it("fails naming the file when the Syria data is missing", () => {
    const missing = path.join(scratch, "no-such-dir");
    const result = build(missing, "--out", path.join(scratch, "never.json"));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(path.join(missing, "syr_adm1_gazetteer.csv"));
    expect(existsSync(path.join(scratch, "never.json"))).toBe(false);
  });
});
