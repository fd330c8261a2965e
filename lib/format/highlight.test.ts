import { describe, expect, it } from "vitest";
import { highlightQuote } from "./highlight";

const sentence = "The bombardment caused the displacement of over 186,000 people from their homes.";
const quote = "the displacement of over 186,000 people";

describe("highlightQuote", () => {
  it("splits the sentence at the stored offsets", () => {
    expect(highlightQuote(sentence, quote, { start: 23, end: 23 + quote.length })).toEqual({
      before: "The bombardment caused ",
      quote,
      after: " from their homes.",
    });
  });

  it("finds the quote when the offsets are wrong", () => {
    expect(highlightQuote(sentence, quote, { start: 0, end: 5 })?.before).toBe("The bombardment caused ");
  });

  it("returns null when the quote is not in the sentence", () => {
    expect(highlightQuote(sentence, "killed 25")).toBeNull();
    expect(highlightQuote(sentence, "")).toBeNull();
  });
});
