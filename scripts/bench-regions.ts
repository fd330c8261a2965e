// Micro benchmark of lib/regions: module load, first-lookup index build, findPlaceMentions throughput.
// Usage: npx tsx scripts/bench-regions.ts [FILE] [MEGABYTES]   (default: data/sample-reports.txt, 5 MB)
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const file = process.argv[2] ?? path.join(root, "data", "sample-reports.txt");
const megabytes = Number(process.argv[3] ?? 5);
if (!Number.isFinite(megabytes) || megabytes <= 0)
  throw new Error(`size must be a positive number of MB, got ${process.argv[3]}`);

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

let sample: string;
try {
  sample = readFileSync(file, "utf8");
} catch (error) {
  throw new Error(`cannot read ${file}`, { cause: error });
}
if (!sample.trim()) throw new Error(`${file} is empty`);

const loadStart = cpuMs();
const regions = await import("../lib/regions/index");
regions.getRegion("SYR");
const loaded = cpuMs();
regions.findPlaceMentions("Idlib");
const indexed = cpuMs();

let text = sample;
while (text.length < megabytes * 1e6) text += `\n\n${text}`;
const runs: number[] = [];
let found = 0;
for (let run = 0; run < 3; run++) {
  const start = cpuMs();
  found = regions.findPlaceMentions(text).length;
  runs.push(text.length / 1e6 / ((cpuMs() - start) / 1000));
}

console.log(`regions:        ${regions.allRegions().length}`);
console.log(`module load:    ${(loaded - loadStart).toFixed(0)} ms CPU (import and JSON)`);
console.log(`first lookup:   ${(indexed - loaded).toFixed(0)} ms CPU (match index)`);
console.log(`text:           ${(text.length / 1e6).toFixed(1)} MB, ${found} mentions`);
console.log(`throughput:     ${runs.map((r) => r.toFixed(1)).join(" / ")} MB/s CPU (cold / warm / warm)`);
