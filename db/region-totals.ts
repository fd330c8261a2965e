import type { Dialect } from "./dialect";

// region_totals holds, for each region, the figures placed in it or anywhere below it (region_counts holds only
// those placed in it). Both are kept by the loader in the load's own transaction; the walk up the regions
// table is done here, in SQL, so each writer only hands over what it added to region_counts.

/** Every region a count goes to: the region itself and each region above it, with the region's level. */
const UP_THE_TREE = `up(code, figures) AS (
    SELECT code, figures FROM added
    UNION ALL
    SELECT r.parent_code, up.figures FROM up JOIN regions r ON r.code = up.code WHERE r.parent_code IS NOT NULL
  )`;

const ADD_FROM_UP = `INSERT INTO region_totals (region_code, level, figures)
  SELECT up.code, r.level, sum(up.figures) FROM up JOIN regions r ON r.code = up.code WHERE true GROUP BY up.code, r.level
  ON CONFLICT (region_code) DO UPDATE SET figures = region_totals.figures + excluded.figures`;

/**
 * Adds new figures per region to region_totals, for the region and every region above it. Parameters:
 * SQLite, one JSON text of [code, figures] pairs; PostgreSQL, the codes and the figures as two arrays.
 */
export const ADD_REGION_TOTALS: Record<Dialect, string> = {
  sqlite: `WITH RECURSIVE added(code, figures) AS (
    SELECT value ->> 0, value ->> 1 FROM json_each(?)
  ), ${UP_THE_TREE}
  ${ADD_FROM_UP}`,
  pg: `WITH RECURSIVE added(code, figures) AS (
    SELECT * FROM unnest($1::text[], $2::int4[])
  ), ${UP_THE_TREE}
  ${ADD_FROM_UP}`,
};

/**
 * region_totals made again from region_counts, for when the tree changes (a new gazetteer can move regions).
 * Two statements, no parameters.
 */
export const REBUILD_REGION_TOTALS = `DELETE FROM region_totals;
WITH RECURSIVE added(code, figures) AS (
  SELECT region_code, figures FROM region_counts WHERE figures > 0
), ${UP_THE_TREE}
${ADD_FROM_UP};`;
