DROP INDEX `figures_date_idx`;--> statement-breakpoint
DROP INDEX `figures_metric_date_idx`;--> statement-breakpoint
DROP INDEX `figures_region_date_idx`;--> statement-breakpoint
ALTER TABLE `figures` ADD `date` text GENERATED ALWAYS AS (coalesce("reported_date", "period_end")) VIRTUAL;--> statement-breakpoint
CREATE INDEX `figures_date_idx` ON `figures` ("date" desc,`id`,`region_code`,`country_iso3`);--> statement-breakpoint
CREATE INDEX `figures_metric_date_idx` ON `figures` (`metric`,"date" desc,`id`,`region_code`,`country_iso3`);--> statement-breakpoint
CREATE INDEX `figures_region_date_idx` ON `figures` (`region_code`,`metric`,"date" desc,`id`);