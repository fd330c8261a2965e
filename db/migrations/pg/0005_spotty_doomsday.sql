DROP INDEX "figures_date_idx";--> statement-breakpoint
DROP INDEX "figures_metric_date_idx";--> statement-breakpoint
DROP INDEX "figures_region_date_idx";--> statement-breakpoint
ALTER TABLE "figures" ADD COLUMN "date" date GENERATED ALWAYS AS (coalesce("reported_date", "period_end")) STORED;--> statement-breakpoint
CREATE INDEX "figures_date_idx" ON "figures" USING btree ("date" DESC NULLS LAST,"id","region_code","country_iso3");--> statement-breakpoint
CREATE INDEX "figures_metric_date_idx" ON "figures" USING btree ("metric","date" DESC NULLS LAST,"id","region_code","country_iso3");--> statement-breakpoint
CREATE INDEX "figures_region_date_idx" ON "figures" USING btree ("region_code","metric","date" DESC NULLS LAST,"id");