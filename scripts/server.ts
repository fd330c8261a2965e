import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

import { readDataVersion } from "../db/cache";
import { openDatabase, type Database } from "../db/client";
import { todayUtc } from "../lib/filters";
import { createResponseCache, type ResponseCache } from "../lib/http/response-cache";

/**
 * Routes whose responses depend only on the URL, the data and the day: the dashboard pages, the embeds and
 * the read API. Build assets are served well by Next already; nothing else is kept.
 */
export function isCacheablePath(pathname: string): boolean {
  return (
    pathname === "/" ||
    pathname.startsWith("/regions/") ||
    pathname === "/embed" ||
    pathname.startsWith("/embed/") ||
    pathname.startsWith("/api/v1/") ||
    pathname === "/api/oembed"
  );
}

export interface ServeOptions {
  port: number;
  hostname?: string;
  databaseUrl?: string;
  /** Response cache size in MB; 0 turns it off. */
  cacheMegabytes: number;
  log: (line: string) => void;
}

export interface RunningServer {
  close(): Promise<void>;
}

/**
 * The production server: Next.js in this process (a custom server), with the response cache in front.
 * Every cacheable request reads meta.data_version, so a load in another process shows on the next request.
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  // As `next start` does; React picks its production build from it. Set before Next (and React) load.
  if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: "production" });
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname: options.hostname, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const database: Database = await openDatabase(options.databaseUrl);
  const cache: ResponseCache = createResponseCache({
    maxBytes: options.cacheMegabytes * 1024 * 1024,
    isCacheablePath,
    generation: async () => `${await readDataVersion(database)} ${todayUtc()}`,
    onGenerationError: (error) =>
      options.log(`response cache bypassed: ${error instanceof Error ? error.message : String(error)}`),
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    cache
      .handle(req, res, () => handle(req, res))
      .catch((error: unknown) => {
        options.log(
          `error serving ${req.method} ${req.url}: ${error instanceof Error ? error.stack : error}`,
        );
        if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader("content-type", "text/plain; charset=utf-8");
        }
        res.end("Internal server error\n");
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(new Error(`could not listen on port ${options.port}: ${error.message}`, { cause: error })),
    );
    server.listen(options.port, options.hostname, resolve);
  });
  options.log(
    `serving on http://${options.hostname ?? "localhost"}:${options.port}` +
      (options.cacheMegabytes > 0
        ? ` (response cache ${options.cacheMegabytes} MB)`
        : " (no response cache)"),
  );

  return {
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await app.close();
      await database.close();
    },
  };
}
