import { etagOf, matchesIfNoneMatch } from "./etag";
import type { ParameterError } from "./query";

export const API_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600";

export interface BodyOptions {
  contentType: string;
  cacheControl: string;
  headers?: Record<string, string>;
  /** Open data: any site's scripts may read it (no credentials are involved). */
  cors?: boolean;
}

/** A cacheable GET answer: ETag from the body, 304 when the client already holds it, no body for HEAD. */
export function cachedResponse(request: Request, body: string | Uint8Array, options: BodyOptions): Response {
  const etag = etagOf(body);
  const headers = new Headers({
    ETag: etag,
    "Cache-Control": options.cacheControl,
    Vary: "Accept-Encoding",
    ...(options.cors
      ? { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "ETag, Link, X-Total-Count" }
      : {}),
    ...options.headers,
  });
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Type", options.contentType);
  const payload = request.method === "HEAD" ? null : typeof body === "string" ? body : new Uint8Array(body);
  return new Response(payload, { status: 200, headers });
}

/** An RFC 9457 problem document: one clear message, naming the parameter when one was at fault. */
export function problemResponse(status: number, detail: string, parameter?: string): Response {
  const title = status === 400 ? "Bad request" : status === 404 ? "Not found" : `HTTP ${status}`;
  return Response.json(
    { type: "about:blank", title, status, detail, ...(parameter ? { parameter } : {}) },
    { status, headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store" } },
  );
}

export function parameterProblem(error: ParameterError): Response {
  return problemResponse(400, error.message, error.parameter);
}
