import type { NextRequest } from "next/server";

import { placeColumns, timeColumns, toCsv } from "@/lib/csv";
import {
  API_CACHE_CONTROL,
  cachedResponse,
  nextPageUrl,
  ParameterError,
  parameterProblem,
  parseChoice,
  placeRecord,
  timeRecord,
} from "@/lib/http";
import { highestByPlace, pointsOverTime } from "@/lib/series";

import { apiQuery, figuresInView } from "../../_lib/view";

const PATH = "/api/v1/series";
const SERIES = ["time", "place"] as const;

/**
 * The data the dashboard's charts draw: `by=time` the dated figures over time, `by=place` the highest
 * figure per metric and place, from the same figures the dashboard's charts draw. Never added up.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  let read;
  let by: (typeof SERIES)[number];
  try {
    read = await apiQuery(params, ["by"]);
    by = parseChoice(params, "by", SERIES, "time");
  } catch (error) {
    if (error instanceof ParameterError) return parameterProblem(error);
    throw error;
  }
  const { database, query } = read;
  const figures = await figuresInView(database, query.filters);
  const page = <T>(rows: readonly T[]) => rows.slice(query.offset, query.offset + query.limit);

  let csv: () => string;
  let series: unknown[];
  let total: number;
  let undated: number | undefined;
  if (by === "time") {
    const over = pointsOverTime(figures);
    const records = page(over.points).map(timeRecord);
    ({ undated } = over);
    total = over.points.length;
    series = records;
    csv = () => toCsv(timeColumns(records), records);
  } else {
    const bars = highestByPlace(figures);
    const records = page(bars).map(placeRecord);
    total = bars.length;
    series = records;
    csv = () => toCsv(placeColumns(records), records);
  }
  const next = nextPageUrl(PATH, query, total, { by });

  if (query.format === "csv") {
    return cachedResponse(request, csv(), {
      contentType: "text/csv; charset=utf-8; header=present",
      cacheControl: API_CACHE_CONTROL,
      cors: true,
      headers: {
        "Content-Disposition": `attachment; filename="keyfigures-series-${by}.csv"`,
        "X-Total-Count": String(total),
        ...(next ? { Link: `<${next}>; rel="next"` } : {}),
      },
    });
  }
  const body = JSON.stringify({
    filters: query.filters,
    by,
    total,
    ...(undated === undefined ? {} : { undated }),
    offset: query.offset,
    limit: query.limit,
    next,
    series,
  });
  return cachedResponse(request, body, {
    contentType: "application/json; charset=utf-8",
    cacheControl: API_CACHE_CONTROL,
    cors: true,
  });
}
