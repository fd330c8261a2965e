import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { syntheticRecords } from "../../lib/synthetic";
import { openDatabase, rawRows, type Database } from "../client";
import { loadRecords } from "../load";
import { createTestDatabase, type TestDatabase } from "../testing";
import { formRegionOptions } from "./dashboard";
import {
  countMatchingFigures,
  countMatchingFiguresUpTo,
  getEvidence,
  getFigures,
  type FigureQuery,
} from "./figures";
import { getRegionOptions, getRegionOptionsDownTo } from "./regions";

/** The views as one plain query each, the way they were first written: what the faster reads must equal. */
function referenceConditions(query: FigureQuery): SQL {
  const date = sql`coalesce(f.reported_date, f.period_end)`;
  const conditions: SQL[] = [sql`1 = 1`];
  if (query.metrics?.length) {
    conditions.push(
      sql`f.metric in (${sql.join(
        query.metrics.map((m) => sql`${m}`),
        sql`, `,
      )})`,
    );
  }
  if (query.regions?.length) {
    const codes = sql.join(
      query.regions.map((c) => sql`${c}`),
      sql`, `,
    );
    conditions.push(sql`(f.region_code in (
        with recursive sub(code) as (
          select code from regions where code in (${codes})
          union select child.code from regions child join sub on child.parent_code = sub.code
        ) select code from sub)
      or (f.region_code is null and f.country_iso3 in (select country_iso3 from regions where code in (${codes}) and level = 0)))`);
  }
  const window: SQL[] = [];
  if (query.from) window.push(sql`${date} >= ${query.from}`);
  if (query.to) window.push(sql`${date} <= ${query.to}`);
  const includeUndated = query.includeUndated ?? true;
  if (window.length > 0) {
    const dated = sql.join(window, sql` and `);
    conditions.push(includeUndated ? sql`((${dated}) or ${date} is null)` : sql`(${dated})`);
  } else if (!includeUndated) {
    conditions.push(sql`${date} is not null`);
  }
  return sql.join(conditions, sql` and `);
}

async function referenceIds(database: Database, query: FigureQuery, limit: number): Promise<number[]> {
  const date = sql`coalesce(f.reported_date, f.period_end)`;
  const rows = await rawRows<{ id: number | string }>(
    database,
    sql`select f.id from figures f where ${referenceConditions(query)}
      order by ${date} is null, ${date} desc, f.id limit ${limit}`,
  );
  return rows.map((row) => Number(row.id));
}

async function referenceCount(database: Database, query: FigureQuery): Promise<number> {
  const [row] = await rawRows<{ n: number | string }>(
    database,
    sql`select count(*) as n from figures f where ${referenceConditions(query)}`,
  );
  return Number(row?.n);
}

describe.each(["sqlite", "pg"] as const)("figure views on %s", (dialect) => {
  let test: TestDatabase;
  let database: Database;
  let views: FigureQuery[];

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    database = await openDatabase(test.url);
    await loadRecords(database, syntheticRecords({ figures: 4_000, seed: 7 }), { sourceFile: "synthetic" });
    const options = await getRegionOptions(database);
    const busiest = (level: number) =>
      options.filter((o) => o.level === level).sort((a, b) => b.figureCount - a.figureCount)[0]!.code;
    // The newest figure, in a place of the busiest country that a load added with no parent: under no region of
    // the country, so not in its views, though stored with its country.
    const [newest] = syntheticRecords({ figures: 1, seed: 8 }).next().value!.figures;
    const text = "SYNTHETIC: 9 people were killed in Strayville.";
    await loadRecords(database, [
      {
        item: { id: "stray", text },
        figures: [
          {
            ...newest!,
            reported: "2026-12-31",
            period: null,
            quote: "9 people were killed",
            start: 11,
            end: 31,
            sentence: text,
            sentenceStart: 0,
            region: {
              code: "XX-STRAY",
              name: "Strayville",
              mention: "Strayville",
              country: busiest(0),
              level: 4,
              from: "sentence",
            },
          },
        ],
      },
    ]);
    const quietest = (level: number) =>
      options.filter((o) => o.level === level).sort((a, b) => a.figureCount - b.figureCount)[0]!.code;
    // A big country (read in date order), small places (read through the region index), and mixes.
    views = [
      {},
      { includeUndated: false },
      { regions: [busiest(0)] },
      { regions: [quietest(0)] },
      { regions: [busiest(1)] },
      { regions: [busiest(2), quietest(1)] },
      { regions: [busiest(4)] },
      { regions: ["XX99"] },
      { metrics: ["killed"], from: "2024-01-01", to: "2024-12-31" },
      { metrics: ["killed"], from: "2024-01-01", to: "2024-12-31", includeUndated: false },
      { metrics: ["displaced", "returned"], from: "2025-01-01" },
      { regions: [busiest(1)], metrics: ["displaced"], from: "2025-11-02", to: "2026-11-01" },
      { regions: [busiest(0)], to: "2020-12-31", includeUndated: false },
      { regions: [busiest(0)], metrics: ["killed"] },
      { regions: [quietest(0)], metrics: ["displaced", "killed"], includeUndated: false },
      { regions: [busiest(0), quietest(0)], metrics: ["killed"], from: "2024-01-01", to: "2024-12-31" },
    ];
  });

  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it("returns the same figures, in the same order, as one plain query per view", async () => {
    for (const view of views) {
      for (const limit of [1, 150]) {
        const ids = (await getFigures(database, view, { limit })).map((figure) => figure.id);
        expect(ids, JSON.stringify({ view, limit })).toEqual(await referenceIds(database, view, limit));
      }
    }
  });

  it("counts exactly what one plain query counts, from the rollups or not", async () => {
    for (const view of views) {
      expect(await countMatchingFigures(database, view), JSON.stringify(view)).toBe(
        await referenceCount(database, view),
      );
    }
  });

  it("counts up to a bound from the indexes, and exactly from the rollups whatever the bound", async () => {
    const killed = views[8]!;
    const exact = await referenceCount(database, killed);
    expect(exact).toBeGreaterThan(20);
    expect(await countMatchingFiguresUpTo(database, killed, 20)).toEqual({ figures: 20, more: true });
    expect(await countMatchingFiguresUpTo(database, killed, exact)).toEqual({ figures: exact, more: false });
    const everything = await referenceCount(database, {});
    expect(await countMatchingFiguresUpTo(database, {}, 20)).toEqual({ figures: everything, more: false });
  });

  it("gives each figure its own fields, document and region, and the same in its evidence", async () => {
    const light = await getFigures(database, { regions: [views[2]!.regions![0]!] }, { limit: 50 });
    const figures = await getEvidence(
      database,
      light.map((figure) => figure.id),
    );
    const date = sql`coalesce(f.reported_date, f.period_end)`;
    const text = (expression: SQL) => (dialect === "pg" ? sql`${expression}::text` : expression);
    const rows = await rawRows<Record<string, unknown>>(
      database,
      sql`select f.id, f.metric, f.value, f.lower, f.upper, f.qualifier, f.unit, f.kind, f.region_code,
          r.name as region_name, r.level as region_level, f.place_mention, f.country_iso3,
          ${text(sql`f.period_start`)} as period_start, ${text(sql`f.period_end`)} as period_end,
          f.period_precision, ${text(sql`f.reported_date`)} as reported_date, ${text(date)} as date, f.quote,
          f.quote_start - f.sentence_start as quote_from, f.quote_end - f.sentence_start as quote_to, f.sentence,
          d.id as document_id, d.external_id, d.title, d.url, d.publisher, d.published_date, d.source_file
        from figures f join documents d on d.id = f.document_id left join regions r on r.code = f.region_code
        where f.id in (${sql.join(
          figures.map((figure) => sql`${figure.id}`),
          sql`, `,
        )})`,
    );
    const expected = new Map(
      rows.map((row) => [
        Number(row.id),
        {
          id: Number(row.id),
          metric: row.metric,
          value: row.value,
          lower: row.lower,
          upper: row.upper,
          qualifier: row.qualifier,
          unit: row.unit,
          kind: row.kind,
          regionCode: row.region_code,
          regionName: row.region_name,
          regionLevel: row.region_level === null ? null : Number(row.region_level),
          placeMention: row.place_mention,
          countryIso3: row.country_iso3,
          periodStart: row.period_start,
          periodEnd: row.period_end,
          periodPrecision: row.period_precision,
          reportedDate: row.reported_date,
          date: row.date,
          quote: row.quote,
          quoteInSentence: { start: Number(row.quote_from), end: Number(row.quote_to) },
          sentence: row.sentence,
          source: {
            documentId: Number(row.document_id),
            externalId: row.external_id,
            title: row.title,
            url: row.url,
            publisher: row.publisher,
            publishedDate: row.published_date,
            sourceFile: row.source_file,
          },
        },
      ]),
    );
    expect(figures).toHaveLength(50);
    for (const figure of figures) expect(figure).toEqual(expected.get(figure.id));
    for (const [i, figure] of light.entries()) expect(figures[i]).toMatchObject(figure);
  });

  it("sums each region's figures with the regions below it, as the recursive walk did", async () => {
    const walked = await rawRows<{ code: string; n: number | string }>(
      database,
      sql`with recursive placed(code, n) as (
          select region_code, figures from region_counts where figures > 0
          union all
          select r.parent_code, placed.n from regions r join placed on r.code = placed.code
          where r.parent_code is not null
        ) select placed.code, sum(n) as n from placed join regions r on r.code = placed.code group by placed.code`,
    );
    const options = await getRegionOptions(database);
    expect(new Map(options.map((o) => [o.code, o.figureCount]))).toEqual(
      new Map(walked.map((row) => [row.code, Number(row.n)])),
    );
    const selected = [options.find((o) => o.level === 4)!.code];
    expect(await getRegionOptionsDownTo(database, 2, selected)).toEqual(formRegionOptions(options, selected));
  });
});
