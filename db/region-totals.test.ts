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
