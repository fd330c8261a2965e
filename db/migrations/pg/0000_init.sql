CREATE TABLE "documents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"content_hash" text NOT NULL,
	"external_id" text,
	"text" text NOT NULL,
	"title" text,
	"url" text,
	"publisher" text,
	"published_date" date,
	"source_file" text,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "figures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" bigint NOT NULL,
	"metric" text NOT NULL,
	"value" double precision,
	"lower" double precision,
	"upper" double precision,
	"qualifier" text NOT NULL,
	"unit" text NOT NULL,
	"region_code" text,
	"place_mention" text,
	"place_from" text,
	"country_iso3" text,
	"period_start" date,
	"period_end" date,
	"period_precision" text,
	"reported_date" date,
	"kind" text NOT NULL,
	"quote" text NOT NULL,
	"quote_start" integer NOT NULL,
	"quote_end" integer NOT NULL,
	"sentence" text NOT NULL,
	"sentence_start" integer NOT NULL,
	"extractor_version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" integer NOT NULL,
	"parent_code" text,
	"country_iso3" text NOT NULL,
	"aliases" text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_content_hash_uq" ON "documents" USING btree ("content_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "figures_natural_uq" ON "figures" USING btree ("document_id","metric","unit","quote_start","quote_end");--> statement-breakpoint
CREATE INDEX "figures_metric_reported_idx" ON "figures" USING btree ("metric","reported_date");--> statement-breakpoint
CREATE INDEX "figures_region_metric_idx" ON "figures" USING btree ("region_code","metric");--> statement-breakpoint
CREATE INDEX "figures_country_metric_idx" ON "figures" USING btree ("country_iso3","metric");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_country_idx" ON "regions" USING btree ("country_iso3");