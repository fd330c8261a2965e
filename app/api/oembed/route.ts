import type { NextRequest } from "next/server";

import { oembedResponse, resolveEmbeddable } from "@/components/embed/oembed";
import { getDatabase } from "@/db/client";
import { getRegionsByCodes } from "@/db/queries/regions";
import { requestedRegionCodes } from "@/lib/filters";
import { cachedResponse, originFromHeaders, problemResponse } from "@/lib/http";

function dimension(params: URLSearchParams, name: "maxwidth" | "maxheight"): number | null | Response {
  const raw = params.get(name);
  if (raw === null || raw.trim() === "") return null;
  if (!/^\d{1,5}$/.test(raw.trim()) || Number(raw) < 1)
    return problemResponse(400, `"${name}" must be a positive whole number of pixels, not "${raw}".`, name);
  return Number(raw);
}

/** oEmbed 1.0 provider (oembed.com): any embed or dashboard URL of this site as a `rich` iframe. */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const format = params.get("format") ?? "json";
  if (format === "xml") return problemResponse(501, "Only format=json is supported.", "format");
  if (format !== "json") return problemResponse(400, `"format" must be json, not "${format}".`, "format");

  const raw = params.get("url");
  if (!raw) return problemResponse(400, 'The "url" parameter is required.', "url");
  let target: URL;
  try {
    target = new URL(raw);
  } catch (error) {
    return problemResponse(400, `"url" is not an absolute URL: ${(error as Error).message}`, "url");
  }
  const maxwidth = dimension(params, "maxwidth");
  if (maxwidth instanceof Response) return maxwidth;
  const maxheight = dimension(params, "maxheight");
  if (maxheight instanceof Response) return maxheight;

  const origin = originFromHeaders(request.headers, request.nextUrl.origin);
  const database = await getDatabase();
  const pathRegion = /^\/regions\/([^/]+)\/?$/.exec(target.pathname)?.[1];
  const codes = [
    ...requestedRegionCodes(target.searchParams),
    ...(pathRegion ? [pathRegion.toUpperCase()] : []),
  ];
  const known = new Set((await getRegionsByCodes(database, codes)).map((r) => r.code));
  const embeddable = resolveEmbeddable(target, origin, (code) => known.has(code));
  if (!embeddable) return problemResponse(404, `${raw} is not an embeddable page of ${origin}.`, "url");

  const body = JSON.stringify(oembedResponse(origin, embeddable, { maxwidth, maxheight }));
  return cachedResponse(request, body, {
    contentType: "application/json; charset=utf-8",
    cacheControl: "public, max-age=300",
    cors: true,
  });
}
