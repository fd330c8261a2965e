import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect, test } from "@playwright/test";

// `npm start`'s server on a database of this spec's own, so that loading into it disturbs no other test.
test.describe.configure({ mode: "default" });

const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const CACHE = "x-keyfigures-cache";

let directory = "";
let database = "";
let origin = "";
let server: ChildProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  directory = mkdtempSync(path.join(tmpdir(), "keyfigures-cache-e2e-"));
  database = path.join(directory, "keyfigures.db");
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [tsx, "scripts/start.ts", "--hostname", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: database, PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const deadline = Date.now() + 100_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`scripts/start.ts exited with code ${server.exitCode}`);
    if (Date.now() > deadline) throw new Error(`scripts/start.ts did not answer on ${origin}`);
    try {
      if ((await fetch(`${origin}/bench-static`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    process.kill(-server.pid, "SIGTERM");
    await exited;
  }
  rmSync(directory, { recursive: true, force: true });
});

test("a repeated view is served from the cache, and a load in another process shows on the next request", async ({
  request,
}) => {
  const view = `${origin}/?metric=displaced`;
  const first = await request.get(view);
  const second = await request.get(view);
  expect(first.status()).toBe(200);
  expect(first.headers()[CACHE]).toBe("miss");
  expect(second.headers()[CACHE]).toBe("hit");
  expect(await second.text()).toBe(await first.text());
  expect(second.headers()["x-frame-options"]).toBe("DENY");
  expect(await second.text()).not.toContain("4,321");

  const report = path.join(directory, "new-report.txt");
  writeFileSync(report, "On 3 March 2025, 4,321 people were displaced from Aleppo by flooding.\n");
  const load = spawnSync(process.execPath, [tsx, "scripts/load.ts", report], {
    env: { ...process.env, DATABASE_URL: database },
    encoding: "utf8",
  });
  expect(load.status, load.stderr).toBe(0);

  const afterLoad = await request.get(view);
  expect(afterLoad.headers()[CACHE]).toBe("miss");
  expect(await afterLoad.text()).toContain("4,321");
  expect((await request.get(view)).headers()[CACHE]).toBe("hit");
});

test("the same view asked through another host name writes that host into its embed snippets", async ({
  request,
}) => {
  const view = `${origin}/?metric=killed`;
  await request.get(view);
  const local = await request.get(view);
  expect(local.headers()[CACHE]).toBe("hit");
  expect(await local.text()).toContain(`${origin}/embed/`);

  const viaProxy = await request.get(view, {
    headers: { "X-Forwarded-Proto": "https", Host: "news.example.org" },
  });
  expect(viaProxy.headers()[CACHE]).toBe("miss");
  const html = await viaProxy.text();
  expect(html).toContain("https://news.example.org/embed/");
  expect(html).not.toContain(`${origin}/embed/`);
});

test("the CSV API is kept like the pages, and conditional requests still get 304", async ({ request }) => {
  const csv = `${origin}/api/v1/figures?format=csv`;
  const first = await request.get(csv);
  const second = await request.get(csv);
  expect(second.headers()[CACHE]).toBe("hit");
  expect(await second.text()).toBe(await first.text());
  const etag = second.headers()["etag"];
  expect(etag).toBeTruthy();
  const conditional = await request.get(csv, { headers: { "If-None-Match": etag! } });
  expect(conditional.status()).toBe(304);
});
