import { describe, expect, it } from "vitest";

import { extract } from "./index";
import type { ExtractedFigure } from "./types";

function places(text: string): Array<[string, string | null, string | null]> {
  return extract({ id: "p", text, published: "2024-03-15" }).map((f: ExtractedFigure) => [
    `${f.metric} ${f.value ?? `${f.lower}-${f.upper}`}`,
    f.region?.mention ?? null,
    f.region?.from ?? null,
  ]);
}

describe("places", () => {
  it("ties a figure to the place its sentence names, with the gazetteer's code", () => {
    const [figure] = extract({ id: "p", text: "Shelling killed 12 civilians in Idlib.", published: null });
    expect(figure?.region).toMatchObject({
      code: "SY07",
      mention: "Idlib",
      country: "SYR",
      level: 1,
      from: "sentence",
    });
  });

  it("prefers the most specific place", () => {
    expect(places("In Syria, an airstrike on the town of Saraqib killed 9 people.")).toEqual([
      ["killed 9", "Saraqib", "sentence"],
    ]);
  });

  it("keeps a joined span verbatim", () => {
    expect(places("Shelling of Hama and Idlib has displaced over 52,000 people.")).toEqual([
      ["displaced 52000", "Hama and Idlib", "sentence"],
    ]);
  });

  it("reads a place followed by its country as the place, and a list of provinces as one span", () => {
    expect(places("The quake killed 2,000 people in Herat province, Afghanistan.")).toEqual([
      ["killed 2000", "Herat province", "sentence"],
    ]);
    const [joined] = extract({
      id: "j",
      text: "Floods in Sindh, Khyber Pakhtunkhwa and Balochistan displaced 600,000 people.",
      published: null,
    });
    expect([joined?.region?.mention, joined?.region?.code]).toEqual([
      "Sindh, Khyber Pakhtunkhwa and Balochistan",
      "PAK",
    ]);
  });

  it("gives each figure of a list its own place", () => {
    expect(places("Raiders killed six people in Kanama, four people in Bulu, and one in Gari.")).toEqual([
      ["killed 6", "Kanama", "sentence"],
      ["killed 4", "Bulu", "sentence"],
      ["killed 1", "Gari", "sentence"],
    ]);
  });

  it("places refugees in the host country and displaced people where they fled from", () => {
    expect(places("Fighting in Darfur drove 3,400 refugees to cross into neighbouring Chad.")).toEqual([
      ["refugees 3400", "Chad", "sentence"],
    ]);
    expect(places("More than 7,000 people have arrived from Hajin at the reception site.")).toEqual([
      ["displaced 7000", "Hajin", "sentence"],
    ]);
  });

  it("places returns at the entry point", () => {
    expect(
      places("About 8,000 people went back into Afghanistan through the Torkham border crossing on Monday."),
    ).toEqual([["returned 8000", "Torkham", "sentence"]]);
  });

  it("never takes a venue for a figure's place", () => {
    expect(places("At talks in Astana, delegates said 40 civilians were killed.")).toEqual([
      ["killed 40", null, null],
    ]);
  });

  it("falls back to the item's main place, marked as from the document", () => {
    expect(places("Fighting has spread across Hodeidah. The clashes left 144 people dead.")).toEqual([
      ["killed 144", "Hodeidah", "document"],
    ]);
  });

  it("takes the item's title as its main place when the text names none", () => {
    const figures = extract({
      id: "t",
      title: "Floods sweep Sindh province",
      text: "At least 40 people have died and 12,000 have been displaced, officials said.",
      published: null,
    });
    expect(figures.map((f) => [f.metric, f.region?.code, f.region?.from])).toEqual([
      ["killed", "PK-SD", "document"],
      ["displaced", "PK-SD", "document"],
    ]);
  });

  it("gives no place when the text says only the region or the country", () => {
    expect(places("Air strikes have hit the region since March, killing more than 90 civilians.")).toEqual([
      ["killed 90", null, null],
    ]);
  });

  it("does not take an actor for a place", () => {
    expect(places("The regime and Russia have killed 50 civilians.")).toEqual([["killed 50", null, null]]);
  });
});
