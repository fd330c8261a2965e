import { SPELLING_CLASSES } from "./curated";

/** Arabic definite articles as transliterated ("al-", "as-", "ez-"…); all fold to "al". */
const ARTICLES = new Set([
  "al",
  "el",
  "il",
  "as",
  "es",
  "ash",
  "esh",
  "ad",
  "ed",
  "ar",
  "er",
  "az",
  "ez",
  "at",
  "et",
  "an",
  "en",
  "ath",
  "adh",
]);
export const ARTICLE = "al";

/** Lowercase words that may sit inside a place name without capitals. */
const CONNECTOR_WORDS = [
  "of",
  "the",
  "and",
  "de",
  "del",
  "da",
  "do",
  "dos",
  "das",
  "la",
  "le",
  "les",
  "des",
  "du",
  "di",
  "wa",
  "wal",
  "y",
  "e",
  "bin",
  "ibn",
  "strip",
  "territory",
  "territories",
  "heights",
  "valley",
  "republic",
];

const DIRECTION_WORDS = [
  "north",
  "south",
  "east",
  "west",
  "northern",
  "southern",
  "eastern",
  "western",
  "northeast",
  "northwest",
  "southeast",
  "southwest",
  "northeastern",
  "northwestern",
  "southeastern",
  "southwestern",
  "central",
  "rural",
  "greater",
];
const COMPASS_FIRST = ["north", "south"];
const COMPASS_SECOND = ["east", "west", "eastern", "western"];
/** Direction abbreviations, matched only in capitals ("NW Syria"). */
export const DIRECTION_ABBREVIATIONS = new Set(["NW", "NE", "SW", "SE"]);

/** A word after a place name that says which level is meant ("Idlib city", "Khartoum state"). */
const SUFFIX_WORDS: Record<string, number | null> = {
  governorate: 1,
  province: 1,
  oblast: 1,
  state: 1,
  region: 1,
  county: 1,
  department: 1,
  division: 1,
  prefecture: 1,
  district: 2,
  subdistrict: 3,
  nahiya: 3,
  city: 4,
  town: 4,
  village: 4,
  countryside: null,
  suburbs: null,
  outskirts: null,
};

const SPECIAL_LETTERS: Record<string, string> = {
  ı: "i",
  ł: "l",
  ø: "o",
  đ: "d",
  ð: "d",
  þ: "th",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ħ: "h",
};

const spelling = new Map<string, string>();
const foldCache = new Map<string, string>();

/**
 * Folds one word to its matching key: case, diacritics, apostrophes, doubled letters and the common
 * transliteration swaps (ee/i, ou/u) are erased, articles become "al", and known press spellings of
 * one name ("Idleb"/"Idlib") become one key.
 */
export function foldToken(raw: string): string {
  let key = foldCache.get(raw);
  if (key !== undefined) return key;
  let s = raw.toLowerCase();
  if (!/^[a-z0-9]*$/.test(s)) {
    s = s
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[ıłøđðþßæœħ]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch)
      .replace(/[^a-z0-9]/g, "");
  }
  // OCHA writes the article joined ("Madamiyet Elsham"); the press writes "al-Sham".
  if (s.length >= 6 && s.startsWith("el") && !"aeiouy".includes(s.charAt(2))) {
    key = `${ARTICLE} ${foldToken(s.slice(2))}`;
  } else {
    s = squeeze(s);
    key = ARTICLES.has(s) ? ARTICLE : (spelling.get(s) ?? s);
  }
  if (foldCache.size >= 100_000) foldCache.clear();
  foldCache.set(raw, key);
  return key;
}

/** ee -> i, ou/oo -> u, runs of one letter -> one letter, one form of -iyeh/-eh; s holds only [a-z0-9]. */
function squeeze(s: string): string {
  let out = "";
  let previous = "";
  for (let k = 0; k < s.length; k++) {
    let ch = s.charAt(k);
    const next = s.charAt(k + 1);
    if (ch === "e" && next === "e") {
      ch = "i";
      k++;
    } else if (ch === "o" && (next === "u" || next === "o")) {
      ch = "u";
      k++;
    }
    if (ch === previous && ch >= "a") continue;
    out += ch;
    previous = ch;
  }
  // Arabic feminine endings: -iyeh/-iyah/-ieh/-eyeh are one ending, and a final -eh/-ah is -a.
  if (out.length >= 5) out = out.replace(/(?:iy|ey|i)(?:eh|ah|a|e)$/, "iya").replace(/[ae]h$/, "a");
  return out;
}

for (const members of SPELLING_CLASSES) {
  const [canonical, ...others] = members.map(foldToken);
  if (canonical === undefined) continue;
  for (const other of others) if (other !== canonical) spelling.set(other, canonical);
}
// Words folded while the spelling classes were being read were cached before their class existed.
foldCache.clear();

export const CONNECTORS = new Set(CONNECTOR_WORDS.map(foldToken));
export const DIRECTIONS = new Set(DIRECTION_WORDS.map(foldToken));
export const COMPASS_FIRSTS = new Set(COMPASS_FIRST.map(foldToken));
export const COMPASS_SECONDS = new Set(COMPASS_SECOND.map(foldToken));
export const SUFFIXES = new Map(
  Object.entries(SUFFIX_WORDS).map(([word, level]) => [foldToken(word), level]),
);
SUFFIXES.set(foldToken("sub") + foldToken("district"), 3);

/** Words that need no capital inside a place mention. */
export function isExempt(key: string): boolean {
  return key === ARTICLE || CONNECTORS.has(key) || DIRECTIONS.has(key) || SUFFIXES.has(key);
}

export interface Token {
  start: number;
  end: number;
  raw: string;
  /** Whether only spaces and at most one hyphen separate this token from the one before. */
  joined: boolean;
}

function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0xc0 && c < 0x2000) return c < 0x2bc || c > 0x2bf;
  return c >= 0x1e00 && c <= 0x1eff;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2018 || c === 0x2bc || c === 0x2bf || c === 0x2be || c === 96;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

export const JOINED = 1;
export const HAS_UPPER = 2;

/** Word tokens as parallel arrays, so that scanning megabytes allocates no object per word. */
export interface TokenTable {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** JOINED: only spaces and at most one hyphen separate it from the token before; HAS_UPPER. */
  flags: Uint8Array;
}

/** Reused between calls: scanning many short texts would otherwise spend its time allocating. */
let scratch: TokenTable = {
  count: 0,
  starts: new Int32Array(4096),
  ends: new Int32Array(4096),
  flags: new Uint8Array(4096),
};

/**
 * Splits text into word tokens. An apostrophe between letters stays inside the word ("Dar'a"),
 * except a possessive "'s"; "U.S." is one token. The table is valid until the next call.
 */
export function scanTokens(text: string): TokenTable {
  const n = text.length;
  let { starts, ends, flags } = scratch;
  let capacity = starts.length;
  let count = 0;
  let i = 0;
  let gapHyphens = 0;
  let gapOther = false;
  let gapLength = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isWordCode(c)) {
      if (c === 45 || c === 0x2010 || c === 0x2011) gapHyphens++;
      else if (c !== 32 && c !== 0xa0) gapOther = true;
      gapLength++;
      i++;
      continue;
    }
    const start = i;
    let possessive = false;
    let upper = (c >= 65 && c <= 90) || (c > 127 && isUpperCode(c));
    if (c < 128 && text.charCodeAt(i + 1) === 46) {
      // "U.S.", "D.R.": a run of letter-dot pairs, scanned once so that no input makes this quadratic.
      let j = i;
      let capitals = false;
      while (j - i < 14 && j + 1 < n && isAsciiLetter(text.charCodeAt(j)) && text.charCodeAt(j + 1) === 46) {
        const d = text.charCodeAt(j);
        if (d >= 65 && d <= 90) capitals = true;
        j += 2;
      }
      if (j - i >= 4) {
        i = j;
        upper = capitals;
      }
    }
    if (i === start) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d < 128 ? (d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) : isWordCode(d)) {
          if (!upper && ((d >= 65 && d <= 90) || (d > 127 && isUpperCode(d)))) upper = true;
          i++;
          continue;
        }
        if (isApostrophe(d) && i + 1 < n && isWordCode(text.charCodeAt(i + 1))) {
          const after = text.charCodeAt(i + 1);
          possessive = (after === 115 || after === 83) && (i + 2 >= n || !isWordCode(text.charCodeAt(i + 2)));
          if (possessive) break;
          i += 2;
          if (after >= 65 && after <= 90) upper = true;
          continue;
        }
        break;
      }
    }
    if (count === capacity) {
      capacity *= 2;
      starts = grow(starts, capacity);
      ends = grow(ends, capacity);
      const f = new Uint8Array(capacity);
      f.set(flags);
      flags = f;
    }
    starts[count] = start;
    ends[count] = i;
    flags[count] =
      (count > 0 && !gapOther && gapHyphens <= 1 && gapLength <= 3 ? JOINED : 0) | (upper ? HAS_UPPER : 0);
    count++;
    gapHyphens = 0;
    gapOther = false;
    gapLength = 0;
    if (possessive) {
      // "Cox's Bazar" stays one name; "Syria's" is "Syria".
      i += 2;
      gapLength = 2;
    }
  }
  scratch = { count: 0, starts, ends, flags };
  return { count, starts, ends, flags };
}

function grow(a: Int32Array, capacity: number): Int32Array {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

function isUpperCode(c: number): boolean {
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

export function tokenize(text: string): Token[] {
  const table = scanTokens(text);
  const out: Token[] = [];
  for (let k = 0; k < table.count; k++) {
    const start = table.starts[k] ?? 0;
    const end = table.ends[k] ?? 0;
    out.push({ start, end, raw: text.slice(start, end), joined: ((table.flags[k] ?? 0) & JOINED) !== 0 });
  }
  return out;
}

/** The raw form of an acronym ("U.S." -> "US"), or null when the word is not one. */
export function acronymForm(raw: string): string | null {
  let letters = 0;
  let capitals = 0;
  let laterCapital = false;
  let dots = false;
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c === 46) {
      dots = true;
      continue;
    }
    if (c >= 65 && c <= 90) {
      capitals++;
      if (letters > 0) laterCapital = true;
    } else if (c < 97 || c > 122) return null;
    if (++letters > 5) return null;
  }
  // "DRC", "oPt", "U.S." are acronyms; "Ibb" and "idlib" are words.
  if (letters < 2 || capitals === 0 || !laterCapital) return null;
  return dots ? raw.replaceAll(".", "") : raw;
}

/** An elided particle before a capital: "d'Ivoire", "N'Djamena". */
const ELIDED = /^[A-Za-z]{1,2}['’][A-Z]/;

export function isCapitalised(raw: string): boolean {
  const c = raw.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
  if (c >= 128) {
    const ch = raw.charAt(0);
    if (ch !== ch.toLowerCase()) return true;
  }
  return ELIDED.test(raw);
}

/** Names that scanTokens would split at single spaces only. */
const PLAIN_NAME = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

/** Keys under which an alias is indexed: its folded form, and forms without articles. */
export function aliasKeys(alias: string): { key: string; derived: boolean; words: string[] }[] {
  let words: string[];
  if (PLAIN_NAME.test(alias)) {
    words = alias.split(" ");
  } else {
    const tokens = tokenize(alias);
    if (tokens.length === 0 || tokens.some((t, i) => i > 0 && !t.joined)) return [];
    words = tokens.map((t) => t.raw);
  }
  const folded = words.map(foldToken);
  const out = [{ key: folded.join(" "), derived: false, words }];
  if (folded.includes(ARTICLE) && folded.length > 1) {
    const keep = folded.map((k) => k !== ARTICLE);
    const noArticles = folded.filter((_, i) => keep[i]).join(" ");
    out.push({ key: noArticles, derived: true, words: words.filter((_, i) => keep[i]) });
    if (folded[0] === ARTICLE)
      out.push({ key: folded.slice(1).join(" "), derived: true, words: words.slice(1) });
  }
  const seen = new Set<string>();
  return out.filter((k) => k.key !== "" && !seen.has(k.key) && seen.add(k.key));
}
