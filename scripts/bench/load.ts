import { loadRecords } from "../../db/load";
import type { Database } from "../../db/client";
import { SYNTHETIC_SOURCE_FILE, syntheticRecords } from "../../lib/synthetic";
import { seconds } from "./stats";

export interface LoadResult {
  dialect: string;
  figures: number;
  documents: number;
  /** Loading, generation included. */
  seconds: number;
  /** Generating the same records without loading them, to tell the loader's share. */
  generateSeconds: number;
  figuresPerSecond: number;
}

/** Loads `figures` synthetic figures into `database` through the loader, in one transaction. */
export async function benchLoad(
  database: Database,
  figures: number,
  seed: number,
  log: (line: string) => void,
): Promise<LoadResult> {
  let started = process.hrtime.bigint();
  let generated = 0;
  for (const record of syntheticRecords({ figures, seed })) generated += record.figures.length;
  const generateSeconds = seconds(started);
  log(`  generated ${generated.toLocaleString("en-US")} figures in ${generateSeconds.toFixed(1)} s`);

  started = process.hrtime.bigint();
  const counts = await loadRecords(database, syntheticRecords({ figures, seed }), {
    sourceFile: SYNTHETIC_SOURCE_FILE,
  });
  const took = seconds(started);
  log(
    `  ${database.dialect}: loaded ${counts.figuresNew.toLocaleString("en-US")} figures in ${took.toFixed(1)} s`,
  );
  return {
    dialect: database.dialect,
    figures: counts.figuresNew,
    documents: counts.documentsNew,
    seconds: took,
    generateSeconds,
    figuresPerSecond: Math.round(counts.figuresNew / took),
  };
}
