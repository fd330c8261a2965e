import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

/**
 * A whole-response cache in front of the app: a repeated view (a shared link, an embed on a busy page) is
 * served from memory instead of being rendered again. Every request first asks for the current generation
 * (the database's data version and today's date); a new generation drops everything kept, so a response is
 * never older than the last committed load. A response is only kept when it can depend on nothing but the
 * URL, the generation and the request headers in KEYED_REQUEST_HEADERS: a 200 to a plain GET, without
 * Set-Cookie, varying on no other header.
 */

/** Response header saying what the cache did: hit, miss (rendered and kept when it could be) or bypass. */
export const CACHE_STATUS_HEADER = "x-keyfigures-cache";

/**
 * Request headers a response may depend on, all part of the key: the origin the page writes into embed
 * snippets, content negotiation, and Next's client-navigation headers (the RSC payload differs from the HTML).
 */
export const KEYED_REQUEST_HEADERS = [
  "host",
  "x-forwarded-host",
  "x-forwarded-proto",
  "accept",
  "accept-encoding",
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-url",
] as const;

/** Requests with these headers go to the app: it answers conditional and partial requests itself. */
const BYPASS_REQUEST_HEADERS = ["if-none-match", "if-modified-since", "if-range", "range", "authorization"];

/** Headers that belong to one connection or one transfer, not to the response kept. */
const UNKEPT_RESPONSE_HEADERS = new Set([
  "connection",
  "content-length",
  "date",
  "keep-alive",
  "transfer-encoding",
  CACHE_STATUS_HEADER,
]);

export interface ResponseCacheOptions {
  /** Bytes of response bodies kept in all; the least recently used go first. 0 turns the cache off. */
  maxBytes: number;
  /** A larger response is served but not kept. Default: a quarter of maxBytes. */
  maxEntryBytes?: number;
  /** Whether responses to this path may be kept at all. */
  isCacheablePath: (pathname: string) => boolean;
  /** What everything kept depends on besides the request: called once per cacheable request. */
  generation: () => Promise<string>;
  /** Told when `generation` fails; the request is then passed to the app uncached. */
  onGenerationError?: (error: unknown) => void;
}

interface Entry {
  status: number;
  headers: [string, string | string[]][];
  body: Buffer;
}

export interface ResponseCacheStats {
  entries: number;
  bytes: number;
  generation: string | null;
}

export interface ResponseCache {
  /** Serves `req` from the cache, or through `render` (which must answer on `res`) and keeps the answer. */
  handle(req: IncomingMessage, res: ServerResponse, render: () => unknown): Promise<void>;
  stats(): ResponseCacheStats;
}

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const maxEntryBytes = options.maxEntryBytes ?? Math.floor(options.maxBytes / 4);
  let generation: string | null = null;
  let bytes = 0;
  const entries = new Map<string, Entry>();
  const rendering = new Map<string, Promise<Entry | null>>();

  const remember = (key: string, entry: Entry) => {
    const old = entries.get(key);
    if (old) bytes -= old.body.length;
    entries.set(key, entry);
    bytes += entry.body.length;
    for (const [oldest, kept] of entries) {
      if (bytes <= options.maxBytes) break;
      entries.delete(oldest);
      bytes -= kept.body.length;
    }
  };

  const startGeneration = (current: string) => {
    if (current === generation) return;
    generation = current;
    entries.clear();
    bytes = 0;
  };

  async function handle(req: IncomingMessage, res: ServerResponse, render: () => unknown): Promise<void> {
    const pathname = pathOf(req.url);
    if (
      options.maxBytes <= 0 ||
      req.method !== "GET" ||
      pathname === null ||
      !options.isCacheablePath(pathname) ||
      BYPASS_REQUEST_HEADERS.some((name) => req.headers[name] !== undefined)
    ) {
      res.setHeader(CACHE_STATUS_HEADER, "bypass");
      await render();
      return;
    }

    let current: string;
    try {
      current = await options.generation();
    } catch (error) {
      // Without a generation nothing kept can be trusted: the app answers, with its own error page if it must.
      options.onGenerationError?.(error);
      res.setHeader(CACHE_STATUS_HEADER, "bypass");
      await render();
      return;
    }
    startGeneration(current);
    const key = [current, req.url, ...KEYED_REQUEST_HEADERS.map((name) => headerValue(req, name))].join("\n");

    const kept = entries.get(key);
    if (kept) {
      entries.delete(key);
      entries.set(key, kept);
      replay(res, kept);
      return;
    }
    const running = rendering.get(key);
    if (running) {
      const entry = await running;
      if (entry) {
        replay(res, entry);
        return;
      }
    }

    let settle: (entry: Entry | null) => void = () => {};
    rendering.set(
      key,
      new Promise<Entry | null>((resolve) => {
        settle = resolve;
      }),
    );
    const captured = capture(res, maxEntryBytes);
    res.once("close", () => {
      rendering.delete(key);
      const entry = res.writableFinished ? keepable(res, captured) : null;
      // A response rendered under a generation that has since ended is served, but not kept.
      if (entry && generation === current) remember(key, entry);
      settle(entry);
    });
    res.setHeader(CACHE_STATUS_HEADER, "miss");
    await render();
  }

  return {
    handle,
    stats: () => ({ entries: entries.size, bytes, generation }),
  };
}

function pathOf(url: string | undefined): string | null {
  if (!url || !url.startsWith("/")) return null;
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

function headerValue(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? "");
}

function replay(res: ServerResponse, entry: Entry): void {
  res.statusCode = entry.status;
  for (const [name, value] of entry.headers) res.setHeader(name, value);
  res.setHeader(CACHE_STATUS_HEADER, "hit");
  res.setHeader("content-length", entry.body.length);
  res.end(entry.body);
}

interface Captured {
  chunks: Buffer[];
  bytes: number;
  tooLarge: boolean;
  headHeaders: OutgoingHttpHeaders;
}

/** Records what the app writes to `res` (after Next's compression, which wraps these methods later). */
function capture(res: ServerResponse, maxBytes: number): Captured {
  const captured: Captured = { chunks: [], bytes: 0, tooLarge: false, headHeaders: {} };
  const add = (chunk: unknown, encoding: unknown) => {
    if (captured.tooLarge || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer =
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : null;
    if (!buffer) return;
    captured.bytes += buffer.length;
    if (captured.bytes > maxBytes) {
      captured.tooLarge = true;
      captured.chunks = [];
      return;
    }
    captured.chunks.push(buffer);
  };

  const write = res.write;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    add(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];

  const end = res.end;
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    add(chunk, rest[0]);
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse["end"];

  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const headers = args.find((arg, i) => i > 0 && typeof arg === "object" && arg !== null);
    if (headers && !Array.isArray(headers)) Object.assign(captured.headHeaders, headers);
    return (writeHead as (...args: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];

  return captured;
}

/** The response as an entry, or null when it may depend on more than the key or was not kept whole. */
function keepable(res: ServerResponse, captured: Captured): Entry | null {
  if (res.statusCode !== 200 || captured.tooLarge) return null;
  const headers = new Map<string, string | string[]>();
  for (const [name, value] of Object.entries({ ...res.getHeaders(), ...captured.headHeaders })) {
    if (value === undefined) continue;
    headers.set(name.toLowerCase(), Array.isArray(value) ? value.map(String) : String(value));
  }
  if (headers.has("set-cookie")) return null;
  const vary = [headers.get("vary") ?? []].flat().join(",");
  const varies = vary
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (varies.some((name) => name === "*" || !(KEYED_REQUEST_HEADERS as readonly string[]).includes(name))) {
    return null;
  }
  for (const name of UNKEPT_RESPONSE_HEADERS) headers.delete(name);
  return { status: res.statusCode, headers: [...headers], body: Buffer.concat(captured.chunks) };
}
