CREATE TABLE "figure_counts" (
	"region_code" text NOT NULL,
	"metric" text NOT NULL,
	"year" text NOT NULL,
	"figures" integer NOT NULL,
	CONSTRAINT "figure_counts_region_code_metric_year_pk" PRIMARY KEY("region_code","metric","year")
);
--> statement-breakpoint
DROP INDEX "figures_metric_reported_idx";--> statement-breakpoint
DROP INDEX "figures_region_metric_idx";--> statement-breakpoint
DROP INDEX "figures_country_metric_idx";--> statement-breakpoint
CREATE INDEX "figures_date_idx" ON "figures" USING btree ((coalesce("reported_date", "period_end") is null),coalesce("reported_date", "period_end") desc);--> statement-breakpoint
CREATE INDEX "figures_metric_date_idx" ON "figures" USING btree ("metric",(coalesce("reported_date", "period_end") is null),coalesce("reported_date", "period_end") desc);--> statement-breakpoint
CREATE INDEX "figures_region_date_idx" ON "figures" USING btree ("region_code",(coalesce("reported_date", "period_end") is null),coalesce("reported_date", "period_end") desc);--> statement-breakpoint
CREATE INDEX "figures_country_unplaced_idx" ON "figures" USING btree ("country_iso3") WHERE "region_code" is null;--> statement-breakpoint
-- Hand-written: figure_counts starts from the figures already stored.
INSERT INTO "figure_counts" ("region_code", "metric", "year", "figures")
SELECT coalesce("region_code", ''), "metric", coalesce(to_char(coalesce("reported_date", "period_end"), 'YYYY'), ''), count(*)
FROM "figures" GROUP BY 1, 2, 3;
