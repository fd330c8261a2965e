import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import autocannon from "autocannon";

import { CACHE_STATUS_HEADER } from "../../lib/http/response-cache";
import { quantile } from "./stats";

const STATIC_ROUTE = "/bench-static";
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

export interface HttpTarget {
  name: string;
  path: string;
}

export interface HttpResult {
  name: string;
  path: string;
  connections: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  non2xx: number;
  /** The static page measured right after, with the same connections and duration. */
  staticRequestsPerSecond: number;
  staticLatencyP50Ms: number;
  /** requestsPerSecond / staticRequestsPerSecond. */
  ratio: number;
  /**
   * One request at a time right after a load (data version bumped, so neither the response cache nor the
   * query caches hold it): what the first visitor of a view waits. Median and worst of FIRST_VIEW_RUNS.
   */
  firstViewP50Ms: number;
  firstViewMaxMs: number;
}

const FIRST_VIEW_RUNS = 5;

/** As browsers ask: a dashboard page is ~10 times smaller compressed, and bytes are much of a page's cost. */
const BROWSER_HEADERS = { "accept-encoding": "gzip" };

/** Whether the production build in .next serves the static baseline route (a build from before it does not). */
function buildHasStaticRoute(): boolean {
  const manifest = path.join(".next", "app-path-routes-manifest.json");
  if (!existsSync(path.join(".next", "BUILD_ID")) || !existsSync(manifest)) return false;
  return Object.values(JSON.parse(readFileSync(manifest, "utf8")) as Record<string, string>).includes(
    STATIC_ROUTE,
  );
}

/** Runs `next build` when there is no build with the static baseline, or when asked to. */
export function ensureBuild(force: boolean, log: (line: string) => void): void {
  if (!force && buildHasStaticRoute()) return;
  log(`  next build (${force ? "--build" : `no build with ${STATIC_ROUTE} in .next`}) …`);
  const built = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (built.status !== 0) throw new Error(`next build failed (exit code ${built.status})`);
}

async function waitForServer(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts the production server (`npm start`'s script: Next.js behind the response cache) on 127.0.0.1
 * against `databaseUrl`; resolves once it serves the static page.
 */
export async function startServer(
  databaseUrl: string,
  port: number,
): Promise<{ origin: string; stop(): Promise<void> }> {
  const server = spawn(
    process.execPath,
    [createRequire(import.meta.url).resolve("tsx/cli"), "scripts/start.ts", "--hostname", "127.0.0.1"],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", PORT: String(port) },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const origin = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
    });
  try {
    await waitForServer(`${origin}${STATIC_ROUTE}`, server, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, stop };
}

interface Run {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Waits until the server answers the static page at once: requests of a run still queued must not slow the next. */
async function drain(origin: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const started = Date.now();
    await fetch(`${origin}${STATIC_ROUTE}`).then((response) => response.arrayBuffer());
    if (Date.now() - started < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function cannon(origin: string, path: string, connections: number, duration: number): Promise<Run> {
  await drain(origin);
  const result = await autocannon({
    url: `${origin}${path}`,
    connections,
    duration,
    timeout: 10,
    headers: BROWSER_HEADERS,
  });
  const answered = result["1xx"] + result["2xx"] + result["3xx"] + result["4xx"] + result["5xx"];
  return {
    // Responses over the run's duration: autocannon's per-second average leaves out a slow route's seconds with none.
    requestsPerSecond: answered / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Times `path` right after each of `runs` simulated loads; fails if the server answered from its cache. */
async function firstViews(
  origin: string,
  path: string,
  runs: number,
  invalidate: () => Promise<void>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await invalidate();
    const started = process.hrtime.bigint();
    const response = await fetch(`${origin}${path}`, { headers: BROWSER_HEADERS });
    await response.arrayBuffer();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    const cache = response.headers.get(CACHE_STATUS_HEADER);
    if (cache === "hit") throw new Error(`${path}: the first view after a load came from the response cache`);
  }
  return times;
}

/**
 * Each target under load for `duration` seconds, then the static page for as long, side by side. Before
 * that, the target's first view after a load (`invalidate` bumps the data version as a load does).
 */
export async function benchHttp(
  origin: string,
  targets: readonly HttpTarget[],
  options: { connections: number; duration: number; invalidate: () => Promise<void> },
  log: (line: string) => void,
): Promise<HttpResult[]> {
  const results: HttpResult[] = [];
  for (const target of targets) {
    // One request first, so that loading the route's code is not what is measured.
    await fetch(`${origin}${target.path}`, { headers: BROWSER_HEADERS }).then((response) =>
      response.arrayBuffer(),
    );
    const first = await firstViews(origin, target.path, FIRST_VIEW_RUNS, options.invalidate);
    const measured = await cannon(origin, target.path, options.connections, options.duration);
    const baseline = await cannon(origin, STATIC_ROUTE, options.connections, options.duration);
    const result: HttpResult = {
      name: target.name,
      path: target.path,
      connections: options.connections,
      durationSeconds: options.duration,
      requestsPerSecond: measured.requestsPerSecond,
      latencyP50Ms: measured.p50,
      latencyP99Ms: measured.p99,
      errors: measured.errors,
      non2xx: measured.non2xx,
      staticRequestsPerSecond: baseline.requestsPerSecond,
      staticLatencyP50Ms: baseline.p50,
      ratio: measured.requestsPerSecond / baseline.requestsPerSecond,
      firstViewP50Ms: quantile(first, 0.5),
      firstViewMaxMs: Math.max(...first),
    };
    log(
      `  ${target.name}: ${result.requestsPerSecond.toFixed(0)} req/s (static ${result.staticRequestsPerSecond.toFixed(0)}, ` +
        `${(result.ratio * 100).toFixed(0)} %), p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms, ` +
        `${result.errors} errors, ${result.non2xx} non-2xx; first view after a load p50 ${result.firstViewP50Ms.toFixed(0)} ms`,
    );
    results.push(result);
  }
  return results;
}
