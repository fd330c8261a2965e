import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

// Keep in step with ./sqlite.ts: db/schema/drift.test.ts fails when the two disagree.

export const documents = pgTable(
  "documents",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    contentHash: text("content_hash").notNull(),
    externalId: text("external_id"),
    text: text("text").notNull(),
    title: text("title"),
    url: text("url"),
    publisher: text("publisher"),
    publishedDate: date("published_date", { mode: "string" }),
    sourceFile: text("source_file"),
    loadedAt: timestamp("loaded_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("documents_content_hash_uq").on(t.contentHash)],
);

export const regions = pgTable(
  "regions",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    level: integer("level").notNull(),
    parentCode: text("parent_code"),
    countryIso3: text("country_iso3").notNull(),
    /** JSON array of alternative spellings. */
    aliases: text("aliases").notNull().default("[]"),
  },
  (t) => [index("regions_parent_idx").on(t.parentCode), index("regions_country_idx").on(t.countryIso3)],
);

/** The date a figure stands for: reported, else the end of its period; null when undated. */
const figureDate = sql`coalesce("reported_date", "period_end")`;

export const figures = pgTable(
  "figures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    documentId: bigint("document_id", { mode: "number" })
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    metric: text("metric").notNull(),
    value: doublePrecision("value"),
    lower: doublePrecision("lower"),
    upper: doublePrecision("upper"),
    qualifier: text("qualifier").notNull(),
    unit: text("unit").notNull(),
    regionCode: text("region_code").references(() => regions.code),
    placeMention: text("place_mention"),
    placeFrom: text("place_from"),
    countryIso3: text("country_iso3"),
    periodStart: date("period_start", { mode: "string" }),
    periodEnd: date("period_end", { mode: "string" }),
    periodPrecision: text("period_precision"),
    reportedDate: date("reported_date", { mode: "string" }),
    kind: text("kind").notNull(),
    quote: text("quote").notNull(),
    quoteStart: integer("quote_start").notNull(),
    quoteEnd: integer("quote_end").notNull(),
    sentence: text("sentence").notNull(),
    sentenceStart: integer("sentence_start").notNull(),
    extractorVersion: text("extractor_version").notNull(),
    // Stored so that indexes hold it as a column: PostgreSQL counts from an index alone only then.
    date: date("date", { mode: "string" }).generatedAlwaysAs(figureDate),
  },
  (t) => [
    uniqueIndex("figures_natural_uq").on(t.documentId, t.metric, t.unit, t.quoteStart, t.quoteEnd),
    // The dashboard's order, newest first with undated last, then by id (db/queries/figures.ts): a view reads
    // the first rows of an index instead of sorting every match. The place columns after the id let a region
    // filter be checked in the index, without reading each row.
    index("figures_date_idx").on(t.date.desc().nullsLast(), t.id, t.regionCode, t.countryIso3),
    index("figures_metric_date_idx").on(
      t.metric,
      t.date.desc().nullsLast(),
      t.id,
      t.regionCode,
      t.countryIso3,
    ),
    index("figures_region_date_idx").on(t.regionCode, t.metric, t.date.desc().nullsLast(), t.id),
    index("figures_country_unplaced_idx")
      .on(t.countryIso3)
      .where(sql`"region_code" is null`),
  ],
);

/**
 * Figures placed in each region (not counting the regions below it), kept by the loader in the load's own
 * transaction, so the region choices are read without aggregating every figure.
 */
export const regionCounts = pgTable("region_counts", {
  regionCode: text("region_code").primaryKey(),
  figures: integer("figures").notNull(),
});

/**
 * Figures placed in each region or any region below it, with the region's level, kept with region_counts
 * (db/region-totals.ts): the region choices read the few levels they list instead of summing every place.
 */
export const regionTotals = pgTable(
  "region_totals",
  {
    regionCode: text("region_code").primaryKey(),
    level: integer("level").notNull(),
    figures: integer("figures").notNull(),
  },
  (t) => [index("region_totals_level_idx").on(t.level)],
);

/** Dated figures per year (of reported date, else end of period), kept by the loader like region_counts. */
export const yearCounts = pgTable("year_counts", {
  year: text("year").primaryKey(),
  figures: integer("figures").notNull(),
});

/** Small key/value facts about the database itself, such as which gazetteer the regions table holds. */
export const meta = pgTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
