import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findPlaceMentions } from "./index";

const placeish = fc.constantFrom(
  "Idlib",
  "al-Hasakeh",
  "northwest Syria",
  "Rural Damascus",
  "Deir ez-Zor",
  "DRC",
  "U.S.",
  "Cox's Bazar",
  "Syria's",
  "d'Ivoire",
  "Côte",
  "-",
  "'",
  "’s",
  " ",
  "\u00a0",
  ".",
  "city",
  "Khan",
);
const text = fc
  .array(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), placeish), { maxLength: 40 })
  .map((parts) => parts.join(" "));

describe("findPlaceMentions on any string", () => {
  it("never throws, and returns exact, ordered, non-overlapping slices", () => {
    fc.assert(
      fc.property(text, (input) => {
        let last = 0;
        for (const m of findPlaceMentions(input)) {
          expect(input.slice(m.start, m.end)).toBe(m.mention);
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          last = m.end;
        }
      }),
      { numRuns: 500 },
    );
  });

  it("takes time linear in the input", () => {
    const unit = "Over 186,000 people fled northwest Syria and Idlib city, Morek and al-Hasakeh. ";
    const time = (repeat: number) => {
      const input = unit.repeat(repeat);
      const start = performance.now();
      findPlaceMentions(input);
      return performance.now() - start;
    };
    time(200);
    const small = time(2_000);
    const large = time(20_000);
    expect(large).toBeLessThan(small * 30 + 50);
  });
});
