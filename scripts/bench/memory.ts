import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
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

function readProc(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** The process and all its descendants (npm → sh → tsx → node), from /proc. */
function processTree(pid: number): number[] {
  const children = (readProc(`/proc/${pid}/task/${pid}/children`) ?? "").trim();
  return [pid, ...(children ? children.split(/\s+/).map(Number).flatMap(processTree) : [])];
}

/** Peak RSS (VmHWM) of a process, in kB. */
function peakRssKb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readProc(`/proc/${pid}/status`) ?? "");
  return match ? Number(match[1]) : 0;
}

/**
 * Loads a generated input file of each size with `npm run load` in a child process, into a new SQLite
 * database, and records the peak RSS of the largest process of its tree (the loader).
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
      const child = spawn("npm", ["run", "--silent", "load", "--", input], {
        env: { ...process.env, DATABASE_URL: path.join(scratch, `load-${megabytes}.db`) },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      let peakKb = 0;
      // The largest process of the tree is the loader itself; npm and tsx's launcher stay small.
      const poll = setInterval(() => {
        for (const pid of processTree(child.pid!)) peakKb = Math.max(peakKb, peakRssKb(pid));
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
