import { describe, expect, it } from "vitest";
import { allRegions, ancestors, children, findPlaceMentions, getRegion, searchRegions } from "./index";

function codes(text: string): string[] {
  return findPlaceMentions(text).map((m) => m.region.code);
}

function mentions(text: string): [string, string][] {
  return findPlaceMentions(text).map((m) => [m.mention, m.region.code]);
}

describe("alias lookup", () => {
  it.each([
    ["Idlib", "SY07"],
    ["Idleb", "SY07"],
    ["Edlib", "SY07"],
    ["Deir ez-Zor", "SY09"],
    ["Deir Ezzor", "SY09"],
    ["Deir al-Zour", "SY09"],
    ["Rif Dimashq", "SY03"],
    ["Damascus countryside", "SY03"],
    ["Al-Hasakeh", "SY08"],
    ["Hasakah", "SY08"],
    ["Hassakeh", "SY08"],
    ["Raqqa", "SY11"],
    ["Ar-Raqqa", "SY11"],
    ["Daraa", "SY12"],
    ["Dar'a", "SY12"],
    ["Deraa", "SY12"],
    ["Sweida", "SY13"],
    ["Suwayda", "SY13"],
    ["Latakia", "SY06"],
    ["Lattakia", "SY06"],
    ["Tartus", "SY10"],
    ["Tartous", "SY10"],
    ["Morek", "C3029"],
    ["Murak", "C3029"],
    ["Eastern Ghouta", "SY03"],
    ["DRC", "COD"],
    ["DR Congo", "COD"],
    ["Congo-Kinshasa", "COD"],
    ["Burma", "MMR"],
    ["Myanmar", "MMR"],
    ["Gaza", "PSE"],
    ["Gaza Strip", "PSE"],
    ["West Bank", "PSE"],
    ["Gaza strip", "PSE"],
    ["Palestinian territories", "PSE"],
    ["Bosnia", "BIH"],
    ["Gaza City", "PS-GZA"],
    ["North Gaza", "PS-NGZ"],
    ["Ivory Coast", "CIV"],
    ["Côte d'Ivoire", "CIV"],
    ["South Sudan", "SSD"],
    ["Sudan", "SDN"],
    ["Syrian Arab Republic", "SYR"],
    ["CAR", "CAF"],
    ["Turkey", "TUR"],
    ["Türkiye", "TUR"],
    ["Tigray", "ET-TI"],
    ["Cabo Delgado", "MZ-P"],
    ["Borno", "NG-BO"],
    ["Kherson", "UA-65"],
    ["North Darfur", "SD-DN"],
    ["Darfur", "SDN"],
    ["Cox's Bazar", "BD-11"],
    ["Goma", "GN216281"],
    ["Mosul", "GN99072"],
    ["Al-Hol", "SY080006"],
    ["Golan Heights", "SY14"],
    ["Niger Delta", "NGA"],
  ])("%s is %s", (name, code) => {
    expect(codes(`Reports from ${name} today.`)).toEqual([code]);
  });

  it.each([
    ["Afrin", "SY0203"],
    ["Manbij", "SY0205"],
    ["Menbij", "SY0205"],
    ["Azaz", "SY0204"],
    ["A'zaz", "SY0204"],
    ["Jisr al-Shughur", "SY0704"],
    ["Jisr ash-Shughur", "SY0704"],
    ["Douma", "SY0302"],
    ["Duma", "SY0302"],
    ["Saraqib", "SY070003"],
    ["Saraqab", "SY070003"],
    ["Khan Sheikhoun", "SY070201"],
    ["Ma'arrat al-Nu'man", "SY0702"],
    ["Maarat al-Numan", "SY0702"],
    ["Kafranbel", "SY070203"],
    ["Atmeh", "C4130"],
    ["Kobani", "SY0206"],
    ["Qamishli", "SY0802"],
    ["Tell Abyad", "SY1102"],
    ["Palmyra", "SY0405"],
    ["Moadamiyet al-Sham", "C2499"],
    ["Salamiyah", "SY0503"],
    ["Al-Malikiyah", "SY0803"],
    ["Bustan al-Baraka", "C3840"],
  ])("Syrian press spelling %s is %s", (name, code) => {
    expect(mentions(`Shelling hit ${name} overnight.`)).toEqual([[name, code]]);
  });

  it("leaves English words that look like articles out of the mention", () => {
    expect(mentions("fighting at Raqqa as Idlib burned, an Aleppo suburb")).toEqual([
      ["Raqqa", "SY11"],
      ["Idlib", "SY07"],
      ["Aleppo", "SY02"],
    ]);
    expect(mentions("the as-Sweida and ar-Raqqa fronts")).toEqual([
      ["as-Sweida", "SY13"],
      ["ar-Raqqa", "SY11"],
    ]);
  });

  it("reads short words in capitals only as acronyms", () => {
    expect(codes("IB ET IL KP")).toEqual(["PK-KP"]);
  });

  it("keeps an article the gazetteer name lacks inside the mention", () => {
    expect(mentions("in Al-Atareb and al-Atareb")).toEqual([
      ["Al-Atareb", "SY020001"],
      ["al-Atareb", "SY020001"],
    ]);
  });

  it("matches a name in any case of its words only when capitalised", () => {
    expect(codes("people of idlib")).toEqual([]);
    expect(codes("PEOPLE OF IDLIB")).toEqual(["SY07"]);
  });

  it("matches acronyms only in their own case", () => {
    expect(codes("A Car bomb hit the car park")).toEqual([]);
    expect(codes("the drc")).toEqual([]);
    expect(codes("in the oPt and the U.S.")).toEqual(["PSE", "USA"]);
    expect(codes("CAR BOMB KILLS 5 IN IDLIB")).toEqual(["SY07"]);
    expect(codes("Fighting in CAR, DRC and South Sudan")).toEqual(["CAF", "COD", "SSD"]);
  });

  it("reads possessives as the place", () => {
    expect(mentions("Syria's north and Idlib’s camps")).toEqual([
      ["Syria", "SYR"],
      ["Idlib", "SY07"],
    ]);
  });
});

describe("level preference", () => {
  it("takes the governorate over a same-named district, sub-district and town", () => {
    expect(codes("Idlib")).toEqual(["SY07"]);
    expect(getRegion("SY0700")?.name).toBe("Idleb");
    expect(getRegion("C3871")?.name).toBe("Idleb");
  });

  it("takes the town when the text says city", () => {
    expect(mentions("shelling of Idlib city")).toEqual([["Idlib city", "C3871"]]);
    expect(mentions("Aleppo city")).toEqual([["Aleppo city", "C1007"]]);
  });

  it("keeps a level word after the name inside the mention", () => {
    expect(mentions("in Idlib governorate")).toEqual([["Idlib governorate", "SY07"]]);
    expect(mentions("in Khartoum state")).toEqual([["Khartoum state", "SD-KH"]]);
  });
});

describe("towns outside Syria", () => {
  it("puts a town under the admin1 it is the seat of, or whose seat shares its area's name", () => {
    expect(ancestors("GN216281").map((r) => r.code)).toEqual(["CD-NK", "COD"]);
    expect(getRegion("GN1138336")).toMatchObject({
      name: "Kandahar",
      parent: "AF-KAN",
      level: 4,
      country: "AFG",
    });
  });

  it("prefers the province to its same-named seat unless the text says city", () => {
    expect(codes("fighting in Kandahar")).toEqual(["AF-KAN"]);
    expect(codes("fighting in Kandahar city")).toEqual(["GN1138336"]);
  });

  it("does not take personal names for towns", () => {
    expect(findPlaceMentions("Joseph Adam and Nazir spoke to González.")).toEqual([]);
  });
});

describe("longest match", () => {
  it("reads Rural Damascus as one name", () => {
    expect(mentions("Rural Damascus and Damascus")).toEqual([
      ["Rural Damascus", "SY03"],
      ["Damascus", "SY01"],
    ]);
    expect(mentions("rural Damascus")).toEqual([["rural Damascus", "SY03"]]);
  });

  it("reads multi-word names whole", () => {
    expect(mentions("Khan Shaykhun and Jisr al-Shughur")).toEqual([
      ["Khan Shaykhun", "SY070201"],
      ["Jisr al-Shughur", "SY0704"],
    ]);
    expect(mentions("in South Sudan")).toEqual([["South Sudan", "SSD"]]);
  });
});

describe("directions", () => {
  it.each([
    ["northwest Syria", "SYR"],
    ["north-west Syria", "SYR"],
    ["North West Syria", "SYR"],
    ["northern Syria", "SYR"],
    ["eastern Aleppo", "SY02"],
    ["southern Lebanon", "LBN"],
    ["rural Idlib", "SY07"],
    ["southern rural Idlib", "SY07"],
    ["NW Syria", "SYR"],
  ])("%s is a mention of %s", (phrase, code) => {
    expect(mentions(`Displacement in ${phrase} grew.`)).toEqual([[phrase, code]]);
  });

  it("does not take a direction without a place", () => {
    expect(codes("the northern front moved west")).toEqual([]);
  });
});

describe("false positives", () => {
  it.each([
    "Talks will tell whether the Center can hold now.",
    "Syrian refugees and Iraqi returnees.",
    "Mar and Ain are short; Sham and Al are not places.",
    "Hassan Ali said on Monday that aid arrived in May.",
    "Hayat Tahrir al-Sham and the Unity government met in the Centre.",
    "The Bay of Bengal, the Plateau, the Delta and the Lakes.",
    "Across the Lake Chad Basin and the Horn of Africa, Al Jazeera reported.",
  ])("finds nothing in %j", (sentence) => {
    expect(findPlaceMentions(sentence)).toEqual([]);
  });
});

describe("mentions", () => {
  it("gives offsets whose slice is the mention, in text order, without overlap", () => {
    const text = "Over 186,000 people fled northwest Syria; 25 killed in Idlib city, Morek and Saraqib.";
    const found = findPlaceMentions(text);
    expect(found.map((m) => m.mention)).toEqual(["northwest Syria", "Idlib city", "Morek", "Saraqib"]);
    let last = 0;
    for (const m of found) {
      expect(text.slice(m.start, m.end)).toBe(m.mention);
      expect(m.start).toBeGreaterThanOrEqual(last);
      last = m.end;
    }
  });

  it("finds nothing in empty or placeless text", () => {
    expect(findPlaceMentions("")).toEqual([]);
    expect(findPlaceMentions("1,200 ... --- ''' \u00a0")).toEqual([]);
  });
});

describe("hierarchy", () => {
  it("walks a sub-district up to the country", () => {
    expect(ancestors("SY070003").map((r) => r.code)).toEqual(["SY0700", "SY07", "SYR"]);
  });

  it("walks a populated place up through its sub-district", () => {
    expect(ancestors("C3029").map((r) => r.code)).toEqual(["SY050101", "SY0501", "SY05", "SYR"]);
  });

  it("gives a country no ancestors and ISO3 as its code and country", () => {
    expect(ancestors("SYR")).toEqual([]);
    expect(getRegion("SYR")).toMatchObject({ level: 0, parent: null, country: "SYR" });
    expect(getRegion("PS-GZA")).toMatchObject({ level: 1, parent: "PSE", country: "PSE" });
  });

  it("resolves ISO alternates to the canonical code", () => {
    expect(getRegion("SY-ID")?.code).toBe("SY07");
    expect(getRegion("SY")?.code).toBe("SYR");
    expect(getRegion("nope")).toBeUndefined();
  });

  it("lists the 14 governorates as Syria's children", () => {
    expect(
      children("SYR")
        .map((r) => r.code)
        .sort(),
    ).toEqual(Array.from({ length: 14 }, (_, i) => `SY${String(i + 1).padStart(2, "0")}`));
  });
});

describe("data", () => {
  const regions = allRegions();
  const count = (level: number, country?: string) =>
    regions.filter((r) => r.level === level && (!country || r.country === country)).length;

  it("holds Syria's 14 governorates, 62 districts, 272 sub-districts and its populated places", () => {
    expect(count(1, "SYR")).toBe(14);
    expect(count(2, "SYR")).toBe(62);
    expect(count(3, "SYR")).toBe(272);
    expect(count(4, "SYR")).toBe(8364);
    expect(regions.filter((r) => r.level === 4 && r.code.startsWith("C")).length).toBe(7950);
  });

  it("holds every ISO 3166-1 country", () => {
    expect(count(0)).toBe(249);
  });

  it("has unique codes and parents that exist above, in the same country; Syria's one level above", () => {
    const byCode = new Map(regions.map((r) => [r.code, r]));
    expect(byCode.size).toBe(regions.length);
    for (const r of regions) {
      if (r.level === 0) {
        expect(r.parent).toBeNull();
        continue;
      }
      const parent = byCode.get(r.parent ?? "");
      expect(parent, r.code).toBeDefined();
      if (r.country === "SYR") expect(parent?.level, r.code).toBe(r.level - 1);
      else expect(parent?.level, r.code).toBeLessThan(r.level);
      expect(parent?.country, r.code).toBe(r.country);
    }
  });

  it("covers admin1 of every country in crisis", () => {
    for (const iso3 of [
      "YEM",
      "SDN",
      "SSD",
      "PSE",
      "LBN",
      "AFG",
      "UKR",
      "IRQ",
      "MMR",
      "COD",
      "SOM",
      "ETH",
      "HTI",
    ]) {
      expect(count(1, iso3), iso3).toBeGreaterThan(0);
    }
  });
});

describe("searchRegions", () => {
  it("puts exact names first, higher levels first", () => {
    expect(searchRegions("idlib")[0]?.code).toBe("SY07");
    expect(searchRegions("Deir ez Zor")[0]?.code).toBe("SY09");
  });

  it("finds by prefix and by code, and respects the limit", () => {
    expect(searchRegions("Sarāq").map((r) => r.code)).toContain("SY070003");
    expect(searchRegions("SY07")[0]?.code).toBe("SY07");
    expect(searchRegions("a", 5)).toHaveLength(5);
    expect(searchRegions("   ")).toEqual([]);
    expect(searchRegions("Ghouta").map((r) => r.code)).toContain("SY03");
    expect(searchRegions("iddle").map((r) => r.code)).toEqual([]);
  });
});
