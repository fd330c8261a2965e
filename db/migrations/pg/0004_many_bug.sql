DROP INDEX "figures_date_idx";--> statement-breakpoint
DROP INDEX "figures_metric_date_idx";--> statement-breakpoint
CREATE INDEX "figures_date_idx" ON "figures" USING btree ((coalesce("reported_date", "period_end") is null),coalesce("reported_date", "period_end") desc,"region_code","country_iso3");--> statement-breakpoint
CREATE INDEX "figures_metric_date_idx" ON "figures" USING btree ("metric",(coalesce("reported_date", "period_end") is null),coalesce("reported_date", "period_end") desc,"region_code","country_iso3");