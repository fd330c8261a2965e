CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`content_hash` text NOT NULL,
	`external_id` text,
	`text` text NOT NULL,
	`title` text,
	`url` text,
	`publisher` text,
	`published_date` text,
	`source_file` text,
	`loaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_content_hash_uq` ON `documents` (`content_hash`);--> statement-breakpoint
CREATE TABLE `figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`metric` text NOT NULL,
	`value` real,
	`lower` real,
	`upper` real,
	`qualifier` text NOT NULL,
	`unit` text NOT NULL,
	`region_code` text,
	`place_mention` text,
	`place_from` text,
	`country_iso3` text,
	`period_start` text,
	`period_end` text,
	`period_precision` text,
	`reported_date` text,
	`kind` text NOT NULL,
	`quote` text NOT NULL,
	`quote_start` integer NOT NULL,
	`quote_end` integer NOT NULL,
	`sentence` text NOT NULL,
	`sentence_start` integer NOT NULL,
	`extractor_version` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `figures_natural_uq` ON `figures` (`document_id`,`metric`,`unit`,`quote_start`,`quote_end`);--> statement-breakpoint
CREATE INDEX `figures_metric_reported_idx` ON `figures` (`metric`,`reported_date`);--> statement-breakpoint
CREATE INDEX `figures_region_metric_idx` ON `figures` (`region_code`,`metric`);--> statement-breakpoint
CREATE INDEX `figures_country_metric_idx` ON `figures` (`country_iso3`,`metric`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` integer NOT NULL,
	`parent_code` text,
	`country_iso3` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `regions_parent_idx` ON `regions` (`parent_code`);--> statement-breakpoint
CREATE INDEX `regions_country_idx` ON `regions` (`country_iso3`);