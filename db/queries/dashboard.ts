import {
  dateWindow,
  parseFilters,
  requestedRegionCodes,
  todayUtc,
  type DateWindow,
  type FilterNotice,
  type Filters,
  type SearchParamsInput,
} from "@/lib/filters";

import type { Database } from "../dialect";
import {
  countMatchingFigures,
  getFigures,
  getFigureYears,
  type FigureQuery,
  type FigureRow,
} from "./figures";
import { getRegionOptionsDownTo, getRegionsByCodes, type RegionOption, type RegionRow } from "./regions";

/** A view shows at most this many figures (the newest); the page says when there are more. */
export const MAX_FIGURES_IN_VIEW = 5_000;

/**
 * The filter form lists countries, admin1 areas and districts; places below them (sub-districts, towns)
 * are reached through region pages. A database with figures in thousands of towns would otherwise send
 * every one of them as an option with every page.
 */
export const DEEPEST_REGION_OPTION_LEVEL = 2;

/** The region choices for the form: down to districts, plus whatever the view has selected (getRegionOptionsDownTo reads them so). */
export function formRegionOptions(
  options: readonly RegionOption[],
  selected: readonly string[],
): RegionOption[] {
  const keep = new Set(selected);
  return options.filter((o) => o.level <= DEEPEST_REGION_OPTION_LEVEL || keep.has(o.code));
}

export interface DashboardData {
  filters: Filters;
  notices: FilterNotice[];
  window: DateWindow;
  today: string;
  figures: FigureRow[];
  /** All figures matching the filters; more than figures.length when the view was cut at MAX_FIGURES_IN_VIEW. */
  matchingCount: number;
  regionOptions: RegionOption[];
  /** The regions the filters name, with their names. */
  selectedRegions: RegionRow[];
  years: string[];
}

/**
 * Everything a dashboard page shows for a query string: the validated filters with their notices, the
 * figures in view and the choices for the filter form. `scope` pins the view to one region (region pages).
 */
export async function getDashboardData(
  database: Database,
  searchParams: SearchParamsInput,
  options: { scope?: string; today?: string } = {},
): Promise<DashboardData> {
  const today = options.today ?? todayUtc();
  const requested = requestedRegionCodes(searchParams);
  const known = new Set((await getRegionsByCodes(database, requested)).map((r) => r.code));
  const { filters, notices } = parseFilters(searchParams, { isKnownRegion: (code) => known.has(code) });
  const window = dateWindow(filters, today);
  const regions = options.scope ? [options.scope] : filters.regions;

  const query: FigureQuery = {
    regions,
    metrics: filters.metrics,
    from: window.from,
    to: window.to,
    includeUndated: filters.undated === "include",
  };
  const [figures, regionOptions, selectedRegions, years] = await Promise.all([
    getFigures(database, query, { limit: MAX_FIGURES_IN_VIEW }),
    getRegionOptionsDownTo(database, DEEPEST_REGION_OPTION_LEVEL, filters.regions),
    getRegionsByCodes(database, filters.regions),
    getFigureYears(database),
  ]);
  const matchingCount =
    figures.length < MAX_FIGURES_IN_VIEW ? figures.length : await countMatchingFigures(database, query);
  return {
    filters,
    notices,
    window,
    today,
    figures,
    matchingCount,
    regionOptions,
    selectedRegions,
    years,
  };
}
