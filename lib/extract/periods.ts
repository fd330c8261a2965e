import type { FigurePeriod, Precision } from "./types";
import { dict } from "./lexicon";

// A small date grammar of our own: chrono-node costs more than the rest of extraction together, and reports
// use few date shapes. Relative wording resolves against the publication date.

const MONTHS: Record<string, number> = dict({
  january: 0,
  jan: 0,
  february: 1,
  feb: 1,
  march: 2,
  mar: 2,
  april: 3,
  apr: 3,
  may: 4,
  june: 5,
  jun: 5,
  july: 6,
  jul: 6,
  august: 7,
  aug: 7,
  september: 8,
  sep: 8,
  sept: 8,
  october: 9,
  oct: 9,
  november: 10,
  nov: 10,
  december: 11,
  dec: 11,
});
const WEEKDAYS: Record<string, number> = dict({
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
});
const MONTH =
  "(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?(?![A-Za-z])";
const PART =
  "(?:([Ee]arly|[Mm]id|[Mm]iddle|[Ll]ate|[Ee]nd of|the end of|[Bb]eginning of|the beginning of|[Ss]tart of|the start of)[\\s-]+)?";
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
const YEAR = "((?:19|20)\\d\\d)";

/** One pass over the sentence: every alternative is anchored on a word, so the scan stays linear. */
const DATE = new RegExp(
  [
    `\\b(?:[Bb]etween|[Ff]rom)\\s+${MONTH}(?:\\s+${YEAR})?\\s+(?:and|to|until|-|–)\\s+${MONTH}(?:,?\\s+${YEAR})?`,
    `\\b(?:[Bb]etween|[Ff]rom)\\s+${DAY}\\s+(?:and|to|-|–)\\s+${DAY}\\s+${MONTH}(?:,?\\s+${YEAR})?`,
    `\\b(?:[Ff]rom\\s+)?${DAY}\\s+${MONTH}(?:\\s+${YEAR})?\\s+(?:to|until|-|–)\\s+${DAY}\\s+${MONTH}(?:,?\\s+${YEAR})?`,
    `\\b${DAY}\\s+${MONTH}(?:,?\\s+${YEAR})?`,
    `\\b${MONTH}\\s+${DAY}\\b(?:,?\\s+${YEAR})?`,
    `\\b${PART}${MONTH}(?:\\s+${YEAR})?`,
    `\\b(?:[Ii]n|[Ss]ince|[Dd]uring|of|by|until|throughout|[Ff]rom)\\s+${PART}${YEAR}\\b`,
    `\\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b`,
    `\\b([Yy]esterday|[Tt]oday|[Tt]onight|[Ll]ast night)\\b`,
    `\\b([Ll]ast|[Pp]ast|[Tt]his|[Pp]revious)\\s+(week|month|year|weekend)\\b`,
    `\\b(?:the\\s+)?(?:[Pp]ast|[Ll]ast)\\s+(\\d{1,3}|two|three|four|five|six|seven|ten|few)\\s+(hours|days|weeks|months)\\b`,
    `\\bover the (weekend)\\b`,
  ].join("|"),
  "g",
);
const DATE_CUE =
  /\b(?:19|20)\d\d\b|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|day|night|hour|week|month|year/;
const SMALL: Record<string, number> = dict({
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  ten: 10,
  few: 3,
});

interface Span {
  start: Date;
  end: Date;
  precision: Precision;
  /** Whether the year was written (or the span needs none). */
  absolute: boolean;
}

const DAY_MS = 86_400_000;

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m, d));
}

function iso(d: Date): string {
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) return d.toISOString().slice(0, 10);
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${day < 10 ? "0" : ""}${day}`;
}

function lastDay(y: number, m: number): number {
  return utc(y, m + 1, 0).getUTCDate();
}

let lastPublished: { text: string; date: Date | null } | null = null;

/** The publication date; one item's sentences all ask for the same one. Callers never mutate it. */
function parsePublished(published: string | null | undefined): Date | null {
  if (!published || !/^\d{4}-\d{2}-\d{2}$/.test(published)) return null;
  if (lastPublished?.text === published) return lastPublished.date;
  const d = new Date(`${published}T00:00:00Z`);
  const date = Number.isNaN(d.getTime()) ? null : d;
  lastPublished = { text: published, date };
  return date;
}

/** A month without a year lies on or before the publication date. */
function yearFor(month: number, day: number, written: string | undefined, ref: Date | null): number | null {
  if (written) return Number(written);
  if (!ref) return null;
  const y = ref.getUTCFullYear();
  return utc(y, month, day).getTime() > ref.getTime() ? y - 1 : y;
}

function monthSpan(y: number, m: number, part: string | undefined): Omit<Span, "absolute"> {
  const p = part?.replace(/^the /, "");
  if (p === "early" || p === "beginning of" || p === "start of")
    return { start: utc(y, m, 1), end: utc(y, m, 10), precision: "day" };
  if (p === "mid" || p === "middle") return { start: utc(y, m, 11), end: utc(y, m, 20), precision: "day" };
  if (p === "late" || p === "end of")
    return { start: utc(y, m, 21), end: utc(y, m, lastDay(y, m)), precision: "day" };
  return { start: utc(y, m, 1), end: utc(y, m, lastDay(y, m)), precision: "month" };
}

function month(name: string | undefined): number | undefined {
  return name === undefined ? undefined : MONTHS[name.toLowerCase().replace(/\.$/, "")];
}

function spanOf(all: Array<string | undefined>, ref: Date | null): Span | null {
  // "between January and March 2024": the first alternative, groups 1-4; the rest shift by four.
  if (all[1] !== undefined) {
    const m1 = month(all[1])!;
    const m2 = month(all[3])!;
    const y2 = yearFor(m2, 1, all[4], ref);
    if (y2 === null) return null;
    const y1 = all[2] !== undefined ? Number(all[2]) : m1 > m2 ? y2 - 1 : y2;
    return {
      start: utc(y1, m1, 1),
      end: utc(y2, m2, lastDay(y2, m2)),
      precision: "month",
      absolute: all[4] !== undefined,
    };
  }
  const g = [all[0], ...all.slice(5)];
  // Groups: 1-4 between-range, 5-10 from-to, 11-13 day month, 14-16 month day, 17-19 part month year,
  // 20-21 part year, 22 weekday, 23 yesterday, 24-25 last week, 26-27 past N days, 28 weekend.
  if (g[1] !== undefined) {
    const m = month(g[3])!;
    const y = yearFor(m, Number(g[2]), g[4], ref);
    if (y === null) return null;
    return {
      start: utc(y, m, Number(g[1])),
      end: utc(y, m, Number(g[2])),
      precision: "day",
      absolute: g[4] !== undefined,
    };
  }
  if (g[5] !== undefined) {
    const m1 = month(g[6])!;
    const m2 = month(g[9])!;
    const y2 = yearFor(m2, Number(g[8]), g[10], ref);
    if (y2 === null) return null;
    const y1 = g[7] !== undefined ? Number(g[7]) : m1 > m2 ? y2 - 1 : y2;
    return {
      start: utc(y1, m1, Number(g[5])),
      end: utc(y2, m2, Number(g[8])),
      precision: "day",
      absolute: g[10] !== undefined,
    };
  }
  if (g[11] !== undefined || g[14] !== undefined) {
    const day = Number(g[11] ?? g[15]);
    const m = month(g[12] ?? g[14])!;
    if (day < 1 || day > 31) return null;
    const y = yearFor(m, day, g[13] ?? g[16], ref);
    if (y === null) return null;
    const d = utc(y, m, day);
    return { start: d, end: d, precision: "day", absolute: (g[13] ?? g[16]) !== undefined };
  }
  if (g[18] !== undefined) {
    const m = month(g[18])!;
    const y = yearFor(m, 1, g[19], ref);
    if (y === null) return null;
    return { ...monthSpan(y, m, g[17]), absolute: g[19] !== undefined };
  }
  if (g[21] !== undefined) {
    const y = Number(g[21]);
    const part = g[20]?.replace(/^the /, "");
    if (part === "early" || part === "beginning of" || part === "start of")
      return { start: utc(y, 0, 1), end: utc(y, 3, 30), precision: "month", absolute: true };
    if (part === "late" || part === "end of")
      return { start: utc(y, 9, 1), end: utc(y, 11, 31), precision: "month", absolute: true };
    return { start: utc(y, 0, 1), end: utc(y, 11, 31), precision: "year", absolute: true };
  }
  if (!ref) return null;
  if (g[22] !== undefined) {
    const target = WEEKDAYS[g[22].toLowerCase()]!;
    const d = new Date(ref);
    while (d.getUTCDay() !== target) d.setUTCDate(d.getUTCDate() - 1);
    return { start: d, end: d, precision: "day", absolute: false };
  }
  if (g[23] !== undefined) {
    const word = g[23].toLowerCase();
    const d = word === "yesterday" || word === "last night" ? new Date(ref.getTime() - DAY_MS) : ref;
    return { start: d, end: d, precision: "day", absolute: false };
  }
  if (g[24] !== undefined) {
    const which = g[24].toLowerCase();
    const unit = g[25]!.toLowerCase();
    const y = ref.getUTCFullYear();
    if (unit === "week") {
      if (which === "this")
        return {
          start: new Date(ref.getTime() - ((ref.getUTCDay() + 6) % 7) * DAY_MS),
          end: ref,
          precision: "week",
          absolute: false,
        };
      if (which === "past")
        return { start: new Date(ref.getTime() - 7 * DAY_MS), end: ref, precision: "day", absolute: false };
      const monday = new Date(ref.getTime() - (((ref.getUTCDay() + 6) % 7) + 7) * DAY_MS);
      return {
        start: monday,
        end: new Date(monday.getTime() + 6 * DAY_MS),
        precision: "week",
        absolute: false,
      };
    }
    if (unit === "weekend") return weekend(ref);
    if (unit === "month") {
      if (which === "this")
        return { start: utc(y, ref.getUTCMonth(), 1), end: ref, precision: "day", absolute: false };
      if (which === "past")
        return { start: new Date(ref.getTime() - 30 * DAY_MS), end: ref, precision: "day", absolute: false };
      const m = ref.getUTCMonth() === 0 ? 11 : ref.getUTCMonth() - 1;
      return { ...monthSpan(m === 11 ? y - 1 : y, m, undefined), absolute: false };
    }
    if (which === "this") return { start: utc(y, 0, 1), end: ref, precision: "day", absolute: false };
    if (which === "past")
      return { start: new Date(ref.getTime() - 365 * DAY_MS), end: ref, precision: "day", absolute: false };
    return { start: utc(y - 1, 0, 1), end: utc(y - 1, 11, 31), precision: "year", absolute: false };
  }
  if (g[26] !== undefined) {
    const n = /^\d+$/.test(g[26]) ? Number(g[26]) : (SMALL[g[26].toLowerCase()] ?? 1);
    const unit = g[27]!.toLowerCase();
    const days =
      unit === "hours" ? Math.ceil(n / 24) : unit === "days" ? n : unit === "weeks" ? 7 * n : 30 * n;
    return { start: new Date(ref.getTime() - days * DAY_MS), end: ref, precision: "day", absolute: false };
  }
  if (g[28] !== undefined) return weekend(ref);
  return null;
}

function weekend(ref: Date): Span {
  const d = new Date(ref);
  while (d.getUTCDay() !== 6) d.setUTCDate(d.getUTCDate() - 1);
  return { start: d, end: new Date(d.getTime() + DAY_MS), precision: "day", absolute: false };
}

/** The modal verb "may" is never a date: "numbers may rise". */
function isModalMay(sentence: string, index: number, text: string): boolean {
  if (!/^may\b/i.test(text)) return false;
  if (!/^May/.test(text)) return true;
  const before = sentence.slice(Math.max(0, index - 12), index);
  const after = sentence.slice(index + 3, index + 12);
  if (
    /\b(in|during|since|of|early|mid|late|until|by|from|end of|on)\s+$/i.test(before) ||
    /^\s+\d/.test(after)
  )
    return false;
  return true;
}

/**
 * The reference period a sentence states, resolved against the publication date. "since X" and "so far this
 * year" run up to publication. Without a publication date, only dates with a written year count.
 */
export function resolvePeriod(sentence: string, published: string | null | undefined): FigurePeriod | null {
  const ref = parsePublished(published);
  const lower = sentence.toLowerCase();
  if (ref && lower.includes("so far this year")) {
    return { start: `${ref.getUTCFullYear()}-01-01`, end: iso(ref), precision: "day" };
  }
  if (!DATE_CUE.test(sentence)) return null;
  const quarter = /\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+((?:19|20)\d\d)\b/i.exec(
    sentence,
  );
  if (quarter) {
    const q =
      ["first", "1st", "second", "2nd", "third", "3rd", "fourth", "4th"].indexOf(quarter[1]!.toLowerCase()) >>
      1;
    const y = Number(quarter[2]);
    return {
      start: iso(utc(y, q * 3, 1)),
      end: iso(utc(y, q * 3 + 2, lastDay(y, q * 3 + 2))),
      precision: "quarter",
    };
  }
  const re = DATE;
  re.lastIndex = 0;
  let first: FigurePeriod | null = null;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence)) !== null) {
    const found = periodOf(m, sentence, lower, ref);
    if (!found) continue;
    if (found.since) return found.period;
    first ??= found.period;
  }
  return first;
}

/** "since the start of the conflict in April 2023", "from the beginning of May". */
const SINCE_BEFORE =
  /\b(?:(?:since|from)\s+(?:the\s+)?(?:(?:beginning|start|end|middle)\s+of\s+)?|since\s+the\s+(?:start|beginning|outbreak|onset|escalation)\s+of\s+(?:the\s+)?(?:[a-z-]+\s+){1,3}in\s+)$/;

function periodOf(
  m: RegExpExecArray,
  sentence: string,
  lower: string,
  ref: Date | null,
): { period: FigurePeriod; since: boolean } | null {
  if (isModalMay(sentence, m.index, m[0])) return null;
  const s = spanOf(Array.from(m), ref);
  if (!s || (!ref && !s.absolute) || s.start.getTime() > s.end.getTime()) return null;
  const before = lower.slice(Math.max(0, m.index - 60), m.index);
  if (SINCE_BEFORE.test(before) || /^since\b/i.test(m[0])) {
    // Without a publication date, "since April 2023" is a period open at its end.
    if (!ref) return { period: { start: iso(s.start), end: null, precision: s.precision }, since: true };
    if (ref.getTime() >= s.start.getTime()) {
      return {
        period: {
          start: iso(s.start),
          end: iso(ref),
          precision: s.precision !== "week" ? "day" : s.precision,
        },
        since: true,
      };
    }
  }
  return { period: { start: iso(s.start), end: iso(s.end), precision: s.precision }, since: false };
}

const DATE_AT = new RegExp(DATE.source, "y");
const ATTACHED_DATE = /\s*(?:(?:in|on|during|as of|by)\s+)?/y;

/** "… compared with 120 in December 2023": a date right after a figure's quote (ending at `at`) is its own. */
export function attachedPeriod(
  sentence: string,
  published: string | null | undefined,
  at: number,
): FigurePeriod | null {
  ATTACHED_DATE.lastIndex = at;
  if (!ATTACHED_DATE.exec(sentence)) return null;
  const afterPrep = ATTACHED_DATE.lastIndex;
  let afterSpace = at;
  while (afterSpace < afterPrep && /\s/.test(sentence.charAt(afterSpace))) afterSpace++;
  for (const position of afterSpace === afterPrep ? [afterSpace] : [afterSpace, afterPrep]) {
    DATE_AT.lastIndex = position;
    const m = DATE_AT.exec(sentence);
    if (m) return periodOf(m, sentence, sentence.toLowerCase(), parsePublished(published))?.period ?? null;
  }
  return null;
}

const CUMULATIVE =
  /\b(so far|since|in total|to date|total|toll|tally|cumulative|overall|altogether|in all|have been|has been|hosts?|hosting|there are|currently|remain|remains|living|live|home to|population|in need|need|sheltering|staying|number of)\b/i;

/** Cumulative wording makes a stock; a single event makes a flow. */
export function isStock(sentence: string): boolean {
  return CUMULATIVE.test(sentence);
}
