import gazetteer from "../../data/gazetteer/regions.json";
import {
  ARTICLE,
  COMPASS_FIRSTS,
  COMPASS_SECONDS,
  DIRECTION_ABBREVIATIONS,
  DIRECTIONS,
  HAS_UPPER,
  JOINED,
  SUFFIXES,
  acronymForm,
  foldToken,
  isCapitalised,
  isExempt,
  scanTokens,
  tokenize,
  type TokenTable,
} from "./normalize";
import type { GazetteerFile, PlaceMention, Region } from "./types";

export type { Level, PlaceMention, Region } from "./types";

interface Tables {
  list: readonly Region[];
  byCode: Map<string, Region>;
  children: Map<string, Region[]>;
  alternateCodes: Record<string, string>;
}

interface Entry {
  /** The region a bare mention of this key means, or null when it is ambiguous. */
  best: Region | null;
  /** The region meant when a suffix word names a level ("Idlib city" -> level 4); null for one region. */
  byLevel: Map<number, Region | null> | null;
}

interface MatchIndex {
  entries: Map<string, Entry>;
  /** Acronyms match only in their exact case ("DRC", "oPt"). */
  acronyms: Map<string, Entry>;
  /** Every concatenation of leading tokens of a multi-token key, to stop extending early. */
  prefixes: Set<string>;
  maxTokens: number;
}

/** Matched to consume a phrase that names no single place ("Lake Chad", "Horn of Africa"). */
const NOT_ONE_PLACE: Entry = { best: null, byLevel: null };

let tables: Tables | undefined;
let matchIndex: MatchIndex | undefined;

/** The JSON's inferred type loses the row tuples; scripts/build-gazetteer.ts writes GazetteerFile. */
function gazetteerFile(): GazetteerFile {
  return gazetteer as unknown as GazetteerFile;
}

function load(): Tables {
  if (tables) return tables;
  const file = gazetteerFile();
  // Frozen: every caller shares these objects.
  const list: Region[] = file.regions.map(([code, name, level, parent, country, aliases]) => {
    Object.freeze(aliases);
    return Object.freeze({ code, name, level, parent, country, aliases });
  });
  const byCode = new Map(list.map((r) => [r.code, r]));
  const children = new Map<string, Region[]>();
  for (const region of list) {
    if (region.parent === null) continue;
    const siblings = children.get(region.parent);
    if (siblings) siblings.push(region);
    else children.set(region.parent, [region]);
  }
  tables = { list, byCode, children, alternateCodes: file.alternateCodes };
  return tables;
}

/** A region by its code: ISO3 for countries, OCHA P-code or ISO 3166-2 below; ISO alpha-2 also resolves. */
export function getRegion(code: string): Region | undefined {
  const t = load();
  return t.byCode.get(code) ?? t.byCode.get(t.alternateCodes[code] ?? "");
}

/** The parent chain, nearest first, ending at the country. */
export function ancestors(code: string): Region[] {
  const t = load();
  const out: Region[] = [];
  let current = getRegion(code);
  while (current?.parent) {
    const parent = t.byCode.get(current.parent);
    if (!parent) break;
    out.push(parent);
    current = parent;
  }
  return out;
}

export function children(code: string): Region[] {
  const region = getRegion(code);
  return region ? [...(load().children.get(region.code) ?? [])] : [];
}

export function allRegions(): readonly Region[] {
  return load().list;
}

function lowestCommonAncestor(regions: readonly Region[]): Region | null {
  const [first, ...rest] = regions;
  if (!first) return null;
  const chain = [first, ...ancestors(first.code)];
  for (const candidate of chain) {
    if (
      rest.every((r) => r.code === candidate.code || ancestors(r.code).some((a) => a.code === candidate.code))
    ) {
      return candidate;
    }
  }
  return null;
}

/** One region for a name shared by several at one level: a seat of government, else their common area. */
function resolveLevel(regions: readonly Region[], capitals: ReadonlySet<string>): Region | null {
  if (regions.length === 1) return regions[0] ?? null;
  const seats = regions.filter((r) => capitals.has(r.code));
  if (seats.length === 1) return seats[0] ?? null;
  const common = lowestCommonAncestor(seats.length > 1 ? seats : regions);
  return common && common.level >= 1 ? common : null;
}

function buildIndex(): MatchIndex {
  if (matchIndex) return matchIndex;
  const t = load();
  const file = gazetteerFile();
  const capitals = new Set(file.capitals);
  const byKey = new Map<string, Region[]>();
  const byAcronym = new Map<string, Region[]>();
  const prefixes = new Set<string>();
  let maxTokens = 1;
  const addPrefixes = (key: string) => {
    let end = key.indexOf(" ");
    let words = 1;
    while (end > 0) {
      prefixes.add(key.slice(0, end));
      end = key.indexOf(" ", end + 1);
      words++;
    }
    if (words > maxTokens) maxTokens = words;
  };
  const put = (map: Map<string, Region[]>, key: string, region: Region) => {
    const regions = map.get(key);
    if (!regions) map.set(key, [region]);
    else if (!regions.includes(region)) regions.push(region);
  };
  file.regions.forEach((row, n) => {
    const region = t.list[n];
    if (!region || !row[6]) return;
    for (const key of row[6].split("|")) {
      if (key.startsWith("=")) {
        put(byAcronym, key.slice(1), region);
        continue;
      }
      put(byKey, key, region);
      addPrefixes(key);
    }
  });
  const toEntries = (map: Map<string, Region[]>) => {
    const entries = new Map<string, Entry>();
    for (const [key, regions] of map) {
      const [only] = regions;
      if (regions.length === 1 && only) {
        entries.set(key, { best: only, byLevel: null });
        continue;
      }
      const levels = new Map<number, Region[]>();
      for (const r of regions) {
        const same = levels.get(r.level);
        if (same) same.push(r);
        else levels.set(r.level, [r]);
      }
      const byLevel = new Map<number, Region | null>();
      for (const [level, rs] of levels) byLevel.set(level, resolveLevel(rs, capitals));
      entries.set(key, { best: byLevel.get(Math.min(...levels.keys())) ?? null, byLevel });
    }
    return entries;
  };
  const entries = toEntries(byKey);
  for (const key of file.notOnePlace) {
    entries.set(key, NOT_ONE_PLACE);
    addPrefixes(key);
  }
  matchIndex = { entries, acronyms: toEntries(byAcronym), prefixes, maxTokens };
  return matchIndex;
}

interface Match {
  /** Index of the token after the match. */
  end: number;
  entry: Entry;
}

/** Lazy per-token views over a TokenTable: text and folded keys are made only for tokens looked at. */
class Tokens {
  readonly count: number;
  // Packed, not sparse: V8 turns a large array written at scattered indices into a slow dictionary.
  private readonly keys: (string | undefined)[];

  constructor(
    readonly text: string,
    readonly table: TokenTable,
  ) {
    this.count = table.count;
    this.keys = new Array<string | undefined>(table.count).fill(undefined);
  }

  raw(j: number): string {
    return this.text.slice(this.table.starts[j], this.table.ends[j]);
  }

  key(j: number): string {
    let key = this.keys[j];
    if (key === undefined) this.keys[j] = key = foldToken(this.raw(j));
    return key;
  }

  length(j: number): number {
    return (this.table.ends[j] ?? 0) - (this.table.starts[j] ?? 0);
  }

  joined(j: number): boolean {
    return j < this.count && ((this.table.flags[j] ?? 0) & JOINED) !== 0;
  }

  hasUpper(j: number): boolean {
    return ((this.table.flags[j] ?? 0) & HAS_UPPER) !== 0;
  }

  capitalised(j: number): boolean {
    return this.hasUpper(j) && isCapitalised(this.raw(j));
  }
}

/** The longest gazetteer name starting at token i, with every word that needs a capital capitalised. */
function matchAt(tokens: Tokens, i: number, index: MatchIndex): Match | null {
  let best: Match | null = null;
  if (tokens.hasUpper(i) && tokens.length(i) <= 10 && !shouted(tokens, i)) {
    const acronym = acronymForm(tokens.raw(i));
    const entry = acronym ? index.acronyms.get(acronym) : undefined;
    if (entry) best = { end: i + 1, entry };
  }
  let key = "";
  let capitalised = false;
  for (let j = i; j < tokens.count && j - i < index.maxTokens; j++) {
    if (j > i && !tokens.joined(j)) break;
    const part = tokens.key(j);
    if (j === i && part === ARTICLE && !isArticle(tokens, j)) break;
    if (!isExempt(part)) {
      if (!tokens.capitalised(j)) break;
      // A short word in capitals ("IB", "ET") is an acronym: alone it matches only as one, above.
      if (!SHORT_CAPS.test(tokens.raw(j))) capitalised = true;
    }
    key = j === i ? part : `${key} ${part}`;
    if (capitalised && part !== ARTICLE) {
      const entry = index.entries.get(key);
      if (entry && (!best || j + 1 > best.end)) best = { end: j + 1, entry };
    }
    if (!index.prefixes.has(key)) break;
  }
  return best;
}

/** A neighbouring word in capitals ("CAR BOMB KILLS 5") makes a headline, where acronyms are words. */
function shouted(tokens: Tokens, i: number): boolean {
  return (
    (i > 0 && tokens.joined(i) && isCapsWord(tokens, i - 1)) ||
    (tokens.joined(i + 1) && isCapsWord(tokens, i + 1))
  );
}

function isCapsWord(tokens: Tokens, j: number): boolean {
  if (!tokens.hasUpper(j) || tokens.length(j) < 3) return false;
  return /^[A-Z]+$/.test(tokens.raw(j));
}

function isDirection(tokens: Tokens, j: number): boolean {
  return DIRECTIONS.has(tokens.key(j)) || (tokens.hasUpper(j) && DIRECTION_ABBREVIATIONS.has(tokens.raw(j)));
}

const SHORT_CAPS = /^[A-Z]{2,3}$/;

/** How many direction words ("north-west", "eastern rural") start at token i. */
function directionLength(tokens: Tokens, i: number): number {
  let j = i;
  while (j < tokens.count && j - i < 3 && (j === i || tokens.joined(j))) {
    if (isDirection(tokens, j)) j++;
    else if (j > i && COMPASS_FIRSTS.has(tokens.key(j - 1)) && COMPASS_SECONDS.has(tokens.key(j))) j++;
    else break;
  }
  return j - i;
}

/** Lowercase words that may open a mention: articles ("al-Hasakeh") and directions ("northwest Syria"). */
function mayOpen(tokens: Tokens, j: number): boolean {
  const first = tokens.text.charCodeAt(tokens.table.starts[j] ?? 0);
  if (!OPENING_LETTERS.has(first)) return false;
  return isArticle(tokens, j) || DIRECTIONS.has(tokens.key(j));
}

/** "al-", "el " or a hyphenated "as-", "ar-"…, but not the English "as", "at", "an" before a name. */
function isArticle(tokens: Tokens, j: number): boolean {
  if (tokens.key(j) !== ARTICLE) return false;
  const raw = tokens.raw(j).toLowerCase();
  if (raw === "al" || raw === "el") return true;
  const after = tokens.text.charCodeAt(tokens.table.ends[j] ?? 0);
  return after === 45 || after === 0x2010 || after === 0x2011;
}
const OPENING_LETTERS = new Set([..."aeinswcrg"].map((ch) => ch.charCodeAt(0)));

function mentionAt(
  tokens: Tokens,
  i: number,
  index: MatchIndex,
): { region: Region | null; end: number } | null {
  let match = matchAt(tokens, i, index);
  // An article the gazetteer name lacks ("Al-Atareb" for "Atareb") stays in the mention, as directions do.
  const directions = isArticle(tokens, i) ? 1 : directionLength(tokens, i);
  if (directions > 0 && tokens.joined(i + directions)) {
    const base = matchAt(tokens, i + directions, index);
    if (base && (!match || base.end > match.end)) match = base;
  }
  if (match?.entry === NOT_ONE_PLACE) return { region: null, end: match.end };
  if (!match?.entry.best) return null;
  let region = match.entry.best;
  let end = match.end;
  const suffix = tokens.joined(end) ? SUFFIXES.get(tokens.key(end)) : undefined;
  if (suffix !== undefined) {
    const atLevel = suffix === null ? null : match.entry.byLevel?.get(suffix);
    if (atLevel) {
      region = atLevel;
      end++;
    } else if (suffix === null || suffix === region.level || (suffix === 1 && region.level === 0)) {
      end++;
    }
  }
  return { region, end };
}

/**
 * Places named in text, in text order, never overlapping; the longest name wins, and a name shared
 * by several levels means the highest (a governorate over its same-named district and town) unless
 * a following word says otherwise ("Idlib city"). Direction words before a name are part of the
 * mention and map to the named region ("northwest Syria" -> SYR). Demonyms are not places.
 */
export function findPlaceMentions(text: string): PlaceMention[] {
  const index = buildIndex();
  const tokens = new Tokens(text, scanTokens(text));
  const { starts, ends, flags } = tokens.table;
  const out: PlaceMention[] = [];
  let i = 0;
  while (i < tokens.count) {
    // Every mention holds a capitalised word; lowercase words only open one just before it.
    let c = i;
    while (c < tokens.count && ((flags[c] ?? 0) & HAS_UPPER) === 0) c++;
    if (c >= tokens.count) break;
    let open = c;
    while (open > i && c - open < 3 && tokens.joined(open) && mayOpen(tokens, open - 1)) open--;
    let found = false;
    for (let s = open; s <= c; s++) {
      const mention = mentionAt(tokens, s, index);
      if (!mention) continue;
      const start = starts[s] ?? 0;
      const end = ends[mention.end - 1] ?? start;
      if (mention.region) out.push({ start, end, mention: text.slice(start, end), region: mention.region });
      i = mention.end;
      found = true;
      break;
    }
    if (!found) i = c + 1;
  }
  return out;
}

let searchKeys: { region: Region; keys: string[] }[] | undefined;

function foldPhrase(phrase: string): string {
  return tokenize(phrase)
    .map((t) => foldToken(t.raw))
    .join(" ");
}

/** Regions whose name or an alias equals, starts with, or has a word starting with the query; best first. */
export function searchRegions(query: string, limit = 20): Region[] {
  const needle = foldPhrase(query);
  const code = query.trim().toUpperCase();
  if (!needle) return [];
  searchKeys ??= allRegions().map((region) => ({
    region,
    keys: [region.name, ...region.aliases].map(foldPhrase),
  }));
  const scored: { region: Region; score: number }[] = [];
  for (const { region, keys } of searchKeys) {
    let score = region.code === code ? 0 : Infinity;
    for (const key of keys) {
      if (key === needle) score = Math.min(score, 1);
      else if (key.startsWith(needle)) score = Math.min(score, 2);
      else if (score > 3 && key.includes(` ${needle}`)) score = 3;
    }
    if (score !== Infinity) scored.push({ region, score: score * 10 + region.level });
  }
  scored.sort((a, b) => a.score - b.score || a.region.name.localeCompare(b.region.name));
  return scored.slice(0, limit).map((s) => s.region);
}
