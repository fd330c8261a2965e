import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";

import { syntheticRecords } from "../../lib/synthetic";
import { seconds } from "./stats";

export interface MemoryResult {
  inputMegabytes: number;
  documents: number;
  seconds: number;
  /** Peak resident set size of the loading process (VmHWM). */
  peakRssMegabytes: number;
}

/** Writes synthetic report text as JSON Lines until the file holds `megabytes` MB; returns the item count. */
async function writeInput(file: string, megabytes: number, seed: number): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  let items = 0;
  for (const { item } of syntheticRecords({ figures: Number.MAX_SAFE_INTEGER, seed })) {
    const line = `${JSON.stringify({ id: item.id, text: item.text, title: item.title, published: item.published, publisher: item.publisher })}\n`;
    bytes += Buffer.byteLength(line);
    items++;
    if (!out.write(line)) await once(out, "drain");
    if (bytes >= megabytes * 1e6) break;
  }
  out.end();
  await once(out, "finish");
  return items;
}

function peakRssKb(pid: number): number | null {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Loads a generated input file of each size through the load CLI (scripts/load.ts, what `npm run load` runs)
 * in a child process, with a new SQLite database, and records the child's peak RSS.
 */
export async function benchMemory(
  sizesMb: readonly number[],
  seed: number,
  log: (line: string) => void,
): Promise<MemoryResult[]> {
  if (process.platform !== "linux") {
    log("  memory: skipped (reads /proc, Linux only)");
    return [];
  }
  const scratch = mkdtempSync(path.join(tmpdir(), "keyfigures-bench-memory-"));
  const results: MemoryResult[] = [];
  try {
    for (const megabytes of sizesMb) {
      const input = path.join(scratch, `synthetic-${megabytes}mb.jsonl`);
      const documents = await writeInput(input, megabytes, seed);
      const started = process.hrtime.bigint();
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/load.ts", input], {
        env: { ...process.env, DATABASE_URL: path.join(scratch, `load-${megabytes}.db`) },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      let peakKb = 0;
      const poll = setInterval(() => {
        peakKb = Math.max(peakKb, peakRssKb(child.pid!) ?? 0);
      }, 50);
      const [code] = (await once(child, "exit")) as [number | null];
      clearInterval(poll);
      if (code !== 0)
        throw new Error(`npm run load of ${input} failed (exit code ${code}): ${stderr.trim()}`);
      const result: MemoryResult = {
        inputMegabytes: statSync(input).size / 1e6,
        documents,
        seconds: seconds(started),
        peakRssMegabytes: peakKb / 1024,
      };
      log(
        `  load ${result.inputMegabytes.toFixed(0)} MB (${documents.toLocaleString("en-US")} documents): ` +
          `peak RSS ${result.peakRssMegabytes.toFixed(0)} MB, ${result.seconds.toFixed(1)} s ` +
          `(${(result.inputMegabytes / result.seconds).toFixed(2)} MB/s, extraction included)`,
      );
      results.push(result);
      rmSync(input);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return results;
}
