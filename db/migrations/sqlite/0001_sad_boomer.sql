CREATE TABLE `figure_counts` (
	`region_code` text NOT NULL,
	`metric` text NOT NULL,
	`year` text NOT NULL,
	`figures` integer NOT NULL,
	PRIMARY KEY(`region_code`, `metric`, `year`)
);
--> statement-breakpoint
DROP INDEX `figures_metric_reported_idx`;--> statement-breakpoint
DROP INDEX `figures_region_metric_idx`;--> statement-breakpoint
DROP INDEX `figures_country_metric_idx`;--> statement-breakpoint
CREATE INDEX `figures_date_idx` ON `figures` ((coalesce("reported_date", "period_end") is null),coalesce("reported_date", "period_end") desc);--> statement-breakpoint
CREATE INDEX `figures_metric_date_idx` ON `figures` (`metric`,(coalesce("reported_date", "period_end") is null),coalesce("reported_date", "period_end") desc);--> statement-breakpoint
CREATE INDEX `figures_region_date_idx` ON `figures` (`region_code`,(coalesce("reported_date", "period_end") is null),coalesce("reported_date", "period_end") desc);--> statement-breakpoint
CREATE INDEX `figures_country_unplaced_idx` ON `figures` (`country_iso3`) WHERE "region_code" is null;--> statement-breakpoint
-- Hand-written: drizzle-kit 0.31 splits SQLite index expressions at commas, and figure_counts starts from the figures already stored.
INSERT INTO `figure_counts` (`region_code`, `metric`, `year`, `figures`)
SELECT coalesce(`region_code`, ''), `metric`, coalesce(substr(coalesce(`reported_date`, `period_end`), 1, 4), ''), count(*)
FROM `figures` GROUP BY 1, 2, 3;
