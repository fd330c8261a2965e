import type { Qualifier } from "./types";
import type { Token } from "./tokens";
import { dict } from "./lexicon";

/** A number expression found in a token stream, with the qualifier that directly modifies it. */
export interface NumberPhrase {
  /** First token of the phrase, qualifier included. */
  first: number;
  /** Last token of the phrase (inclusive), qualifier and scale included. */
  last: number;
  /** First and last token of the number itself. */
  numFirst: number;
  numLast: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  qualifier: Qualifier;
  /** "digits" (20, 1.2 million), "words" (twenty, a dozen), "vague" (dozens), "range". */
  form: "digits" | "words" | "vague" | "range";
  /** A hyphenated modifier such as "two-day" or "13,000-strong": never a count of people. */
  modifier: boolean;
}

const ONES: Record<string, number> = dict({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
});
const TENS: Record<string, number> = dict({
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
});
const SCALES: Record<string, number> = dict({
  hundred: 100,
  thousand: 1_000,
  million: 1_000_000,
  millions: 1_000_000,
  billion: 1_000_000_000,
  bn: 1_000_000_000,
  mn: 1_000_000,
  m: 1_000_000,
  k: 1_000,
});
const ATTACHED_ONLY = new Set(["m", "k", "bn", "mn"]);

const VAGUE: Record<string, [number, number]> = dict({
  dozens: [24, 99],
  hundreds: [200, 999],
  thousands: [2_000, 9_999],
  millions: [2_000_000, 9_999_999],
});

interface QualifierPattern {
  words: string[];
  qualifier: Qualifier;
}

const BEFORE: QualifierPattern[] = [
  ["more than", "at_least"],
  ["more over", "at_least"],
  ["over", "at_least"],
  ["at least", "at_least"],
  ["upwards of", "at_least"],
  ["upward of", "at_least"],
  ["in excess of", "at_least"],
  ["no fewer than", "at_least"],
  ["no less than", "at_least"],
  ["not less than", "at_least"],
  ["not fewer than", "at_least"],
  ["well over", "at_least"],
  ["just over", "at_least"],
  ["above", "at_least"],
  ["exceeding", "at_least"],
  ["greater than", "at_least"],
  ["a minimum of", "at_least"],
  ["minimum of", "at_least"],
  ["more", "at_least"],
  ["up to", "at_most"],
  ["as many as", "at_most"],
  ["as many", "at_most"],
  ["less than", "at_most"],
  ["fewer than", "at_most"],
  ["at most", "at_most"],
  ["no more than", "at_most"],
  ["not more than", "at_most"],
  ["a maximum of", "at_most"],
  ["under", "at_most"],
  ["just under", "approx"],
  ["nearly", "approx"],
  ["almost", "approx"],
  ["about", "approx"],
  ["around", "approx"],
  ["some", "approx"],
  ["approximately", "approx"],
  ["an estimated", "approx"],
  ["estimated", "approx"],
  ["roughly", "approx"],
  ["close to", "approx"],
  ["~", "approx"],
  ["approx", "approx"],
  ["circa", "approx"],
  ["an approximate", "approx"],
  ["approximate", "approx"],
  ["almost", "approx"],
  ["nearly", "approx"],
  ["an approximately", "approx"],
  ["more or less", "approx"],
  ["an estimate of", "approx"],
  ["estimates of", "approx"],
].map(([w, q]) => ({ words: (w as string).split(" "), qualifier: q as Qualifier }));
// Longest first so "no more than" wins over "more than".
BEFORE.sort((a, b) => b.words.length - a.words.length);

const QUALIFIER_LAST_WORDS = new Set(BEFORE.map((p) => p.words[p.words.length - 1]!));

const AFTER: QualifierPattern[] = [
  ["at least", "at_least"],
  ["or more", "at_least"],
  ["plus", "at_least"],
  ["+", "at_least"],
  ["or so", "approx"],
].map(([w, q]) => ({ words: (w as string).split(" "), qualifier: q as Qualifier }));

function wordAt(tokens: Token[], i: number): string | undefined {
  return tokens[i]?.lower;
}

function matchWords(tokens: Token[], i: number, words: string[]): boolean {
  for (let k = 0; k < words.length; k++) if (wordAt(tokens, i + k) !== words[k]) return false;
  return true;
}

function adjacent(a: Token | undefined, b: Token | undefined): boolean {
  return a !== undefined && b !== undefined && a.end === b.start;
}

interface RawNumber {
  first: number;
  last: number;
  value: number;
  form: "digits" | "words";
  modifier: boolean;
  /** Whether a scale word (million, thousand) was part of it. */
  scaled: boolean;
}

const WORD_VALUES = new Map<string, number>([...Object.entries(ONES), ...Object.entries(TENS)]);

function wordValue(part: string): number | undefined {
  return WORD_VALUES.get(part);
}

/** A spelled-out number word or hyphenated pair ("twenty-five"), or undefined. */
function simpleWordNumber(lower: string): { value: number; modifier: boolean } | undefined {
  const direct = wordValue(lower);
  if (direct !== undefined) return { value: direct, modifier: false };
  if (lower.indexOf("-") < 0 && lower.indexOf("‑") < 0) return undefined;
  const parts = lower.split(/[-‑]/);
  const head = wordValue(parts[0]!);
  if (head === undefined) return undefined;
  const second = parts[1] !== undefined ? ONES[parts[1]] : undefined;
  if (parts.length === 2 && TENS[parts[0]!] !== undefined && second !== undefined && second < 10) {
    return { value: head + second, modifier: false };
  }
  return { value: head, modifier: true };
}

function parseScaledTail(
  tokens: Token[],
  i: number,
  base: number,
  attachedOnly: boolean,
): { value: number; last: number } {
  let value = base;
  let last = i - 1;
  let j = i;
  for (;;) {
    const t = tokens[j];
    if (!t || t.type !== "word") break;
    const scale = SCALES[t.lower];
    if (scale === undefined) break;
    if (ATTACHED_ONLY.has(t.lower) && !adjacent(tokens[j - 1], t)) break;
    if (
      attachedOnly &&
      !ATTACHED_ONLY.has(t.lower) &&
      t.lower !== "thousand" &&
      t.lower !== "million" &&
      t.lower !== "billion" &&
      t.lower !== "hundred"
    )
      break;
    if (t.lower === "millions") {
      // "2 millions" is a plain scale word; "millions of" after a number is not.
      if (wordAt(tokens, j + 1) === "of") break;
    }
    value = scale === 100 ? value * 100 : value * scale;
    last = j;
    j++;
    if (scale >= 1_000) break;
  }
  return { value, last };
}

function parseRawNumber(tokens: Token[], i: number): RawNumber | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if (t.type === "num") {
    // Letter-attached numbers such as "M23", "COVID-19" or "1st" are not counts.
    const next = tokens[i + 1];
    if (
      next &&
      adjacent(t, next) &&
      next.type === "word" &&
      SCALES[next.lower] === undefined &&
      !/^(st|nd|rd|th)$/.test(next.lower)
    ) {
      if (/^[-‑]/.test(next.text)) return undefined;
      return { first: i, last: i, value: t.value ?? 0, form: "digits", modifier: true, scaled: false };
    }
    const prev = tokens[i - 1];
    if (prev && adjacent(prev, t) && prev.type === "word") return undefined;
    let modifier = false;
    if (next && adjacent(t, next) && next.type === "word" && /^(st|nd|rd|th)$/.test(next.lower))
      modifier = true;
    const tail = parseScaledTail(tokens, i + 1, t.value ?? 0, false);
    let last = tail.last < i ? i : tail.last;
    // "13,000-strong", "24-year-old", "two-day": a hyphen attached on both sides makes a modifier.
    const after = tokens[last + 1];
    if (
      after &&
      after.type === "punct" &&
      (after.text === "-" || after.text === "‑") &&
      adjacent(tokens[last], after)
    ) {
      const w = tokens[last + 2];
      if (w && w.type === "word" && adjacent(after, w)) modifier = true;
    }
    if (after && after.type === "word" && adjacent(tokens[last], after) && /^[-‑]/.test(after.text))
      modifier = true;
    last = Math.max(last, i);
    return {
      first: i,
      last,
      value: Math.round(tail.value),
      form: "digits",
      modifier,
      scaled: tail.last >= i + 1,
    };
  }
  if (t.type !== "word") return undefined;
  const lw = t.lower;
  // "half a million", "a half million", "a quarter of a million", "a dozen", "a million"
  if (lw === "a" || lw === "an" || lw === "half" || lw === "quarter") {
    let j = i;
    let factor = 1;
    if (lw === "a" || lw === "an") j++;
    const w1 = wordAt(tokens, j);
    if (w1 === "half") {
      factor = 0.5;
      j++;
    } else if (w1 === "quarter") {
      factor = 0.25;
      j++;
      if (wordAt(tokens, j) === "of") j++;
    }
    if (factor !== 1 && wordAt(tokens, j) === "a") j++;
    const scaleWord = wordAt(tokens, j);
    if (scaleWord === "dozen" && factor === 1 && j > i) {
      return { first: i, last: j, value: 12, form: "words", modifier: false, scaled: false };
    }
    if (
      scaleWord === "million" ||
      scaleWord === "billion" ||
      scaleWord === "thousand" ||
      scaleWord === "hundred"
    ) {
      if (factor === 1 && j === i) return undefined;
      return {
        first: i,
        last: j,
        value: Math.round(factor * SCALES[scaleWord]!),
        form: "words",
        modifier: false,
        scaled: true,
      };
    }
    return undefined;
  }
  const simple = simpleWordNumber(lw);
  if (!simple) return undefined;
  if (simple.modifier)
    return { first: i, last: i, value: simple.value, form: "words", modifier: true, scaled: false };
  // twenty five / two hundred and fifty thousand
  let value = simple.value;
  let last = i;
  let j = i + 1;
  let current = value;
  let total = 0;
  let scaled = false;
  for (;;) {
    const w = wordAt(tokens, j);
    if (w === undefined) break;
    // "two dozen" is 24; "dozens" alone is vague and never reaches here.
    if (w === "dozen" && current > 0 && current < 100 && total === 0) {
      current *= 12;
      last = j;
      j++;
      break;
    }
    if (w === "hundred") {
      current *= 100;
      last = j;
      j++;
      scaled = true;
      continue;
    }
    if (w === "thousand" || w === "million" || w === "billion") {
      total += current * SCALES[w]!;
      current = 0;
      last = j;
      j++;
      scaled = true;
      continue;
    }
    if (w === "and" && scaled) {
      const nw = wordAt(tokens, j + 1);
      const nv = nw !== undefined ? simpleWordNumber(nw) : undefined;
      if (nv && !nv.modifier) {
        j++;
        continue;
      }
      break;
    }
    const nv = simpleWordNumber(w);
    if (nv && !nv.modifier && (current % 100 === 0 || current === 0)) {
      current += nv.value;
      last = j;
      j++;
      continue;
    }
    break;
  }
  value = total + current;
  return { first: i, last, value, form: "words", modifier: false, scaled };
}

function parseVague(
  tokens: Token[],
  i: number,
): { first: number; last: number; lower: number; upper: number } | undefined {
  const w = wordAt(tokens, i);
  if (w === "tens" && wordAt(tokens, i + 1) === "of" && wordAt(tokens, i + 2) === "thousands") {
    return { first: i, last: i + 2, lower: 20_000, upper: 99_999 };
  }
  if (w === "hundreds" && wordAt(tokens, i + 1) === "of" && wordAt(tokens, i + 2) === "thousands") {
    return { first: i, last: i + 2, lower: 200_000, upper: 999_999 };
  }
  if (w === "tens" && wordAt(tokens, i + 1) === "of" && wordAt(tokens, i + 2) === "millions") {
    return { first: i, last: i + 2, lower: 20_000_000, upper: 99_999_999 };
  }
  if (w !== undefined && VAGUE[w]) {
    const [lower, upper] = VAGUE[w];
    return { first: i, last: i, lower, upper };
  }
  return undefined;
}

function qualifierBefore(tokens: Token[], at: number): { qualifier: Qualifier; first: number } | undefined {
  // "at least another 900", "up to an additional 500"
  let i = at;
  if (/^(another|additional|further)$/.test(wordAt(tokens, i - 1) ?? "")) i--;
  if (wordAt(tokens, i - 1) === "an" && wordAt(tokens, i) === "additional") i--;
  if (!QUALIFIER_LAST_WORDS.has(wordAt(tokens, i - 1) ?? "")) return undefined;
  for (const p of BEFORE) {
    const s = i - p.words.length;
    if (s < 0) continue;
    if (matchWords(tokens, s, p.words)) {
      // "more" alone must directly precede the number ("more 113,000"), and not be "dozens more".
      if (p.words.length === 1 && p.words[0] === "more") {
        const prevW = wordAt(tokens, s - 1);
        if (prevW === "one" || prevW === "no" || prevW === "any") continue;
      }
      return { qualifier: p.qualifier, first: s };
    }
  }
  return undefined;
}

function qualifierAfter(tokens: Token[], last: number): { qualifier: Qualifier; last: number } | undefined {
  for (const p of AFTER) {
    if (matchWords(tokens, last + 1, p.words)) {
      if (p.words[0] === "+" && !adjacent(tokens[last], tokens[last + 1])) continue;
      return { qualifier: p.qualifier, last: last + p.words.length };
    }
  }
  // "24 at least" can also come after the counted noun: "3 people at least"
  return undefined;
}

const MONTH_WORDS = new Set(
  "january february march april may june july august september october november december".split(" "),
);

const RANGE_JOINERS = new Set(["-", "–", "—", "‑"]);

const PHRASE_STARTS = new Set([
  "a",
  "an",
  "half",
  "quarter",
  "tens",
  ...Object.keys(VAGUE),
  ...WORD_VALUES.keys(),
]);

/** Whether a number expression can start at this token: most words are rejected by one set lookup. */
function mayStartNumber(t: Token): boolean {
  if (t.type === "num") return true;
  if (t.type !== "word") return false;
  const lw = t.lower;
  if (PHRASE_STARTS.has(lw)) return true;
  const ascii = lw.indexOf("-");
  const nonBreaking = lw.indexOf("‑");
  const hyphen = ascii < 0 ? nonBreaking : nonBreaking < 0 ? ascii : Math.min(ascii, nonBreaking);
  return hyphen > 0 && wordValue(lw.slice(0, hyphen)) !== undefined;
}

/** Finds number expressions in a token stream, left to right, non-overlapping. */
export function findNumbers(tokens: Token[], from = 0, to = tokens.length): NumberPhrase[] {
  const out: NumberPhrase[] = [];
  let i = from;
  while (i < to) {
    if (!mayStartNumber(tokens[i]!)) {
      i++;
      continue;
    }
    const vague = parseVague(tokens, i);
    if (vague) {
      out.push({
        first: vague.first,
        last: vague.last,
        numFirst: vague.first,
        numLast: vague.last,
        value: null,
        lower: vague.lower,
        upper: vague.upper,
        qualifier: "vague",
        form: "vague",
        modifier: false,
      });
      i = vague.last + 1;
      continue;
    }
    const raw = parseRawNumber(tokens, i);
    if (!raw) {
      i++;
      continue;
    }
    let phrase: NumberPhrase = {
      first: raw.first,
      last: raw.last,
      numFirst: raw.first,
      numLast: raw.last,
      value: raw.value,
      lower: raw.value,
      upper: raw.value,
      qualifier: "exact",
      form: raw.form,
      modifier: raw.modifier,
    };
    // Ranges: "4,000-6,000", "270-330,000", "10 to 15", "between 10,000 and 15,000"
    const joiner = tokens[raw.last + 1];
    const isBetween = wordAt(tokens, raw.first - 1) === "between";
    // "has risen from 10 million to 13 million" states two values, not a range.
    const isChange =
      wordAt(tokens, raw.first - 1) === "from" &&
      /^(risen|rose|increased|jumped|grown|climbed|fallen|fell|dropped|declined|decreased|up|down|gone)$/.test(
        wordAt(tokens, raw.first - 2) ?? "",
      );
    // "24 February 2023 – 8,006 killed": a year or a day of a month does not open a range.
    const firstToken = tokens[raw.first]!;
    const yearLike =
      firstToken.type === "num" &&
      !firstToken.grouped &&
      firstToken.text.length === 4 &&
      (firstToken.value ?? 0) >= 1900 &&
      (firstToken.value ?? 0) <= 2100 &&
      raw.first === raw.last;
    const dateLike = MONTH_WORDS.has(wordAt(tokens, raw.first - 1) ?? "");
    if (
      !raw.modifier &&
      !yearLike &&
      !dateLike &&
      joiner &&
      ((joiner.type === "punct" && RANGE_JOINERS.has(joiner.text)) ||
        (joiner.lower === "to" && !isBetween && !isChange) ||
        (joiner.lower === "and" && isBetween))
    ) {
      const second = parseRawNumber(tokens, raw.last + 2);
      if (second && !(second.value <= raw.value && !(raw.form === "digits" && second.scaled))) {
        const single = tokens[raw.first]!;
        // "1.5-2 million": the unrounded decimal takes the scale of the second number.
        let low = raw.first === raw.last && single.decimal ? (single.value ?? raw.value) : raw.value;
        const high = second.value;
        if (second.scaled && !raw.scaled && low < 1000) {
          const scale = high / (tokens[second.first]?.value ?? high);
          if (Number.isFinite(scale) && scale > 1 && low * scale <= high) low *= scale;
        } else if (
          low < 1000 &&
          high >= 1000 &&
          tokens[second.first]?.grouped &&
          low * 1000 <= high &&
          low * 10_000 > high
        ) {
          low *= 1000;
        }
        if (low < high) {
          phrase = {
            ...phrase,
            last: second.last,
            numLast: second.last,
            value: null,
            lower: Math.round(low),
            upper: high,
            qualifier: "vague",
            form: "range",
            modifier: second.modifier,
          };
          if (isBetween) phrase.first = raw.first - 1;
        }
      }
    }
    if (phrase.form !== "range") {
      const before = qualifierBefore(tokens, phrase.numFirst);
      if (before) {
        phrase.first = before.first;
        phrase.qualifier = before.qualifier;
      }
      const after = qualifierAfter(tokens, phrase.numLast);
      if (after && !before) {
        phrase.last = after.last;
        phrase.qualifier = after.qualifier;
      }
      applyBounds(phrase);
    }
    out.push(phrase);
    i = phrase.numLast + 1;
  }
  mergeAtLeastAsManyAs(tokens, out);
  return out;
}

export function applyBounds(p: NumberPhrase): void {
  if (p.form === "vague" || p.form === "range") return;
  const v = p.value;
  switch (p.qualifier) {
    case "exact":
      p.lower = v;
      p.upper = v;
      break;
    case "at_least":
      p.lower = v;
      p.upper = null;
      break;
    case "at_most":
      p.lower = null;
      p.upper = v;
      break;
    case "approx":
      p.lower = null;
      p.upper = null;
      break;
    case "vague":
      break;
  }
}

/** "at least seven and as many as 14" is one stated range. */
function mergeAtLeastAsManyAs(tokens: Token[], phrases: NumberPhrase[]): void {
  for (let k = 0; k + 1 < phrases.length; k++) {
    const a = phrases[k]!;
    const b = phrases[k + 1]!;
    if (a.qualifier !== "at_least" || b.qualifier !== "at_most") continue;
    if (b.first !== a.last + 2 || wordAt(tokens, a.last + 1) !== "and") continue;
    if (a.value === null || b.value === null || a.value >= b.value) continue;
    phrases.splice(k, 2, {
      ...a,
      last: b.last,
      numLast: b.numLast,
      value: null,
      lower: a.value,
      upper: b.value,
      qualifier: "vague",
      form: "range",
    });
  }
}
