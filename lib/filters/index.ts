import { METRICS, type Metric } from "@/lib/extract/types";

/** Named periods; a four-digit year and a custom from/to are also accepted. */
export const PERIOD_PRESETS = ["all", "30d", "12m"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export type Period = PeriodPreset | "custom" | `${number}`;

export const UNDATED_CHOICES = ["include", "exclude"] as const;
export type UndatedChoice = (typeof UNDATED_CHOICES)[number];

export const FILTER_PARAMS = ["region", "metric", "period", "from", "to", "undated"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

export const MAX_REGIONS = 20;

export interface Filters {
  regions: string[];
  metrics: Metric[];
  period: Period;
  /** YYYY-MM-DD, only when period is "custom" */
  from: string | null;
  /** YYYY-MM-DD, only when period is "custom" */
  to: string | null;
  undated: UndatedChoice;
}

export interface FilterNotice {
  param: FilterParam;
  value: string;
  message: string;
}

export interface ParsedFilters {
  filters: Filters;
  notices: FilterNotice[];
}

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export interface ParseOptions {
  /** The server knows which regions exist; the client checks the code's shape only. */
  isKnownRegion?: (code: string) => boolean;
}

export const DEFAULT_FILTERS: Filters = {
  regions: [],
  metrics: [],
  period: "all",
  from: null,
  to: null,
  undated: "include",
};

const REGION_CODE = /^[A-Z]{2,3}(?:[-]?[A-Z0-9]{1,10})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^(19|20)\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function isMetric(value: string): value is Metric {
  return (METRICS as readonly string[]).includes(value);
}

function isPreset(value: string): value is PeriodPreset {
  return (PERIOD_PRESETS as readonly string[]).includes(value);
}

function isYear(value: string): value is `${number}` {
  return YEAR.test(value);
}

function isUndatedChoice(value: string): value is UndatedChoice {
  return (UNDATED_CHOICES as readonly string[]).includes(value);
}

function valuesOf(input: SearchParamsInput, name: FilterParam): string[] {
  const raw = input instanceof URLSearchParams ? input.getAll(name) : input[name];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.map((v) => v.trim()).filter((v) => v !== "");
}

/**
 * Reads the dashboard's filters from a URL's query. Every invalid value is dropped and named in a notice,
 * so a hand-edited or stale link still opens a page.
 */
export function parseFilters(input: SearchParamsInput, options: ParseOptions = {}): ParsedFilters {
  const notices: FilterNotice[] = [];
  const notice = (param: FilterParam, value: string, message: string) =>
    notices.push({ param, value, message });

  const regions: string[] = [];
  for (const value of valuesOf(input, "region")) {
    const code = value.toUpperCase();
    if (!REGION_CODE.test(code)) notice("region", value, `"${value}" is not a region code.`);
    else if (options.isKnownRegion && !options.isKnownRegion(code))
      notice("region", value, `No region has the code "${value}".`);
    else if (regions.length >= MAX_REGIONS)
      notice("region", value, `At most ${MAX_REGIONS} regions can be chosen at once.`);
    else if (!regions.includes(code)) regions.push(code);
  }

  const metrics: Metric[] = [];
  for (const value of valuesOf(input, "metric")) {
    const metric = value.toLowerCase();
    if (!isMetric(metric)) notice("metric", value, `"${value}" is not a metric (${METRICS.join(", ")}).`);
    else if (!metrics.includes(metric)) metrics.push(metric);
  }

  let undated: UndatedChoice = DEFAULT_FILTERS.undated;
  const [undatedValue] = valuesOf(input, "undated").slice(-1);
  if (undatedValue !== undefined) {
    if (isUndatedChoice(undatedValue)) undated = undatedValue;
    else notice("undated", undatedValue, `"undated" must be "include" or "exclude", not "${undatedValue}".`);
  }

  const date = (param: "from" | "to"): string | null => {
    const [value] = valuesOf(input, param).slice(-1);
    if (value === undefined) return null;
    if (isIsoDate(value)) return value;
    notice(param, value, `"${value}" is not a date in the form YYYY-MM-DD.`);
    return null;
  };
  let from = date("from");
  let to = date("to");
  if (from && to && from > to) {
    notice("from", from, `The period starts (${from}) after it ends (${to}); the dates were ignored.`);
    from = null;
    to = null;
  }

  let period: Period = from || to ? "custom" : DEFAULT_FILTERS.period;
  const [periodValue] = valuesOf(input, "period").slice(-1);
  if (periodValue !== undefined) {
    // "all" is the form's default, so dates typed next to it still make a custom period.
    if (periodValue === "all" || periodValue === "custom") period = from || to ? "custom" : "all";
    else if (isPreset(periodValue) || isYear(periodValue)) period = periodValue;
    else
      notice("period", periodValue, `"${periodValue}" is not a period (all, 30d, 12m, a year, or custom).`);
  }
  if (period !== "custom") {
    from = null;
    to = null;
  }

  return { filters: { regions, metrics, period, from, to, undated }, notices };
}

/** The canonical query for a set of filters; defaults are left out so links stay short. */
export function filtersToSearchParams(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const region of filters.regions) params.append("region", region);
  for (const metric of filters.metrics) params.append("metric", metric);
  if (filters.period === "custom") {
    if (filters.from) params.set("from", filters.from);
    if (filters.to) params.set("to", filters.to);
  } else if (filters.period !== DEFAULT_FILTERS.period) {
    params.set("period", filters.period);
  }
  if (filters.undated !== DEFAULT_FILTERS.undated) params.set("undated", filters.undated);
  return params;
}

export function filtersToQueryString(filters: Filters): string {
  const query = filtersToSearchParams(filters).toString();
  return query ? `?${query}` : "";
}

export interface DateWindow {
  /** YYYY-MM-DD inclusive, or null for no lower bound */
  from: string | null;
  /** YYYY-MM-DD inclusive, or null for no upper bound */
  to: string | null;
}

function shiftDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function shiftMonths(iso: string, months: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

/** The inclusive date window a period stands for; `today` is passed in so server and client agree. */
export function dateWindow(filters: Filters, today: string): DateWindow {
  switch (filters.period) {
    case "all":
      return { from: null, to: null };
    case "custom":
      return { from: filters.from, to: filters.to };
    case "30d":
      return { from: shiftDays(today, -29), to: today };
    case "12m":
      return { from: shiftDays(shiftMonths(today, -12), 1), to: today };
    default:
      return { from: `${filters.period}-01-01`, to: `${filters.period}-12-31` };
  }
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function hasActiveFilters(filters: Filters): boolean {
  return filtersToSearchParams(filters).toString() !== "";
}

/** The region codes a query asks for, upper-cased, so the server can look them up before parsing. */
export function requestedRegionCodes(input: SearchParamsInput): string[] {
  return [...new Set(valuesOf(input, "region").map((v) => v.toUpperCase()))].slice(0, MAX_REGIONS * 2);
}
