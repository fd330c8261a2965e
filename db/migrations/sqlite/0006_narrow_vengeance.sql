CREATE TABLE `region_totals` (
	`region_code` text PRIMARY KEY NOT NULL,
	`level` integer NOT NULL,
	`figures` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `region_totals_level_idx` ON `region_totals` (`level`);--> statement-breakpoint
-- Hand-written: the totals start from the counts already kept (the same walk as db/region-totals.ts).
WITH RECURSIVE added(code, figures) AS (
  SELECT region_code, figures FROM region_counts WHERE figures > 0
), up(code, figures) AS (
  SELECT code, figures FROM added
  UNION ALL
  SELECT r.parent_code, up.figures FROM up JOIN regions r ON r.code = up.code WHERE r.parent_code IS NOT NULL
)
INSERT INTO region_totals (region_code, level, figures)
SELECT up.code, r.level, sum(up.figures) FROM up JOIN regions r ON r.code = up.code WHERE true GROUP BY up.code, r.level;
