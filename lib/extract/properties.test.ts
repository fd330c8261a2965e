import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { extract } from "./index";
import { METRICS, QUALIFIERS, UNITS, type ExtractedFigure } from "./types";

const FRAGMENTS = [
  "more than",
  "over",
  "at least",
  "nearly",
  "about",
  "some",
  "up to",
  "as many as",
  "an estimated",
  "between",
  "and",
  "-",
  ",",
  ".",
  ";",
  "(",
  ")",
  "1,250",
  "3.5 million",
  "270-330,000",
  "two thousand",
  "a dozen",
  "half a million",
  "a quarter of a million",
  "dozens of",
  "tens of thousands of",
  "hundreds",
  "2024",
  "24",
  "people",
  "civilians",
  "children",
  "families",
  "refugees",
  "IDPs",
  "trucks",
  "were killed",
  "killed",
  "injured",
  "displaced",
  "fled into Chad",
  "returned",
  "are missing",
  "need assistance",
  "including",
  "in Idlib",
  "in Karou",
  "to Torkham",
  "since late April",
  "on Wednesday",
  "may",
  "could",
  "$5 million",
  "45%",
  "two-day",
  "24-year-old",
  "the region",
  "Idlib and Hama",
  "\u00a0",
  "\u202f",
  "’s",
  "“",
  "”",
];

const reportLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(" "));

const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  reportLike,
);

function checkFigure(text: string, f: ExtractedFigure): void {
  expect(text.slice(f.start, f.end)).toBe(f.quote);
  expect(text.slice(f.sentenceStart, f.sentenceStart + f.sentence.length)).toBe(f.sentence);
  expect(f.start).toBeGreaterThanOrEqual(f.sentenceStart);
  expect(METRICS).toContain(f.metric);
  expect(QUALIFIERS).toContain(f.qualifier);
  expect(UNITS).toContain(f.unit);
  if (f.qualifier === "vague") expect(f.value).toBeNull();
  else expect(f.value).not.toBeNull();
  if (f.value !== null && f.lower !== null) expect(f.lower).toBeLessThanOrEqual(f.value);
  if (f.value !== null && f.upper !== null) expect(f.value).toBeLessThanOrEqual(f.upper);
  if (f.lower !== null && f.upper !== null) expect(f.lower).toBeLessThanOrEqual(f.upper);
  if (f.region) expect(text).toContain(f.region.mention);
}

describe("extract on any string", () => {
  it("never throws, quotes exact text at its offsets, and keeps lower <= value <= upper", () => {
    fc.assert(
      fc.property(
        anyText,
        fc.option(fc.constantFrom("2019-06-05", "2024-02-29", "not-a-date")),
        (text, published) => {
          const figures = extract({ id: "p", text, published });
          for (const f of figures) checkFigure(text, f);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(reportLike, (text) => {
        expect(extract({ id: "d", text })).toEqual(extract({ id: "d", text }));
      }),
      { numRuns: 100 },
    );
  });

  it("survives input that is not a string at runtime", () => {
    expect(extract({ id: "x", text: undefined as unknown as string })).toEqual([]);
  });

  it("does not hang on a megabyte of digits and separators", { timeout: 20_000 }, () => {
    const digits = "1,234,567,".repeat(100_000);
    const mixed = "9 999.999,9 ".repeat(90_000);
    const spaces = "1 ".repeat(500_000);
    const lakhPairs = `1${",12".repeat(350_000)}`;
    for (const text of [digits, mixed, spaces, lakhPairs]) {
      const started = performance.now();
      const figures = extract({ id: "big", text });
      // Linear time is well under a second here; a quadratic scan would take minutes.
      expect(performance.now() - started).toBeLessThan(5_000);
      for (const f of figures.slice(0, 50)) expect(text.slice(f.start, f.end)).toBe(f.quote);
    }
  });
});
