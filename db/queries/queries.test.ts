import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fixtureRecords } from "../../e2e/fixtures/dataset";
import { openDatabase, type Database } from "../client";
import { loadRecords } from "../load";
import { createTestDatabase, type TestDatabase } from "../testing";
import { getDashboardData } from "./dashboard";
import { countDocuments, countFigures } from "./documents";
import { countMatchingFigures, getEvidence, getFigures, getFigureYears, type FigureRow } from "./figures";
import { getRegionBreakdown, getRegionOptions, getRegionPath } from "./regions";

describe.each(["sqlite", "pg"] as const)("dashboard queries on %s", (dialect) => {
  let test: TestDatabase;
  let database: Database;

  const quotes = async (rows: readonly FigureRow[]) =>
    (
      await getEvidence(
        database,
        rows.map((r) => r.id),
      )
    ).map((r) => r.quote);

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    database = await openDatabase(test.url);
    await loadRecords(database, fixtureRecords(), { sourceFile: "fixture" });
  });

  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it("counts documents and figures", async () => {
    expect(await countDocuments(database)).toBe(8);
    expect(await countFigures(database)).toBe(8);
  });

  it("returns every figure, newest first and undated last, and its evidence by id", async () => {
    const rows = await getFigures(database);
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r.date)).toEqual([
      "2020-02-01",
      "2019-08-01",
      "2019-06-20",
      "2019-06-20",
      "2019-06-15",
      "2019-05-10",
      "2019-04-01",
      null,
    ]);
    expect(rows[0]).not.toHaveProperty("sentence");
    const evidence = await getEvidence(database, rows.map((r) => r.id).reverse());
    expect(evidence.map((r) => r.id)).toEqual(rows.map((r) => r.id).reverse());
    const first = evidence.at(-1)!;
    expect(first).toMatchObject({
      ...rows[0],
      metric: "displaced",
      qualifier: "vague",
      lower: 20000,
      upper: 99999,
      regionCode: "SY0702",
      placeMention: "Maarat al-Numan",
      source: {
        documentId: rows[0]!.source.documentId,
        title: "Fixture report fx-7",
        publisher: "Keyfigures test fixtures",
        publishedDate: "2020-02-01",
      },
    });
    expect(first.sentence.slice(first.quoteInSentence.start, first.quoteInSentence.end)).toBe(first.quote);
  });

  it("matches a region and every place below it", async () => {
    const idlib = await getFigures(database, { regions: ["SY07"], metrics: ["displaced"] });
    expect(await quotes(idlib)).toEqual(["tens of thousands of people fled"]);
    const two = await getFigures(database, { regions: ["SY05", "SY02"] });
    expect((await quotes(two)).sort()).toEqual(
      [
        "hundreds of families returned",
        "some 5,000 people were displaced",
        "up to 50 people were injured",
      ].sort(),
    );
    expect(await getFigures(database, { regions: ["SYR"] })).toHaveLength(8);
  });

  it("keeps figures dated in the window, with or without the undated ones", async () => {
    const june = await getFigures(database, { from: "2019-06-01", to: "2019-06-30", includeUndated: false });
    expect(june.map((r) => r.date)).toEqual(["2019-06-20", "2019-06-20", "2019-06-15"]);
    const withUndated = await getFigures(database, { from: "2019-06-01", to: "2019-06-30" });
    expect(withUndated.map((r) => r.date)).toEqual(["2019-06-20", "2019-06-20", "2019-06-15", null]);
    const onlyDated = await getFigures(database, { includeUndated: false });
    expect(onlyDated).toHaveLength(7);
  });

  it("cuts a view at a limit, newest first, and counts what matches", async () => {
    const newest = await getFigures(database, {}, { limit: 2 });
    expect(newest.map((r) => r.date)).toEqual(["2020-02-01", "2019-08-01"]);
    expect(await countMatchingFigures(database, { regions: ["SY07"] })).toBe(5);
    expect(
      await countMatchingFigures(database, { regions: ["SY07"], from: "2019-06-01", includeUndated: false }),
    ).toBe(3);
  });

  it("lists the years, the regions with figures and their ancestors, and region paths", async () => {
    expect(await getFigureYears(database)).toEqual(["2020", "2019"]);
    const options = await getRegionOptions(database);
    const count = (code: string) => options.find((o) => o.code === code)?.figureCount;
    expect(count("SYR")).toBe(8);
    expect(count("SY07")).toBe(5);
    expect(count("SY0702")).toBe(1);
    expect(count("SY05")).toBe(1);
    expect((await getRegionPath(database, "SY0702")).map((r) => r.code)).toEqual(["SYR", "SY07", "SY0702"]);
    expect((await getRegionBreakdown(database, "SY07")).map((r) => [r.code, r.figureCount])).toEqual([
      ["SY0702", 1],
    ]);
    expect((await getRegionBreakdown(database, "SYR")).map((r) => [r.code, r.figureCount])).toEqual(
      options
        .filter((o) => o.parentCode === "SYR")
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((o) => [o.code, o.figureCount]),
    );
  });

  it("parses a query string once, checking region codes against the database", async () => {
    const data = await getDashboardData(
      database,
      new URLSearchParams("region=SY07&region=XX99&metric=killed&from=2019-06-01&to=2019-06-30"),
    );
    expect(data.filters.regions).toEqual(["SY07"]);
    expect(data.notices.map((n) => n.value)).toEqual(["XX99"]);
    expect(await quotes(data.figures)).toEqual(["at least 30 people were killed", "28 people were killed"]);
    expect(data.evidence.map((e) => [e.figure.quote, e.competing.map((c) => c.quote)])).toEqual([
      ["at least 30 people were killed", ["28 people were killed"]],
      ["28 people were killed", ["at least 30 people were killed"]],
    ]);
    expect(data.selectedRegions.map((r) => r.name)).toEqual(["Idleb"]);
  });
});
