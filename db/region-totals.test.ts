import { readFileSync } from "node:fs";

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { syntheticRecords } from "../lib/synthetic";
import { rawRows, type Database } from "./client";
import { loadRecords } from "./load";
import { getRegionOptions } from "./queries/regions";
import { GAZETTEER_HASH_KEY, syncRegions } from "./regions";
import { useMigratedDatabase } from "./test-hooks";
import { rollupAndRaw } from "./testing";

describe.each(["sqlite", "pg"] as const)("region_totals on %s", (dialect) => {
  let database: Database;
  useMigratedDatabase(dialect, (opened) => (database = opened));

  it("is counted again when a new gazetteer moves regions", async () => {
    await loadRecords(database, syntheticRecords({ figures: 2_000, seed: 3 }), { sourceFile: "synthetic" });
    expect((await rollupAndRaw(database)).rollup).toEqual((await rollupAndRaw(database)).raw);

    // As an older gazetteer left it: one province under another country, totals to match, another hash.
    await rawRows(database, sql`update regions set parent_code = 'TUR' where code = 'SY02' returning code`);
    await rawRows(database, sql`update region_totals set figures = figures + 1000 returning region_code`);
    await rawRows(
      database,
      sql`update meta set value = 'older' where key = ${GAZETTEER_HASH_KEY} returning key`,
    );

    expect(await syncRegions(database)).not.toEqual({ upserted: 0 });
    const [moved] = await rawRows<{ parent_code: string }>(
      database,
      sql`select parent_code from regions where code = 'SY02'`,
    );
    expect(moved?.parent_code).toBe("SYR");
    const { rollup, raw } = await rollupAndRaw(database);
    expect(rollup.length).toBeGreaterThan(100);
    expect(rollup).toEqual(raw);
  });

  it("gives the figures of a region a new gazetteer puts in another country that country", async () => {
    await loadRecords(database, syntheticRecords({ figures: 2_000, seed: 3 }), { sourceFile: "synthetic" });
    const [placed] = await rawRows<{ code: string }>(
      database,
      sql`select region_code as code from figures where country_iso3 = 'SYR' and region_code <> 'SYR' limit 1`,
    );
    const code = placed!.code;
    const countriesOf = async () =>
      (
        await rawRows<{ country: string }>(
          database,
          sql`select distinct country_iso3 as country from figures where region_code = ${code}`,
        )
      ).map((row) => row.country);
    expect(await countriesOf()).toEqual(["SYR"]);

    // As an older gazetteer and the loads after it left them: the place and its figures in another country.
    await rawRows(database, sql`update regions set country_iso3 = 'TUR' where code = ${code} returning code`);
    await rawRows(
      database,
      sql`update figures set country_iso3 = 'TUR' where region_code = ${code} returning id`,
    );
    await rawRows(
      database,
      sql`update meta set value = 'older' where key = ${GAZETTEER_HASH_KEY} returning key`,
    );

    await syncRegions(database);
    expect(await countriesOf()).toEqual(["SYR"]);
    expect(await figuresOutsideTheirRegionsCountry(database)).toBe(0);
  });

  it("gives stored figures their region's country in migration 0007", async () => {
    await loadRecords(database, syntheticRecords({ figures: 1_000, seed: 6 }), { sourceFile: "synthetic" });
    // As a loader before the check could have stored them.
    await rawRows(
      database,
      sql`update figures set country_iso3 = 'TUR' where country_iso3 = 'SYR' and region_code is not null returning id`,
    );
    expect(await figuresOutsideTheirRegionsCountry(database)).toBeGreaterThan(0);
    const migration = readFileSync(
      new URL(`./migrations/${dialect}/0007_figure_countries.sql`, import.meta.url),
      "utf8",
    );
    await rawRows(database, sql.raw(`${migration.trim().replace(/;$/, "")} returning id`));
    expect(await figuresOutsideTheirRegionsCountry(database)).toBe(0);
  });

  it("shows a place the gazetteer lacks among the region choices once a load adds it", async () => {
    await loadRecords(database, syntheticRecords({ figures: 500, seed: 4 }), { sourceFile: "synthetic" });
    expect((await getRegionOptions(database)).map((o) => o.code)).not.toContain("XX-TEST");

    const item = { id: "new-place", text: "7 people were killed in Testland." };
    const quote = "7 people were killed";
    const [figure] = syntheticRecords({ figures: 1, seed: 5 }).next().value!.figures;
    await loadRecords(
      database,
      [
        {
          item,
          figures: [
            {
              ...figure!,
              quote,
              start: 0,
              end: quote.length,
              sentence: item.text,
              sentenceStart: 0,
              region: {
                code: "XX-TEST",
                name: "Testland",
                mention: "Testland",
                country: "XXX",
                level: 0,
                from: "sentence",
              },
            },
          ],
        },
      ],
      { sourceFile: "test" },
    );
    const added = (await getRegionOptions(database)).find((o) => o.code === "XX-TEST");
    expect(added).toMatchObject({ name: "Testland", figureCount: 1 });
  });
});

/** Figures whose country is not the country the regions table puts their region in. */
async function figuresOutsideTheirRegionsCountry(database: Database): Promise<number> {
  const [row] = await rawRows<{ n: number | string }>(
    database,
    sql`select count(*) as n from figures f join regions r on r.code = f.region_code
      where f.country_iso3 <> r.country_iso3`,
  );
  return Number(row?.n);
}
