import { describe, expect, it } from "vitest";
import { describeQuantity, formatNumber, formatQuantity, magnitude, vagueWord } from "./quantity";

describe("formatNumber", () => {
  it("groups thousands", () => {
    expect(formatNumber(186000)).toBe("186,000");
    expect(formatNumber(4654)).toBe("4,654");
    expect(formatNumber(25)).toBe("25");
  });

  it("writes whole and two-decimal millions in words in compact style", () => {
    expect(formatNumber(3_000_000)).toBe("3 million");
    expect(formatNumber(1_250_000)).toBe("1.25 million");
    expect(formatNumber(16_700_000)).toBe("16.7 million");
    expect(formatNumber(2_000_000_000)).toBe("2 billion");
  });

  it("never rounds: a million that would lose digits is written in full", () => {
    expect(formatNumber(2_345_678)).toBe("2,345,678");
    expect(formatNumber(1_234_500_000)).toBe("1,234,500,000");
  });

  it("writes every digit in full style", () => {
    expect(formatNumber(3_000_000, "full")).toBe("3,000,000");
  });
});

describe("formatQuantity", () => {
  it("keeps each qualifier", () => {
    expect(formatQuantity({ value: 25, lower: 25, upper: 25, qualifier: "exact" })).toBe("25");
    expect(formatQuantity({ value: 186000, lower: 186000, upper: null, qualifier: "at_least" })).toBe(
      "186,000+",
    );
    expect(formatQuantity({ value: 3_000_000, lower: null, upper: null, qualifier: "approx" })).toBe(
      "~3 million",
    );
    expect(formatQuantity({ value: 50, lower: null, upper: 50, qualifier: "at_most" })).toBe("up to 50");
  });

  it("recovers the vague word from its fixed bounds", () => {
    const vague = (lower: number, upper: number) =>
      formatQuantity({ value: null, lower, upper, qualifier: "vague" });
    expect(vague(24, 99)).toBe("dozens");
    expect(vague(200, 999)).toBe("hundreds");
    expect(vague(2000, 9999)).toBe("thousands");
    expect(vague(20_000, 99_999)).toBe("tens of thousands");
    expect(vague(200_000, 999_999)).toBe("hundreds of thousands");
    expect(vague(2_000_000, 9_999_999)).toBe("millions");
  });

  it("shows any other vague range as its bounds", () => {
    expect(formatQuantity({ value: null, lower: 10_000, upper: 15_000, qualifier: "vague" })).toBe(
      "10,000–15,000",
    );
    expect(formatQuantity({ value: null, lower: 24, upper: 100, qualifier: "vague" })).toBe("24–100");
    expect(formatQuantity({ value: null, lower: 7, upper: null, qualifier: "vague" })).toBe("7+");
  });

  it("uses full digits in full style", () => {
    expect(formatQuantity({ value: 3_000_000, lower: null, upper: null, qualifier: "approx" }, "full")).toBe(
      "~3,000,000",
    );
  });
});

describe("describeQuantity", () => {
  it("spells the qualifier out", () => {
    expect(describeQuantity({ value: 186000, lower: 186000, upper: null, qualifier: "at_least" })).toBe(
      "at least 186,000",
    );
    expect(describeQuantity({ value: 3_000_000, lower: null, upper: null, qualifier: "approx" })).toBe(
      "about 3,000,000",
    );
    expect(describeQuantity({ value: null, lower: 24, upper: 99, qualifier: "vague" })).toBe(
      "dozens (between 24 and 99)",
    );
  });
});

describe("vagueWord and magnitude", () => {
  it("matches only the exact fixed bounds", () => {
    expect(vagueWord(2000, 9999)).toBe("thousands");
    expect(vagueWord(2000, 10000)).toBeNull();
  });

  it("ranks by the value, else the lower bound, else the upper bound", () => {
    expect(magnitude({ value: 25, lower: 25, upper: 25, qualifier: "exact" })).toBe(25);
    expect(magnitude({ value: null, lower: 24, upper: 99, qualifier: "vague" })).toBe(24);
    expect(magnitude({ value: null, lower: null, upper: 50, qualifier: "vague" })).toBe(50);
  });
});
