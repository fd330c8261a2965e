-- Hand-corrected: drizzle-kit 0.31 splits SQLite index expressions at commas.
DROP INDEX `figures_date_idx`;--> statement-breakpoint
DROP INDEX `figures_metric_date_idx`;--> statement-breakpoint
CREATE INDEX `figures_date_idx` ON `figures` ((coalesce("reported_date", "period_end") is null),coalesce("reported_date", "period_end") desc,`region_code`,`country_iso3`);--> statement-breakpoint
CREATE INDEX `figures_metric_date_idx` ON `figures` (`metric`,(coalesce("reported_date", "period_end") is null),coalesce("reported_date", "period_end") desc,`region_code`,`country_iso3`);