import { describe, expect, it } from "vitest";

import { formRegionOptions } from "./dashboard";
import type { RegionOption } from "./regions";

const option = (code: string, level: number): RegionOption => ({
  code,
  name: code,
  level,
  parentCode: null,
  countryIso3: "SYR",
  figureCount: 1,
});

describe("formRegionOptions", () => {
  const options = [
    option("SYR", 0),
    option("SY07", 1),
    option("SY0700", 2),
    option("SY070000", 3),
    option("C3871", 4),
  ];

  it("offers countries, admin1 areas and districts, not the sub-districts and towns below them", () => {
    expect(formRegionOptions(options, []).map((o) => o.code)).toEqual(["SYR", "SY07", "SY0700"]);
  });

  it("keeps a deeper place that the view has selected, so the form shows it as chosen", () => {
    expect(formRegionOptions(options, ["C3871"]).map((o) => o.code)).toEqual([
      "SYR",
      "SY07",
      "SY0700",
      "C3871",
    ]);
  });
});
