import type { NextRequest } from "next/server";

import { figureColumns, toCsv } from "@/lib/csv";
import { API_CACHE_CONTROL, cachedResponse, nextPageUrl, ParameterError, parameterProblem } from "@/lib/http";

import { apiQuery, figurePage, figureRecords } from "../../_lib/view";

const PATH = "/api/v1/figures";

/** The figures in a dashboard view, with their provenance, as JSON or HXL-tagged CSV. */
export async function GET(request: NextRequest) {
  let read;
  try {
    read = await apiQuery(request.nextUrl.searchParams);
  } catch (error) {
    if (error instanceof ParameterError) return parameterProblem(error);
    throw error;
  }
  const { database, query } = read;
  const { figures, total } = await figurePage(database, query.filters, query);
  const records = await figureRecords(database, figures);
  const next = nextPageUrl(PATH, query, total);

  if (query.format === "csv") {
    return cachedResponse(request, toCsv(figureColumns(records), records), {
      contentType: "text/csv; charset=utf-8; header=present",
      cacheControl: API_CACHE_CONTROL,
      cors: true,
      headers: {
        "Content-Disposition": 'attachment; filename="keyfigures-figures.csv"',
        "X-Total-Count": String(total),
        ...(next ? { Link: `<${next}>; rel="next"` } : {}),
      },
    });
  }
  const body = JSON.stringify({
    filters: query.filters,
    total,
    offset: query.offset,
    limit: query.limit,
    next,
    figures: records,
  });
  return cachedResponse(request, body, {
    contentType: "application/json; charset=utf-8",
    cacheControl: API_CACHE_CONTROL,
    cors: true,
  });
}
