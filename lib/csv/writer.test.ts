import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";

import { csvCell, neutraliseFormula, toCsv, type CsvColumn } from "./writer";

interface Row {
  name: string;
  count: number | null;
}

const columns: CsvColumn<Row>[] = [
  { header: "Name", hxl: "#meta+name", value: (r) => r.name },
  { header: "Count", hxl: "#affected+num", value: (r) => r.count },
];

function parsed(csv: string): string[][] {
  return parse(csv, { relax_column_count: false }) as string[][];
}

describe("neutraliseFormula", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@cmd", "'@cmd"],
    ["\tvalue", "'\tvalue"],
    ["\r=1", "'\r'=1"],
    ['   =HYPERLINK("x")', '\'   =HYPERLINK("x")'],
    ["first line\n=cmd|' /C calc'!A0", "first line\n'=cmd|' /C calc'!A0"],
    ["first\r\n  +2", "first\r\n'  +2"],
  ])("%j becomes %j", (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
  });

  it.each(["186,000 people", "a-b", "e-mail@example.org", "", "'quoted"])("leaves %j alone", (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});

describe("csvCell", () => {
  it("writes numbers as numbers, even negative ones", () => {
    expect(csvCell(186000)).toBe("186000");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(0.5)).toBe("0.5");
  });

  it("writes nothing for a missing value and refuses a non-finite number", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(() => csvCell(Number.NaN)).toThrow(/NaN/);
  });

  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "over"')).toBe('"say ""over"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });
});

describe("toCsv", () => {
  const rows: Row[] = [
    { name: "Idlib, Syria", count: 186000 },
    { name: '=HYPERLINK("http://evil.example","x")', count: -3 },
    { name: "line one\n@SUM(1)\nline three", count: null },
    { name: ' "quoted" ', count: 0 },
  ];
  const csv = toCsv(columns, rows);

  it("ends every line with CRLF", () => {
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")[0]).toBe("Name,Count");
  });

  it("parses back with a standard parser: header, HXL row, then the rows", () => {
    const [header, hxl, ...body] = parsed(csv);
    expect(header).toEqual(["Name", "Count"]);
    expect(hxl).toEqual(["#meta+name", "#affected+num"]);
    expect(body).toEqual([
      ["Idlib, Syria", "186000"],
      ['\'=HYPERLINK("http://evil.example","x")', "-3"],
      ["line one\n'@SUM(1)\nline three", ""],
      [' "quoted" ', "0"],
    ]);
  });

  it("leaves no parsed text cell that starts a formula", () => {
    for (const row of parsed(csv).slice(2)) {
      const text = row[0] ?? "";
      for (const line of text.split(/\r\n|\r|\n/)) expect(line).not.toMatch(/^\s*[=+\-@]/);
    }
  });
});
