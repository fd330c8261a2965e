export type TokenType = "word" | "num" | "punct";

export interface Token {
  type: TokenType;
  text: string;
  lower: string;
  start: number;
  end: number;
  /** For "num": the value of the digits, before any scale word. */
  value?: number;
  /** For "num": whether it was written with a thousands separator. */
  grouped?: boolean;
  /** For "num": digits written as a decimal ("1.2"). */
  decimal?: boolean;
}

const GROUP_SEPARATORS = new Set([",", ".", " ", "\u00a0", "\u202f", "\u2009", "'"]);
const LAKH_TAIL = /(?:,\d\d){1,6},\d{3}(?!\d)/y;
const SCALE_AFTER_DOT = /^\s*(million|billion|bn|m|k|thousand|mn)\b/i;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

function isLetter(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)
  );
}

function threeDigitsAt(text: string, i: number): boolean {
  return isDigit(text[i]) && isDigit(text[i + 1]) && isDigit(text[i + 2]) && !isDigit(text[i + 3]);
}

function scanNumber(text: string, start: number): Token {
  let i = start;
  while (isDigit(text[i])) i++;
  const firstGroupLength = i - start;
  let grouped = false;
  let separator: string | null = null;
  // "5,00,000", "12,34,567": lakh grouping, pairs of digits before the last three.
  LAKH_TAIL.lastIndex = i;
  if (firstGroupLength <= 2 && LAKH_TAIL.test(text)) {
    i = LAKH_TAIL.lastIndex;
    const raw = text.slice(start, i);
    return {
      type: "num",
      text: raw,
      lower: raw,
      start,
      end: i,
      value: Number(raw.replaceAll(",", "")),
      grouped: true,
    };
  }
  if (firstGroupLength <= 3) {
    for (;;) {
      const sep = text[i];
      if (sep === undefined || !GROUP_SEPARATORS.has(sep) || !threeDigitsAt(text, i + 1)) break;
      if (separator !== null && sep !== separator) break;
      // "1.500" is a thousands group, "1.500 million" is a decimal.
      if (sep === "." && SCALE_AFTER_DOT.test(text.slice(i + 4, i + 16))) break;
      if (sep === "'" && text[i - 1] === "'") break;
      separator = sep;
      grouped = true;
      i += 4;
    }
  }
  let decimal = false;
  // "1,5 million": a decimal comma, only before a scale word.
  if (
    !grouped &&
    text[i] === "," &&
    isDigit(text[i + 1]) &&
    /^\d{1,2}\s*(million|billion|bn|m)\b/i.test(text.slice(i + 1, i + 14))
  ) {
    decimal = true;
    i++;
    while (isDigit(text[i])) i++;
    const raw = text.slice(start, i);
    return {
      type: "num",
      text: raw,
      lower: raw,
      start,
      end: i,
      value: Number(raw.replace(",", ".")),
      grouped: false,
      decimal,
    };
  }
  if (text[i] === "." && isDigit(text[i + 1]) && separator !== ".") {
    decimal = true;
    i++;
    while (isDigit(text[i])) i++;
  }
  const raw = text.slice(start, i);
  const digits = decimal ? raw.replace(/[^0-9.]/g, "") : raw.replace(/[^0-9]/g, "");
  const value = Number(digits);
  return { type: "num", text: raw, lower: raw, start, end: i, value, grouped, decimal };
}

function isLetterCode(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)
  );
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Splits text into words (with internal hyphens and apostrophes), numbers and punctuation. Linear time. */
export function tokenize(text: string, offset = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = offset;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isDigitCode(c)) {
      const tok = scanNumber(text, i);
      if (tok.end > end) tok.end = end;
      tokens.push(tok);
      i = tok.end;
    } else if (isLetterCode(c)) {
      let j = i + 1;
      while (j < end) {
        const d = text.charCodeAt(j);
        if (isLetterCode(d) || isDigitCode(d)) j++;
        // ' ’ - and the non-breaking hyphen join letters: "al-Bab", "don't".
        else if (
          (d === 39 || d === 0x2019 || d === 45 || d === 0x2011) &&
          isLetterCode(text.charCodeAt(j + 1))
        )
          j += 2;
        else break;
      }
      const word = text.slice(i, j);
      tokens.push({ type: "word", text: word, lower: word.toLowerCase(), start: i, end: j });
      i = j;
    } else if (c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 0x202f || c === 0x2009) {
      i++;
    } else {
      const ch = text.charAt(i);
      tokens.push({ type: "punct", text: ch, lower: ch, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

export interface Sentence {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "st",
  "no",
  "gen",
  "col",
  "lt",
  "sgt",
  "capt",
  "prof",
  "rev",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "vs",
  "etc",
  "approx",
  "est",
  "govt",
  "e.g",
  "i.e",
]);

/** Sentence boundaries: ".", "!" or "?" followed by a capital, a quote or a digit, unless an abbreviation ends there. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code !== 46 && code !== 33 && code !== 63) continue;
    const c = text.charAt(i);
    let j = i + 1;
    while (j < n && /["'”’)\]]/.test(text[j]!)) j++;
    const closeEnd = j;
    let spaces = 0;
    while (j < n && /\s/.test(text[j]!)) {
      j++;
      spaces++;
    }
    if (j >= n) continue;
    const next = text[j]!;
    const upperNext = /[A-Z"“‘'(\d]/.test(next);
    if (!upperNext) continue;
    if (c === ".") {
      let k = i - 1;
      while (k >= 0 && isLetter(text[k])) k--;
      const word = text.slice(k + 1, i);
      if (word.length === 1 && /[A-Z]/.test(word)) continue; // U.N., initials
      if (text[k] === "." && word.length <= 2) continue; // a.m., U.S.
      if (ABBREVIATIONS.has(word.toLowerCase()) && spaces > 0 && !/\d/.test(next)) continue;
      if (spaces === 0 && !(word.length > 2 && /[a-z]/.test(word) && /[A-Z]/.test(next))) continue;
    }
    out.push({ start, end: closeEnd });
    start = j;
  }
  if (start < n) out.push({ start, end: n });
  return out.filter((s) => text.slice(s.start, s.end).trim().length > 0);
}
