import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { EXTRACTOR_VERSION, extract } from "@/lib/extract";
import { scoreItems, type LabelledItem, type Score } from "@/lib/extract/score";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const shared = path.resolve(root, "..", "shared", "extraction");
const FILES = ["seed.jsonl", "dev.jsonl"];

function readLabelled(file: string): LabelledItem[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      try {
        return JSON.parse(line) as LabelledItem;
      } catch (error) {
        throw new Error(`${file}:${index + 1}: not valid JSON`, { cause: error });
      }
    });
}

function pct(x: number): string {
  return x.toFixed(3);
}

function main(): void {
  const verbose = process.argv.includes("--verbose") || process.argv.includes("-v");
  if (!existsSync(shared)) {
    console.log(`eval: ${shared} is absent; skipped.`);
    return;
  }
  const scores: Array<[string, Score]> = [];
  for (const name of FILES) {
    const file = path.join(shared, name);
    if (!existsSync(file)) {
      console.log(`eval: ${file} is absent; skipped.`);
      continue;
    }
    const items = readLabelled(file);
    const score = scoreItems(items, (item) =>
      extract({ id: item.id, text: item.text, published: item.published }),
    );
    scores.push([name, score]);
    if (verbose) {
      console.log(`== ${name}`);
      for (const line of score.details) console.log(line);
    }
  }
  console.log(
    `extractor ${EXTRACTOR_VERSION}; targets: F1 >= 0.93, qualifier >= 0.95, place >= 0.90, 0 on negative items`,
  );
  console.log("file        P      R      F1     qual   place  neg  (tp/pred/gold)");
  for (const [name, s] of scores) {
    console.log(
      `${name.padEnd(11)} ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}  ${pct(s.qualifierAccuracy)}  ${pct(s.placeAccuracy)}  ${String(s.negativeFigures).padEnd(3)}  (${s.matched}/${s.predicted}/${s.gold})`,
    );
  }
  const pass = scores.every(
    ([, s]) =>
      s.f1 >= 0.93 && s.qualifierAccuracy >= 0.95 && s.placeAccuracy >= 0.9 && s.negativeFigures === 0,
  );
  console.log(pass ? "all targets met" : "targets not met");
}

main();
