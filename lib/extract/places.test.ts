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
    expect(places("The bombardment of Idlib and Hama has displaced over 186,000 people.")).toEqual([
      ["displaced 186000", "Idlib and Hama", "sentence"],
    ]);
  });

  it("gives each figure of a list its own place", () => {
    expect(places("They killed nine people in Bulaburin, two people in Dalori, and one in Kofa.")).toEqual([
      ["killed 9", "Bulaburin", "sentence"],
      ["killed 2", "Dalori", "sentence"],
      ["killed 1", "Kofa", "sentence"],
    ]);
  });

  it("places refugees in the host country and displaced people where they fled from", () => {
    expect(places("Clashes in Darfur forced 1,860 refugees to cross into neighbouring Chad.")).toEqual([
      ["refugees 1860", "Chad", "sentence"],
    ]);
    expect(places("More than 25,000 people have arrived from Hajin at the camp.")).toEqual([
      ["displaced 25000", "Hajin", "sentence"],
    ]);
  });

  it("places returns at the entry point", () => {
    expect(
      places("Nearly 60,000 people crossed back into Afghanistan through the Torkham border crossing."),
    ).toEqual([["returned 60000", "Torkham", "sentence"]]);
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

  it("gives no place when the text says only the region or the country", () => {
    expect(places("The regime has bombed the region since April, killing more than 400 civilians.")).toEqual([
      ["killed 400", null, null],
    ]);
  });

  it("does not take an actor for a place", () => {
    expect(places("The regime and Russia have killed 50 civilians.")).toEqual([["killed 50", null, null]]);
  });
});
