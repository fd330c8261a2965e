import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

import { defineConfig, devices } from "@playwright/test";

/** A port the OS says is free. */
function freePort(): string {
  const script =
    "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}

// The runner evaluates this file first and its workers again later: ports are chosen once and inherited
// through the environment, and the build (when there is none) happens once, before the servers start.
if (!process.env.E2E_SAMPLE_PORT) {
  process.env.E2E_SAMPLE_PORT = freePort();
  process.env.E2E_SAMPLE_PG_PORT = freePort();
  process.env.E2E_FIXTURE_PORT = freePort();
  if (!existsSync(".next/BUILD_ID")) {
    const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
    execFileSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  }
}
const samplePort = process.env.E2E_SAMPLE_PORT;
const samplePgPort = process.env.E2E_SAMPLE_PG_PORT ?? "";
const fixturePort = process.env.E2E_FIXTURE_PORT ?? "";
const sampleURL = `http://127.0.0.1:${samplePort}`;
const samplePgURL = `http://127.0.0.1:${samplePgPort}`;
const fixtureURL = `http://127.0.0.1:${fixturePort}`;

export default defineConfig({
  testDir: "e2e",
  // Per run, so that two runs on one machine don't delete each other's traces.
  outputDir: `test-results/run-${samplePort}`,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    {
      // What a new user sees: `npm start` on an empty database, which loads the sample reports.
      name: "sample",
      testMatch: ["sample.spec.ts", "accessibility.spec.ts"],
      use: { ...devices["Desktop Chrome"], baseURL: sampleURL },
    },
    {
      // The same on PostgreSQL (TEST_PG_ADMIN_URL, as the db tests use).
      name: "sample-pg",
      testMatch: ["sample.spec.ts"],
      use: { ...devices["Desktop Chrome"], baseURL: samplePgURL },
    },
    {
      // `npm start`'s response cache, on a server and database of the spec's own.
      name: "server",
      testMatch: ["response-cache.spec.ts"],
      use: { ...devices["Desktop Chrome"] },
    },
    {
      // Dated figures in several regions and periods, for the filters.
      name: "fixture",
      testMatch: ["dashboard.spec.ts", "accessibility.spec.ts", "embed.spec.ts", "embed-dashboard.spec.ts"],
      use: { ...devices["Desktop Chrome"], baseURL: fixtureURL },
    },
  ],
  webServer: [
    {
      command: "npx tsx e2e/serve.ts sample",
      url: `${sampleURL}/`,
      env: { E2E_PORT: samplePort },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      command: "npx tsx e2e/serve.ts sample-pg",
      url: `${samplePgURL}/`,
      env: { E2E_PORT: samplePgPort },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      command: "npx tsx e2e/serve.ts fixture",
      url: `${fixtureURL}/`,
      env: { E2E_PORT: fixturePort },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
  ],
});
