CREATE TABLE `region_counts` (
	`region_code` text PRIMARY KEY NOT NULL,
	`figures` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `year_counts` (
	`year` text PRIMARY KEY NOT NULL,
	`figures` integer NOT NULL
);--> statement-breakpoint
-- Hand-written: the counts start from the figures already stored.
INSERT INTO `region_counts` (`region_code`, `figures`)
SELECT `region_code`, count(*) FROM `figures` WHERE `region_code` IS NOT NULL GROUP BY `region_code`;--> statement-breakpoint
INSERT INTO `year_counts` (`year`, `figures`)
SELECT substr(coalesce(`reported_date`, `period_end`), 1, 4), count(*) FROM `figures`
WHERE coalesce(`reported_date`, `period_end`) IS NOT NULL GROUP BY 1;
