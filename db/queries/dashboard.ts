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

import { competitorsIn } from "@/lib/series";

import type { Database } from "../dialect";
import {
  countMatchingFiguresUpTo,
  getEvidence,
  getFigures,
  getFigureYears,
  type EvidenceRow,
  type FigureQuery,
  type FigureRow,
} from "./figures";
import { getRegionOptionsDownTo, getRegionsByCodes, type RegionOption, type RegionRow } from "./regions";

/** A view shows at most this many figures (the newest); the page says when there are more (ADR 0006). */
export const MAX_FIGURES_IN_VIEW = 2_000;

/** The newest figures of a view are listed with their sentences; cards and charts use them all. */
export const EVIDENCE_ROWS = 200;

/**
 * A view's count reads the indexes until this many figures are found, then says "10,000+": an exact count of
 * hundreds of thousands took up to 400 ms at 10M on PostgreSQL (counts from rollups are exact whatever the size).
 */
export const MATCHING_COUNT_UP_TO = 10_000;

/** Other sources' numbers named beside each listed figure; the list says how many more there are. */
export const COMPETING_PER_ROW = 5;

/** A listed figure with its sentence and source, and the different numbers other sources give for it. */
export interface EvidenceEntry {
  figure: EvidenceRow;
  competing: EvidenceRow[];
  moreCompeting: number;
}

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
  /** The newest EVIDENCE_ROWS figures, with their sentences and sources. */
  evidence: EvidenceEntry[];
  /** All figures matching the filters; more than figures.length when the view was cut at MAX_FIGURES_IN_VIEW. */
  matchingCount: number;
  /** More than matchingCount match: counting stopped at MATCHING_COUNT_UP_TO. */
  matchingCountIsLowerBound: boolean;
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
  // The count is needed only when the view is cut at MAX_FIGURES_IN_VIEW. PostgreSQL runs it on a connection
  // of its own beside the figures, so there it starts at once; SQLite runs one query at a time, so it waits.
  const countAtOnce =
    database.dialect === "pg" ? countMatchingFiguresUpTo(database, query, MATCHING_COUNT_UP_TO) : undefined;
  countAtOnce?.catch(() => undefined); // awaited below only when needed; a failure then is reported there
  const [figures, regionOptions, selectedRegions, years] = await Promise.all([
    getFigures(database, query, { limit: MAX_FIGURES_IN_VIEW }),
    getRegionOptionsDownTo(database, DEEPEST_REGION_OPTION_LEVEL, filters.regions),
    getRegionsByCodes(database, filters.regions),
    getFigureYears(database),
  ]);
  const [evidence, matching] = await Promise.all([
    evidenceOfView(database, figures),
    figures.length < MAX_FIGURES_IN_VIEW
      ? { figures: figures.length, more: false }
      : (countAtOnce ?? countMatchingFiguresUpTo(database, query, MATCHING_COUNT_UP_TO)),
  ]);
  return {
    filters,
    notices,
    window,
    today,
    figures,
    evidence,
    matchingCount: matching.figures,
    matchingCountIsLowerBound: matching.more,
    regionOptions,
    selectedRegions,
    years,
  };
}

/** Evidence per view's figures: a view seen again gets the same figures array (cached), so the same evidence. */
const evidenceByFigures = new WeakMap<readonly FigureRow[], Promise<EvidenceEntry[]>>();

function evidenceOfView(database: Database, figures: readonly FigureRow[]): Promise<EvidenceEntry[]> {
  let evidence = evidenceByFigures.get(figures);
  if (!evidence) {
    evidence = evidenceOf(database, figures);
    evidenceByFigures.set(figures, evidence);
    evidence.catch(() => evidenceByFigures.delete(figures));
  }
  return evidence;
}

/** The listed figures' evidence, and that of the figures competing with them, read in one go. */
async function evidenceOf(database: Database, figures: readonly FigureRow[]): Promise<EvidenceEntry[]> {
  const competitors = competitorsIn(figures);
  const listed = figures
    .slice(0, EVIDENCE_ROWS)
    .map((figure) => ({ figure, competing: competitors(figure) }));
  const ids = new Set<number>();
  for (const { figure, competing } of listed) {
    ids.add(figure.id);
    for (const other of competing.slice(0, COMPETING_PER_ROW)) ids.add(other.id);
  }
  const rows = new Map((await getEvidence(database, [...ids])).map((row) => [row.id, row]));
  return listed.flatMap(({ figure, competing }) => {
    const row = rows.get(figure.id);
    if (!row) return [];
    return [
      {
        figure: row,
        competing: competing.slice(0, COMPETING_PER_ROW).flatMap((other) => rows.get(other.id) ?? []),
        moreCompeting: Math.max(0, competing.length - COMPETING_PER_ROW),
      },
    ];
  });
}
