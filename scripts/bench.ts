import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { openDatabase } from "../db/client";
import { bumpDataVersion, pgBenchDatabase, sqliteBenchDatabase, type BenchDatabase } from "./bench/databases";
import { benchExtract, type ExtractResult } from "./bench/extract";
import { benchHttp, ensureBuild, startServer, type HttpResult } from "./bench/http";
import { benchLoad, type LoadResult } from "./bench/load";
import { machine, type Machine } from "./bench/machine";
import { benchMemory, type MemoryResult } from "./bench/memory";
import { benchQueries, dashboardViews, type QueryResult } from "./bench/queries";
import { targetRows, type TargetRow } from "./bench/targets";

const SECTIONS = ["extract", "load", "queries", "http", "memory"] as const;
type Section = (typeof SECTIONS)[number];

const USAGE = `Usage: npm run bench -- [options]

Benchmarks Keyfigures on synthetic data (publisher "SYNTHETIC — benchmark data") in databases of its own:
a new SQLite file in a temporary directory and a new PostgreSQL database created through TEST_PG_ADMIN_URL,
both removed afterwards. It never touches data/keyfigures.db or DATABASE_URL.

  --figures N          figures loaded into SQLite (default 1000000)
  --pg-figures N       figures loaded into PostgreSQL (default 10000000, the target's size; loading them takes
                       minutes)
  --only SECTION       ${SECTIONS.join(", ")} (repeatable; default: all). http and queries load first.
  --skip-pg            SQLite only
  --database-url URL   PostgreSQL part against this database instead of a new one: synthetic figures are
                       loaded into it and it is kept (use a database made for benchmarking, never a live one)
  --runs N             timed runs per query and cache state (default 30)
  --connections N      autocannon connections (default 50)
  --duration S         seconds per autocannon run (default 10)
  --build              run next build even when .next has a build with /bench-static
  --port N             port of the benchmarked server on 127.0.0.1 (default 3199)
  --memory-mb A,B      sizes of the input files loaded to measure peak memory (default 8,32)
  --seed N             synthetic data seed (default 1)
  --out FILE           results file (default bench-results.json, git-ignored)`;

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name}: expected a positive whole number, got "${value}"`);
  return n;
}

export interface BenchResults {
  machine: Machine;
  options: Record<string, unknown>;
  extract: ExtractResult | null;
  load: LoadResult[];
  queries: QueryResult[];
  http: HttpResult[];
  memory: MemoryResult[];
  targets: TargetRow[];
}

function table(rows: Record<string, string | number>[]): string {
  if (rows.length === 0) return "(none)";
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => String(row[column]).length)),
  );
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
  return [
    line(columns),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map((row) => line(columns.map((c) => String(row[c])))),
  ].join("\n");
}

function summary(results: BenchResults): string {
  const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");
  const parts = [
    `Machine: ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGb} GB, load average ${results.machine.loadAverage.join(" ")} at start, Node ${results.machine.node}`,
  ];
  if (results.extract) {
    parts.push(
      `Extraction: ${results.extract.cpuMegabytesPerSecond} MB/s of one core (${results.extract.wallMegabytesPerSecond} MB/s wall)`,
    );
  }
  parts.push(
    "Loading",
    table(
      results.load.map((r) => ({
        dialect: r.dialect,
        figures: r.figures,
        documents: r.documents,
        seconds: fixed(r.seconds),
        "figures/s": r.figuresPerSecond,
        "generating (s)": fixed(r.generateSeconds),
      })),
    ),
    "Dashboard queries (ms)",
    table(
      results.queries.map((r) => ({
        dialect: r.dialect,
        figures: r.figures,
        query: r.query,
        cache: r.cache,
        p50: fixed(r.p50Ms),
        p95: fixed(r.p95Ms),
      })),
    ),
    "HTTP on 127.0.0.1 (autocannon)",
    table(
      results.http.map((r) => ({
        route: r.name,
        "req/s": fixed(r.requestsPerSecond, 0),
        "static req/s": fixed(r.staticRequestsPerSecond, 0),
        ratio: `${fixed(r.ratio * 100, 0)} %`,
        "p50 ms": r.latencyP50Ms,
        "p99 ms": r.latencyP99Ms,
        errors: r.errors,
        "non-2xx": r.non2xx,
        "first view after a load, p50 / max ms": `${fixed(r.firstViewP50Ms, 0)} / ${fixed(r.firstViewMaxMs, 0)}`,
      })),
    ),
    "Loader memory (npm run load in a child process)",
    table(
      results.memory.map((r) => ({
        "input MB": fixed(r.inputMegabytes, 0),
        documents: r.documents,
        seconds: fixed(r.seconds),
        "peak RSS MB": fixed(r.peakRssMegabytes, 0),
      })),
    ),
    "Targets",
    table(results.targets.map((r) => ({ target: r.target, measured: r.measured, met: r.met }))),
  );
  return parts.join("\n\n");
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      figures: { type: "string" },
      "pg-figures": { type: "string" },
      only: { type: "string", multiple: true },
      "skip-pg": { type: "boolean", default: false },
      "database-url": { type: "string" },
      runs: { type: "string" },
      connections: { type: "string" },
      duration: { type: "string" },
      build: { type: "boolean", default: false },
      port: { type: "string" },
      "memory-mb": { type: "string", default: "8,32" },
      seed: { type: "string" },
      out: { type: "string", default: "bench-results.json" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const only = (values.only ?? [...SECTIONS]).map((section) => {
    if (!(SECTIONS as readonly string[]).includes(section))
      throw new Error(`--only: unknown section "${section}" (expected one of ${SECTIONS.join(", ")})`);
    return section as Section;
  });
  const wants = (section: Section) => only.includes(section);
  const figures = positive(values.figures, "figures", 1_000_000);
  const pgFigures = positive(values["pg-figures"], "pg-figures", 10_000_000);
  const runs = positive(values.runs, "runs", 30);
  const connections = positive(values.connections, "connections", 50);
  const duration = positive(values.duration, "duration", 10);
  const port = positive(values.port, "port", 3199);
  const seed = positive(values.seed, "seed", 1);
  const memorySizes = values["memory-mb"].split(",").map((size) => positive(size.trim(), "memory-mb", 8));
  const log = (line: string) => console.log(line);

  const results: BenchResults = {
    machine: machine(),
    options: {
      figures,
      pgFigures,
      runs,
      connections,
      duration,
      seed,
      memorySizes,
      only,
      skipPg: values["skip-pg"],
    },
    extract: null,
    load: [],
    queries: [],
    http: [],
    memory: [],
    targets: [],
  };
  log(
    `bench: ${only.join(", ")} on ${results.machine.cpus} CPUs, load average ${results.machine.loadAverage.join(" ")}`,
  );

  if (wants("extract")) {
    log("extraction");
    results.extract = benchExtract(log);
  }

  const dialects: { figures: number; open: () => Promise<BenchDatabase> }[] = [];
  if (wants("load") || wants("queries") || wants("http"))
    dialects.push({ figures, open: sqliteBenchDatabase });
  if ((wants("load") || wants("queries")) && !values["skip-pg"]) {
    dialects.push({ figures: pgFigures, open: () => pgBenchDatabase(values["database-url"]) });
  }
  for (const dialect of dialects) {
    const bench = await dialect.open();
    try {
      log(
        `${bench.database.dialect}: ${dialect.figures.toLocaleString("en-US")} synthetic figures in ${bench.where}`,
      );
      results.load.push(await benchLoad(bench.database, dialect.figures, seed, log));
      if (wants("queries"))
        results.queries.push(...(await benchQueries(bench.database, dialect.figures, runs, log)));
      if (wants("http") && bench.database.dialect === "sqlite") {
        log("http");
        const views = await dashboardViews(bench.database);
        const filtered = new URLSearchParams(views[3]?.params).toString();
        const region = views[3]?.params.region ?? "SYR";
        ensureBuild(values.build, log);
        await bench.database.close();
        const server = await startServer(bench.database.url, port);
        const loads = await openDatabase(bench.database.url);
        try {
          results.http = await benchHttp(
            server.origin,
            [
              { name: "overview", path: "/" },
              { name: "filtered view", path: `/?${filtered}` },
              { name: "embed (card)", path: `/embed/card/displaced?region=${region}` },
              { name: "CSV API", path: `/api/v1/figures?format=csv&region=${region}&metric=displaced` },
            ],
            { connections, duration, invalidate: () => bumpDataVersion(loads) },
            log,
          );
        } finally {
          await loads.close();
          await server.stop();
        }
      }
    } finally {
      await bench.done();
    }
  }

  if (wants("memory")) {
    log("loader memory");
    results.memory = await benchMemory(memorySizes, seed, log);
  }

  results.targets = targetRows(results);
  writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
  log(`\n${summary(results)}\n\nresults written to ${values.out}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof Error && error.cause) console.error(error.cause);
    process.exit(1);
  },
);
