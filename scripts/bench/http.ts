import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import autocannon from "autocannon";

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
}

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
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Starts `next start` on 127.0.0.1 against `databaseUrl`; resolves once it serves the static page. */
export async function startServer(
  databaseUrl: string,
  port: number,
): Promise<{ origin: string; stop(): Promise<void> }> {
  const server = spawn(
    process.execPath,
    [nextBin, "start", "--hostname", "127.0.0.1", "--port", String(port)],
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

async function cannon(url: string, connections: number, duration: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration, timeout: 10 });
}

/** Each target under load for `duration` seconds, then the static page for as long, side by side. */
export async function benchHttp(
  origin: string,
  targets: readonly HttpTarget[],
  options: { connections: number; duration: number },
  log: (line: string) => void,
): Promise<HttpResult[]> {
  const results: HttpResult[] = [];
  for (const target of targets) {
    // One request first, so the route's first compile and the caches are not what is measured.
    await fetch(`${origin}${target.path}`).then((response) => response.arrayBuffer());
    const measured = await cannon(`${origin}${target.path}`, options.connections, options.duration);
    const baseline = await cannon(`${origin}${STATIC_ROUTE}`, options.connections, options.duration);
    const result: HttpResult = {
      name: target.name,
      path: target.path,
      connections: options.connections,
      durationSeconds: options.duration,
      requestsPerSecond: measured.requests.average,
      latencyP50Ms: measured.latency.p50,
      latencyP99Ms: measured.latency.p99,
      errors: measured.errors + measured.timeouts,
      non2xx: measured.non2xx,
      staticRequestsPerSecond: baseline.requests.average,
      staticLatencyP50Ms: baseline.latency.p50,
      ratio: measured.requests.average / baseline.requests.average,
    };
    log(
      `  ${target.name}: ${result.requestsPerSecond.toFixed(0)} req/s (static ${result.staticRequestsPerSecond.toFixed(0)}, ` +
        `${(result.ratio * 100).toFixed(0)} %), p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms, ` +
        `${result.errors} errors, ${result.non2xx} non-2xx`,
    );
    results.push(result);
  }
  return results;
}
