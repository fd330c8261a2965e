import * as chrono from "chrono-node";

import type { FigurePeriod, Precision } from "./types";

const DATE_CUE =
  /\b(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|week|weekend|month|year|since|so far|to date|19\d\d|20\d\d)\b/i;
const MONTH_INDEX: Record<string, number> = {
  january: 0,
  february: 1,
  march: 2,
  april: 3,
  may: 4,
  june: 5,
  july: 6,
  august: 7,
  september: 8,
  october: 9,
  november: 10,
  december: 11,
};

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m, d));
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
}

function parsePublished(published: string | null | undefined): Date | null {
  if (!published || !/^\d{4}-\d{2}-\d{2}$/.test(published)) return null;
  const d = new Date(`${published}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Whether a sentence has any wording that could name a time. */
export function hasDateCue(sentence: string): boolean {
  return DATE_CUE.test(sentence);
}

interface Span {
  start: Date;
  end: Date;
  precision: Precision;
}

function monthSpan(y: number, m: number, part: string | undefined): Span {
  const last = lastDayOfMonth(y, m);
  if (part === "early") return { start: utc(y, m, 1), end: utc(y, m, 10), precision: "day" };
  if (part === "mid" || part === "middle")
    return { start: utc(y, m, 11), end: utc(y, m, 20), precision: "day" };
  if (part === "late" || part === "end")
    return { start: utc(y, m, 21), end: utc(y, m, last), precision: "day" };
  return { start: utc(y, m, 1), end: utc(y, m, last), precision: "month" };
}

/** A date without a stated year lies on or before the publication date. */
function pastYear(month: number, day: number, ref: Date): number {
  const y = ref.getUTCFullYear();
  return utc(y, month, day).getTime() > ref.getTime() + 86_400_000 ? y - 1 : y;
}

function spanOf(result: chrono.ParsedResult, ref: Date | null, sentence: string): Span | null {
  const text = result.text.toLowerCase().replace(/[,.]$/, "");
  if (text === "may" && !/\b(in|during|since|of|early|mid|late|until|by)\s+may\b/i.test(sentence))
    return null;
  const s = result.start;
  const yearKnown = s.isCertain("year");
  if (!yearKnown && !ref) return null;
  const before = sentence.slice(Math.max(0, result.index - 12), result.index).toLowerCase();
  const part = /\b(early|mid|middle|late|end of)[\s-]*$/.exec(before)?.[1]?.replace("end of", "end");
  const month = s.get("month");
  const day = s.get("day");
  let year = s.get("year") ?? ref?.getUTCFullYear() ?? 1970;
  if (!yearKnown && ref && month !== null)
    year = pastYear(month - 1, s.isCertain("day") ? (day ?? 1) : 1, ref);
  if (/\b(this|last|past) year\b/.test(text) && ref) {
    const y = text.includes("this") ? ref.getUTCFullYear() : ref.getUTCFullYear() - 1;
    if (text.includes("past"))
      return { start: new Date(ref.getTime() - 365 * 86_400_000), end: ref, precision: "day" };
    return {
      start: utc(y, 0, 1),
      end: text.includes("this") ? ref : utc(y, 11, 31),
      precision: text.includes("this") ? "day" : "year",
    };
  }
  if (/\b(last|past|this) week\b/.test(text) && ref) {
    const start = new Date(ref.getTime() - 7 * 86_400_000);
    return { start, end: ref, precision: "week" };
  }
  if (/\b(last|past|this) month\b/.test(text) && ref) {
    if (text.includes("this"))
      return { start: utc(ref.getUTCFullYear(), ref.getUTCMonth(), 1), end: ref, precision: "day" };
    const m = ref.getUTCMonth() - 1;
    const y = m < 0 ? ref.getUTCFullYear() - 1 : ref.getUTCFullYear();
    return monthSpan(y, (m + 12) % 12, undefined);
  }
  if (/weekend/.test(text) && ref) {
    const d = new Date(ref);
    while (d.getUTCDay() !== 6) d.setUTCDate(d.getUTCDate() - 1);
    if (d.getTime() > ref.getTime()) d.setUTCDate(d.getUTCDate() - 7);
    return { start: d, end: new Date(d.getTime() + 86_400_000), precision: "day" };
  }
  if (month === null) return null;
  if (s.isCertain("day") || (!s.isCertain("month") && ref)) {
    let date = utc(year, month - 1, day ?? 1);
    // "on Wednesday": the last such weekday on or before publication.
    if (!s.isCertain("month") && ref && s.isCertain("weekday")) {
      date = new Date(ref);
      const wd = s.get("weekday") ?? date.getUTCDay();
      while (date.getUTCDay() !== wd) date.setUTCDate(date.getUTCDate() - 1);
      date = utc(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    } else if (!s.isCertain("month")) {
      const d = s.date();
      date = utc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    }
    let end = date;
    if (result.end) {
      const e = result.end;
      const ey = e.isCertain("year") ? (e.get("year") ?? year) : year;
      end = utc(ey, (e.get("month") ?? month) - 1, e.get("day") ?? 1);
    }
    return { start: date, end, precision: "day" };
  }
  if (!s.isCertain("month")) {
    if (yearKnown) return { start: utc(year, 0, 1), end: utc(year, 11, 31), precision: "year" };
    return null;
  }
  const span = monthSpan(year, month - 1, part);
  if (result.end && result.end.get("month") !== null) {
    const em = (result.end.get("month") ?? month) - 1;
    const ey = result.end.get("year") ?? year;
    span.end = utc(ey, em, lastDayOfMonth(ey, em));
  }
  return span;
}

/**
 * The reference period a sentence states, resolved against the publication date.
 * "since X" runs from X to publication; without a publication date only absolute dates count.
 */
export function resolvePeriod(sentence: string, published: string | null | undefined): FigurePeriod | null {
  if (!hasDateCue(sentence)) return null;
  const ref = parsePublished(published);
  const lower = sentence.toLowerCase();
  if (/\bso far this year\b|\bthis year\b/.test(lower) && ref) {
    return { start: `${ref.getUTCFullYear()}-01-01`, end: iso(ref), precision: "day" };
  }
  // "between 14 and 31 January 2021", "between 1 and 13 April 2025": chrono sees only the second date.
  const between =
    /\b(?:between|from)\s+(\d{1,2})\s+(?:and|to|-|–)\s+(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\b/i.exec(sentence);
  if (between) {
    const m = MONTH_INDEX[between[3]!.toLowerCase()];
    if (m !== undefined) {
      const y = Number(between[4]);
      return {
        start: iso(utc(y, m, Number(between[1]))),
        end: iso(utc(y, m, Number(between[2]))),
        precision: "day",
      };
    }
  }
  let results: chrono.ParsedResult[];
  try {
    results = chrono.parse(sentence, ref ?? new Date(Date.UTC(2000, 0, 1)));
  } catch {
    return null;
  }
  for (const r of results) {
    if (!ref && !r.start.isCertain("year")) continue;
    const span = spanOf(r, ref, sentence);
    if (!span) continue;
    const before = lower.slice(Math.max(0, r.index - 25), r.index);
    if (
      /\b(since|from)\s+(the\s+)?(beginning|start|end|middle)?\s*(of\s+)?(early|mid|late)?[\s-]*$/.test(
        before,
      ) &&
      !r.end
    ) {
      const end = ref ?? span.end;
      if (end.getTime() < span.start.getTime()) continue;
      return {
        start: iso(span.start),
        end: iso(end),
        precision: span.precision === "month" && ref ? "day" : span.precision,
      };
    }
    if (span.start.getTime() > span.end.getTime()) continue;
    return { start: iso(span.start), end: iso(span.end), precision: span.precision };
  }
  return null;
}

const CUMULATIVE =
  /\b(so far|since|in total|to date|total|toll|tally|cumulative|overall|altogether|in all|have been|has been|hosts?|hosting|there are|currently|remain|living|live|home to|population|in need|need)\b/i;

/** Cumulative wording makes a stock; a single event makes a flow. */
export function isStock(sentence: string): boolean {
  return CUMULATIVE.test(sentence);
}
