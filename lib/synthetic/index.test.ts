import { describe, expect, it } from "vitest";

import { METRICS, QUALIFIERS } from "../extract/types";
import { getRegion } from "../regions";
import { SYNTHETIC_PUBLISHER, SYNTHETIC_TEXT_PREFIX, syntheticRecords, type SyntheticRecord } from "./index";

const generate = (figures: number, seed?: number): SyntheticRecord[] => [
  ...syntheticRecords({ figures, seed }),
];

describe("syntheticRecords", () => {
  it("gives the same documents and figures for the same seed, and others for another seed", () => {
    expect(generate(2_000, 7)).toEqual(generate(2_000, 7));
    expect(generate(2_000, 8)).not.toEqual(generate(2_000, 7));
  });

  it("makes exactly the number of figures asked for", () => {
    for (const n of [1, 9, 1_234]) {
      expect(generate(n).reduce((sum, record) => sum + record.figures.length, 0)).toBe(n);
    }
  });

  it("labels every document as synthetic benchmark data", () => {
    for (const { item } of generate(3_000)) {
      expect(item.publisher).toBe(SYNTHETIC_PUBLISHER);
      expect(item.text.startsWith(SYNTHETIC_TEXT_PREFIX)).toBe(true);
      expect(item.title).toMatch(/^Synthetic benchmark document/);
    }
  });

  it("quotes text that is really in the document, and places figures in real gazetteer regions", () => {
    for (const { item, figures } of generate(3_000)) {
      for (const figure of figures) {
        expect(item.text.slice(figure.start, figure.end)).toBe(figure.quote);
        expect(item.text.slice(figure.sentenceStart, figure.sentenceStart + figure.sentence.length)).toBe(
          figure.sentence,
        );
        if (figure.region) {
          expect(getRegion(figure.region.code!)?.name).toBe(figure.region.name);
        }
      }
    }
  });

  it("spreads figures over metrics, qualifiers, places and years", () => {
    const figures = generate(20_000).flatMap((record) => record.figures);
    expect(new Set(figures.map((f) => f.metric))).toEqual(new Set(METRICS));
    expect(new Set(figures.map((f) => f.qualifier))).toEqual(new Set(QUALIFIERS));
    expect(new Set(figures.map((f) => f.region?.country)).size).toBeGreaterThan(40);
    expect(new Set(figures.map((f) => f.reported?.slice(0, 4))).size).toBeGreaterThanOrEqual(11);
    expect(figures.some((f) => f.reported === null)).toBe(true);
    expect(figures.some((f) => f.region === null)).toBe(true);
  });

  it("keeps vague figures without a value and exact figures with equal bounds", () => {
    for (const figure of generate(5_000).flatMap((record) => record.figures)) {
      if (figure.qualifier === "vague") expect(figure.value).toBeNull();
      else expect(figure.value).toBeGreaterThanOrEqual(1);
      if (figure.qualifier === "exact") expect(figure.upper).toBe(figure.value);
    }
  });
});
