import "server-only";

import { getDatabase, type Database } from "@/db/client";
import { MAX_FIGURES_IN_VIEW } from "@/db/queries/dashboard";
import {
  countMatchingFigures,
  getEvidence,
  getFigures,
  type EvidenceRow,
  type FigureQuery,
  type FigureRow,
} from "@/db/queries/figures";
import { getRegionTree, getRegionsByCodes, regionPathIn } from "@/db/queries/regions";
import { dateWindow, parseFilters, requestedRegionCodes, todayUtc, type Filters } from "@/lib/filters";
import { figureRecord, parseApiQuery, type ApiQuery, type FigureRecord, type RegionStep } from "@/lib/http";

function figureQuery(filters: Filters, today: string): FigureQuery {
  const window = dateWindow(filters, today);
  return {
    regions: filters.regions,
    metrics: filters.metrics,
    from: window.from,
    to: window.to,
    includeUndated: filters.undated === "include",
  };
}

/**
 * The figures a set of filters shows on the dashboard, in the dashboard's order and with its cut (the newest
 * MAX_FIGURES_IN_VIEW), so that a chart or card embed draws exactly what the dashboard draws.
 */
export async function figuresInView(
  database: Database,
  filters: Filters,
  today = todayUtc(),
  limit = MAX_FIGURES_IN_VIEW,
): Promise<FigureRow[]> {
  return getFigures(database, figureQuery(filters, today), { limit });
}

/** One page of the figures matching the filters, with their sentences and sources, and how many match in all. */
export async function figurePage(
  database: Database,
  filters: Filters,
  page: { offset: number; limit: number },
  today = todayUtc(),
): Promise<{ figures: EvidenceRow[]; total: number }> {
  const query = figureQuery(filters, today);
  const [rows, total] = await Promise.all([
    getFigures(database, query, { limit: page.offset + page.limit }),
    countMatchingFigures(database, query),
  ]);
  const figures = await getEvidence(
    database,
    rows.slice(page.offset).map((row) => row.id),
  );
  return { figures, total };
}

async function regionChecker(
  database: Database,
  params: URLSearchParams,
): Promise<(code: string) => boolean> {
  const known = new Set((await getRegionsByCodes(database, requestedRegionCodes(params))).map((r) => r.code));
  return (code) => known.has(code);
}

/** The API's reading of a query: refuses bad values (ParameterError) rather than dropping them. */
export async function apiQuery(
  params: URLSearchParams,
  extra: readonly string[] = [],
): Promise<{ database: Database; query: ApiQuery }> {
  const database = await getDatabase();
  const query = parseApiQuery(params, { isKnownRegion: await regionChecker(database, params), extra });
  return { database, query };
}

/** An embed's reading of a query: like the dashboard, bad values are dropped so an old link still shows. */
export async function embedFilters(
  params: URLSearchParams,
): Promise<{ database: Database; filters: Filters }> {
  const database = await getDatabase();
  const { filters } = parseFilters(params, { isKnownRegion: await regionChecker(database, params) });
  return { database, filters };
}

export async function figureRecords(
  database: Database,
  figures: readonly EvidenceRow[],
): Promise<FigureRecord[]> {
  const tree = await getRegionTree(database);
  const paths = new Map<string, RegionStep[]>();
  const pathOf = (code: string) => {
    let path = paths.get(code);
    if (!path) paths.set(code, (path = regionPathIn(tree, code)));
    return path;
  };
  return figures.map((f) => figureRecord(f, f.regionCode ? pathOf(f.regionCode) : []));
}
