import { spawnSync } from "node:child_process";

export interface ExtractResult {
  megabytes: number;
  /** MB/s of elapsed time. */
  wallMegabytesPerSecond: number;
  /** MB per CPU-second of the single-threaded extractor: its speed on one core, whatever else runs. */
  cpuMegabytesPerSecond: number;
}

/** Runs scripts/bench-extract.ts (npm run bench:extract) and reads its figures. */
export function benchExtract(log: (line: string) => void): ExtractResult {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-extract.ts"], {
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`npm run bench:extract failed: ${run.stderr.trim()}`);
  const number = (pattern: RegExp) => {
    const match = pattern.exec(run.stdout);
    if (!match) throw new Error(`npm run bench:extract printed no ${pattern.source}:\n${run.stdout}`);
    return Number(match[1]);
  };
  const result = {
    megabytes: number(/size: ([\d.]+) MB/),
    wallMegabytesPerSecond: number(/wall-clock throughput(?: \(median\))?: ([\d.]+) MB\/s/),
    cpuMegabytesPerSecond: number(/\nthroughput(?: \(median\))?: ([\d.]+) MB\/s of one core/),
  };
  log(
    `  extraction: ${result.cpuMegabytesPerSecond} MB/s of one core, ${result.wallMegabytesPerSecond} MB/s wall ` +
      `(${result.megabytes} MB)`,
  );
  return result;
}
