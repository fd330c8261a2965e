export type Level = 0 | 1 | 2 | 3 | 4;

export interface Region {
  code: string;
  name: string;
  level: Level;
  parent: string | null;
  /** ISO 3166-1 alpha-3 of the country the region lies in; a country's own code for level 0. */
  country: string;
  aliases: string[];
}

export interface PlaceMention {
  start: number;
  end: number;
  /** Exactly text.slice(start, end). */
  mention: string;
  region: Region;
}

/** [code, name, level, parent, country, aliases, matchKeys ("|"-joined folded keys; "=DRC" is case-exact)] */
export type RegionRow = [string, string, Level, string | null, string, string[], string];

/** Shape of data/gazetteer/regions.json. */
export interface GazetteerFile {
  about: string;
  columns: string[];
  /** Other codes for a region (ISO 3166-1 alpha-2, ISO 3166-2 of Syrian governorates) -> its code. */
  alternateCodes: Record<string, string>;
  /** Populated places that are the seat of their governorate or sub-district. */
  capitals: string[];
  /** Matching keys that never denote a place below country level on their own (common words). */
  unmatchable: string[];
  /** Keys of phrases that contain a place name but name no single place ("Lake Chad"): never a mention. */
  notOnePlace: string[];
  regions: RegionRow[];
}
