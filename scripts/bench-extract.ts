import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { extract } from "../lib/extract";
import { splitSentences } from "../lib/extract/tokens";
import type { InputItem } from "../lib/extract/types";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TARGET_BYTES = 5 * 1024 * 1024;

/** Sentences of labelled report text: ../shared/extraction when present, else the sample in data/. */
function sourceSentences(): { sentences: string[]; from: string } {
  const shared = path.resolve(root, "..", "shared", "extraction");
  const texts: string[] = [];
  let from = "";
  for (const name of ["seed.jsonl", "dev.jsonl"]) {
    const file = path.join(shared, name);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      texts.push((JSON.parse(line) as { text: string }).text);
    }
    from = shared;
  }
  if (texts.length === 0) {
    const sample = path.join(root, "data", "sample-reports.txt");
    texts.push(
      ...readFileSync(sample, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== ""),
    );
    from = sample;
  }
  const sentences = texts.flatMap((text) => splitSentences(text).map((s) => text.slice(s.start, s.end)));
  return { sentences, from };
}

/** A small deterministic PRNG, so every run measures the same text. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildItems(sentences: string[]): { items: InputItem[]; bytes: number } {
  const random = mulberry32(20260101);
  const items: InputItem[] = [];
  let bytes = 0;
  const dates = ["2019-06-05", "2022-03-04", null, "2024-10-11"];
  while (bytes < TARGET_BYTES) {
    const count = 3 + Math.floor(random() * 10);
    const parts: string[] = [];
    for (let k = 0; k < count; k++) parts.push(sentences[Math.floor(random() * sentences.length)]!);
    const text = parts.join(" ");
    items.push({ id: String(items.length + 1), text, published: dates[items.length % dates.length] ?? null });
    bytes += Buffer.byteLength(text, "utf8");
  }
  return { items, bytes };
}

const WARMUP_BYTES = 1024 * 1024;
const RUNS = 3;

interface Run {
  wall: number;
  cpu: number;
  figures: number;
}

function timedPass(items: InputItem[]): Run {
  let figures = 0;
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (const item of items) figures += extract(item).length;
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  // CPU time of this single-threaded loop is its cost on one core, even when other processes share the machine.
  return { wall, cpu: (cpu.user + cpu.system) / 1e6, figures };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function main(): void {
  const { sentences, from } = sourceSentences();
  const { items, bytes } = buildItems(sentences);
  // Steady state: the JIT compiles the hot paths during a first megabyte that is not timed.
  let warmed = 0;
  for (const item of items) {
    if (warmed >= WARMUP_BYTES) break;
    extract(item);
    warmed += Buffer.byteLength(item.text, "utf8");
  }
  const runs: Run[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(timedPass(items));
  const megabytes = bytes / (1024 * 1024);
  const wall = median(runs.map((r) => r.wall));
  const cpu = median(runs.map((r) => r.cpu));
  console.log(
    `text: ${items.length.toLocaleString("en-US")} items recombined from ${sentences.length} sentences of ${from}`,
  );
  console.log(
    `size: ${megabytes.toFixed(2)} MB (${bytes.toLocaleString("en-US")} bytes); figures per pass: ${runs[0]!.figures.toLocaleString("en-US")}; ` +
      `${RUNS} passes after a ${(WARMUP_BYTES / (1024 * 1024)).toFixed(0)} MB warm-up`,
  );
  for (const [k, r] of runs.entries())
    console.log(
      `  pass ${k + 1}: wall ${r.wall.toFixed(2)} s (${(megabytes / r.wall).toFixed(2)} MB/s), cpu ${r.cpu.toFixed(2)} s (${(megabytes / r.cpu).toFixed(2)} MB/s)`,
    );
  console.log(`wall-clock throughput (median): ${(megabytes / wall).toFixed(2)} MB/s`);
  console.log(`throughput (median): ${(megabytes / cpu).toFixed(2)} MB/s of one core (target >= 2 MB/s)`);
}

main();
