import { FILTER_PARAMS, filtersToSearchParams, parseFilters, type Filters } from "@/lib/filters";

export const API_FORMATS = ["json", "csv"] as const;
export type ApiFormat = (typeof API_FORMATS)[number];

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/** A CSV download is the whole view on screen, so its page is much larger; beyond it, `offset` pages on. */
export const MAX_CSV_ROWS = 50_000;

const PAGING_PARAMS = ["format", "limit", "offset"] as const;

/** A query parameter the API cannot use; the response is 400 and names the parameter. */
export class ParameterError extends Error {
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(message);
    this.name = "ParameterError";
    this.parameter = parameter;
  }
}

export interface ApiQuery {
  filters: Filters;
  format: ApiFormat;
  limit: number;
  offset: number;
}

export interface ApiQueryOptions {
  isKnownRegion?: (code: string) => boolean;
  /** Parameters a route takes besides the filters and paging, e.g. `by` for series. */
  extra?: readonly string[];
}

function single(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name);
  if (values.length > 1)
    throw new ParameterError(name, `"${name}" may be given once, not ${values.length} times.`);
  return values[0] ?? null;
}

function integer(params: URLSearchParams, name: string, min: number, max: number): number | null {
  const raw = single(params, name);
  if (raw === null) return null;
  if (!/^\d+$/.test(raw.trim()))
    throw new ParameterError(name, `"${name}" must be a whole number, not "${raw}".`);
  const n = Number(raw.trim());
  if (n < min || n > max)
    throw new ParameterError(name, `"${name}" must be between ${min} and ${max}, not ${n}.`);
  return n;
}

/**
 * Reads an API query strictly: the dashboard's filters through the same parser, but where the dashboard
 * drops a bad value with a notice, the API refuses it, so a script never gets a silently wider answer.
 */
export function parseApiQuery(params: URLSearchParams, options: ApiQueryOptions = {}): ApiQuery {
  const known = new Set<string>([...FILTER_PARAMS, ...PAGING_PARAMS, ...(options.extra ?? [])]);
  for (const name of params.keys()) {
    if (!known.has(name))
      throw new ParameterError(name, `Unknown parameter "${name}" (known: ${[...known].join(", ")}).`);
  }

  const { filters, notices } = parseFilters(params, { isKnownRegion: options.isKnownRegion });
  const [notice] = notices;
  if (notice) throw new ParameterError(notice.param, notice.message);

  const formatValue = single(params, "format") ?? "json";
  if (!(API_FORMATS as readonly string[]).includes(formatValue))
    throw new ParameterError("format", `"format" must be json or csv, not "${formatValue}".`);
  const format = formatValue as ApiFormat;

  const maxLimit = format === "csv" ? MAX_CSV_ROWS : MAX_PAGE_SIZE;
  const limit =
    integer(params, "limit", 1, maxLimit) ?? (format === "csv" ? MAX_CSV_ROWS : DEFAULT_PAGE_SIZE);
  const offset = integer(params, "offset", 0, Number.MAX_SAFE_INTEGER) ?? 0;
  return { filters, format, limit, offset };
}

/** A choice parameter of one route, e.g. series' `by`. */
export function parseChoice<T extends string>(
  params: URLSearchParams,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = single(params, name);
  if (value === null) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new ParameterError(name, `"${name}" must be one of ${choices.join(", ")}, not "${value}".`);
}

/** The same query's next page, for the `next` field and the Link header; null on the last page. */
export function nextPageUrl(
  path: string,
  query: ApiQuery,
  total: number,
  extra: Record<string, string> = {},
): string | null {
  const offset = query.offset + query.limit;
  if (offset >= total) return null;
  const params = filtersToSearchParams(query.filters);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  if (query.format !== "json") params.set("format", query.format);
  params.set("limit", String(query.limit));
  params.set("offset", String(offset));
  return `${path}?${params.toString()}`;
}
