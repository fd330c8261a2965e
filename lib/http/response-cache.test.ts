import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, describe, expect, it } from "vitest";

import { CACHE_STATUS_HEADER, createResponseCache, type ResponseCacheOptions } from "./response-cache";

type App = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

interface Harness {
  origin: string;
  renders: () => number;
  setGeneration: (value: string) => void;
  stats: () => ReturnType<ReturnType<typeof createResponseCache>["stats"]>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A real HTTP server: `app` behind the cache, counting how often it renders. */
async function serve(app: App, options: Partial<ResponseCacheOptions> = {}): Promise<Harness> {
  let generation = "1";
  let renders = 0;
  const cache = createResponseCache({
    maxBytes: 1_000_000,
    isCacheablePath: (pathname) => !pathname.startsWith("/private"),
    generation: async () => generation,
    ...options,
  });
  const server = createServer((req, res) => {
    void cache.handle(req, res, () => {
      renders++;
      return app(req, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    renders: () => renders,
    setGeneration: (value) => {
      generation = value;
    },
    stats: () => cache.stats(),
  };
}

async function get(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

let counter = 0;
/** An app whose every render is different, so a cached answer is told from a new one. */
const counting: App = (req, res) => {
  counter++;
  res.setHeader("content-type", "text/plain");
  res.setHeader("vary", "Accept-Encoding, RSC");
  res.end(`render ${counter} of ${req.url} for ${req.headers.host}`);
};

describe("response cache", () => {
  it("serves a repeated GET from memory, with the app's headers", async () => {
    const h = await serve(counting);
    const first = await get(`${h.origin}/?region=SY02`);
    const second = await get(`${h.origin}/?region=SY02`);
    expect(h.renders()).toBe(1);
    expect(second.body).toBe(first.body);
    expect(first.headers.get(CACHE_STATUS_HEADER)).toBe("miss");
    expect(second.headers.get(CACHE_STATUS_HEADER)).toBe("hit");
    expect(second.headers.get("content-type")).toBe("text/plain");
    expect(second.headers.get("content-length")).toBe(String(Buffer.byteLength(first.body)));
  });

  it("renders again after the generation changes (a load), and never serves the old answer", async () => {
    const h = await serve(counting);
    const before = await get(`${h.origin}/`);
    h.setGeneration("2");
    const after = await get(`${h.origin}/`);
    const again = await get(`${h.origin}/`);
    expect(after.body).not.toBe(before.body);
    expect(again.body).toBe(after.body);
    expect(h.renders()).toBe(2);
    expect(h.stats().entries).toBe(1);
  });

  it("keeps answers apart by query string and by keyed request headers", async () => {
    const h = await serve(counting);
    await get(`${h.origin}/?a=1`);
    await get(`${h.origin}/?a=2`);
    await get(`${h.origin}/?a=1`, { headers: { RSC: "1" } });
    await get(`${h.origin}/?a=1`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(h.renders()).toBe(4);
    await get(`${h.origin}/?a=1`, { headers: { RSC: "1" } });
    expect(h.renders()).toBe(4);
  });

  it("keeps a response written in chunks with writeHead's headers whole", async () => {
    const h = await serve(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "x-frame-options": "DENY" });
      res.write("<p>");
      await new Promise((resolve) => setTimeout(resolve, 5));
      res.write(Buffer.from("Idlib: 186,000+ displaced"));
      res.end(new TextEncoder().encode("</p>"));
    });
    const first = await get(`${h.origin}/`);
    const second = await get(`${h.origin}/`);
    expect(second.headers.get(CACHE_STATUS_HEADER)).toBe("hit");
    expect(second.body).toBe("<p>Idlib: 186,000+ displaced</p>");
    expect(second.body).toBe(first.body);
    expect(second.headers.get("x-frame-options")).toBe("DENY");
    expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");
  });

  it.each([
    [
      "an error status",
      ((_req, res) => {
        res.statusCode = 500;
        res.end("failed");
      }) satisfies App,
    ],
    [
      "a Set-Cookie header",
      ((_req, res) => {
        res.setHeader("set-cookie", "session=1");
        res.end("personal");
      }) satisfies App,
    ],
    [
      "a Vary on a header outside the key",
      ((_req, res) => {
        res.setHeader("vary", "Accept-Language");
        res.end("negotiated");
      }) satisfies App,
    ],
  ])("does not keep a response with %s", async (_name, app) => {
    const h = await serve(app);
    await get(`${h.origin}/`);
    const second = await get(`${h.origin}/`);
    expect(h.renders()).toBe(2);
    expect(second.headers.get(CACHE_STATUS_HEADER)).toBe("miss");
  });

  it("passes other methods, conditional requests and uncacheable paths to the app", async () => {
    const h = await serve(counting);
    await get(`${h.origin}/private/x`);
    const private2 = await get(`${h.origin}/private/x`);
    await get(`${h.origin}/api`, { method: "POST", body: "x" });
    await get(`${h.origin}/api`, { method: "POST", body: "x" });
    await get(`${h.origin}/e`);
    const conditional = await get(`${h.origin}/e`, { headers: { "If-None-Match": '"abc"' } });
    expect(private2.headers.get(CACHE_STATUS_HEADER)).toBe("bypass");
    expect(conditional.headers.get(CACHE_STATUS_HEADER)).toBe("bypass");
    expect(h.renders()).toBe(6);
  });

  it("renders once for many simultaneous requests of the same view", async () => {
    const h = await serve(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      res.end("slow view");
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(`${h.origin}/slow`)));
    expect(h.renders()).toBe(1);
    expect(new Set(answers.map((a) => a.body))).toEqual(new Set(["slow view"]));
  });

  it("holds at most maxBytes, dropping the least recently used, and serves but does not keep larger ones", async () => {
    const h = await serve((req, res) => void res.end("x".repeat(req.url === "/big" ? 600 : 300)), {
      maxBytes: 1000,
      maxEntryBytes: 500,
    });
    await get(`${h.origin}/1`);
    await get(`${h.origin}/2`);
    await get(`${h.origin}/1`);
    await get(`${h.origin}/3`);
    await get(`${h.origin}/4`);
    expect(h.stats().bytes).toBeLessThanOrEqual(1000);
    expect(h.stats().entries).toBe(3);
    const renders = h.renders();
    expect((await get(`${h.origin}/1`)).headers.get(CACHE_STATUS_HEADER)).toBe("hit");
    expect((await get(`${h.origin}/2`)).headers.get(CACHE_STATUS_HEADER)).toBe("miss");
    const big = await get(`${h.origin}/big`);
    expect(big.body).toHaveLength(600);
    expect((await get(`${h.origin}/big`)).headers.get(CACHE_STATUS_HEADER)).toBe("miss");
    expect(h.renders()).toBe(renders + 3);
  });

  it("passes requests to the app, uncached, while the generation cannot be read", async () => {
    const errors: unknown[] = [];
    const h = await serve(counting, {
      generation: async () => {
        throw new Error("database unavailable");
      },
      onGenerationError: (error) => errors.push(error),
    });
    const first = await get(`${h.origin}/`);
    await get(`${h.origin}/`);
    expect(first.status).toBe(200);
    expect(first.headers.get(CACHE_STATUS_HEADER)).toBe("bypass");
    expect(h.renders()).toBe(2);
    expect(errors).toHaveLength(2);
  });

  it("turns off with maxBytes 0", async () => {
    const h = await serve(counting, { maxBytes: 0 });
    await get(`${h.origin}/`);
    await get(`${h.origin}/`);
    expect(h.renders()).toBe(2);
  });
});
