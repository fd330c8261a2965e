import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import { extract } from "./index";
import { normalisePlace, scoreItems, type LabelledItem } from "./score";

const SHARED = fileURLToPath(new URL("../../../shared/extraction/", import.meta.url));
const present = existsSync(SHARED);
if (!present)
  console.warn(`lib/extract/shared.test.ts: ${SHARED} is absent; the labelled-set tests are skipped.`);

function read(name: string): LabelledItem[] {
  return readFileSync(`${SHARED}${name}`, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as LabelledItem);
}

describe.skipIf(!present)("the labelled sets in ../shared/extraction", () => {
  it.each(["seed.jsonl", "dev.jsonl"])("%s meets the targets", (name) => {
    const score = scoreItems(read(name), (item) =>
      extract({ id: item.id, text: item.text, published: item.published }),
    );
    expect(score.f1).toBeGreaterThanOrEqual(0.93);
    expect(score.qualifierAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(score.placeAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(score.negativeFigures).toBe(0);
  });
});

describe("scoring", () => {
  it("compares places without descriptor words, case or curly apostrophes", () => {
    expect(normalisePlace("Dara’a city")).toBe(normalisePlace("Dara'a"));
    expect(normalisePlace("Mabruka camp")).toBe("mabruka");
    expect(normalisePlace(null)).toBeNull();
    expect(normalisePlace("Idlib")).not.toBe(normalisePlace("Hama"));
  });

  it("matches by item, metric and number, and a vague figure by overlapping quote", () => {
    const item: LabelledItem = {
      id: "x",
      text: "Dozens of people were killed and 12 were injured.",
      published: null,
      figures: [
        {
          metric: "killed",
          value: null,
          lower: 24,
          upper: 99,
          qualifier: "vague",
          unit: "people",
          region: null,
          quote: "Dozens of people were killed",
        },
        {
          metric: "injured",
          value: 12,
          lower: 12,
          upper: 12,
          qualifier: "exact",
          unit: "people",
          region: null,
          quote: "12 were injured",
        },
      ],
    };
    const perfect = scoreItems([item], (i) => extract({ id: i.id, text: i.text }));
    expect([perfect.precision, perfect.recall]).toEqual([1, 1]);
    const wrongMetric = scoreItems([item], (i) =>
      extract({ id: i.id, text: i.text }).map((f) => ({ ...f, metric: "missing" as const })),
    );
    expect(wrongMetric.matched).toBe(0);
    expect(wrongMetric.details.some((d) => d.includes("MISS"))).toBe(true);
  });
});
