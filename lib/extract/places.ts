import { findPlaceMentions, getRegion, type PlaceMention, type Region } from "@/lib/regions";

import type { Token } from "./tokens";
import type { FigureRegion, Metric } from "./types";

/** A place named in an item: from the gazetteer, or a capitalised name after a locative preposition. */
export interface Place {
  start: number;
  end: number;
  mention: string;
  /** The gazetteer region; for a name the gazetteer lacks, the region known to contain it (or null). */
  region: Region | null;
  /** Whether the gazetteer knows the name itself. */
  known: boolean;
  /** The lowercased word before the mention ("in", "from", "into"). */
  prep: string;
  venue: boolean;
}

const DIRECTIONS =
  /(?:^|[\s(])((?:north|south|east|west|central|northern|southern|eastern|western|north-?east|north-?west|south-?east|south-?west|north-?eastern|north-?western|south-?eastern|south-?western|upper|lower)\s+)$/i;
const LOCATIVE = new Set([
  "throughout",
  "within",
  "in",
  "at",
  "from",
  "to",
  "into",
  "near",
  "around",
  "across",
  "through",
  "via",
  "of",
  "outside",
  "inside",
  "toward",
  "towards",
]);
const NOT_PLACES = new Set(
  (
    "The A An In On At Of To From Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August " +
    "September October November December Christmas Ramadan Eid UN U.N. UNHCR IOM OCHA WFP WHO ICRC UNICEF NGO IS ISIL ISIS HTS SDF NLF IDPs IDP " +
    "President Minister Ministry Government Office Agency Council Committee Coalition Observatory Reuters AFP AP Geneva"
  ).split(" "),
);
const VENUE_CUES =
  /\b(talks?|meeting|meetings|conference|summit|briefing|negotiations|reporters|met|journalists|interview|signed|gathered)\s+(?:(?:held|hosted|convened)\s+)?(?:in|at)\s+(?:the\s+)?$/i;
/** Places a text names without naming them: "the region", "the gas-rich province", "the capital". */
const UNNAMED_PLACE =
  /\b[Tt]he (?:(?:[a-z]+-(?:rich|held|controlled|hit|affected|stricken)|coastal|southern|northern|eastern|western|same|whole|entire|affected) )?(?:region|country|capital|area|areas|province|territory|zone|governorate)\b(?!\s+of\b)|\bthe country[’']s\b/g;

const SKIPPED_BEFORE =
  /^(the|a|an|battered|besieged|neighbou?ring_|provincial|capital|city|town|village|of_)$/;

function isNameCode(c: number): boolean {
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    c === 0x2019 ||
    c === 39 ||
    c === 45
  );
}

/** The words and marks ,;:.() of the 60 characters before start, in text order. */
function wordsBefore(text: string, start: number): string[] {
  const limit = Math.max(0, start - 60);
  const out: string[] = [];
  let k = start - 1;
  while (k >= limit) {
    const c = text.charCodeAt(k);
    if (isNameCode(c)) {
      let j = k;
      while (j - 1 >= limit && isNameCode(text.charCodeAt(j - 1))) j--;
      out.push(text.slice(j, k + 1));
      k = j - 1;
    } else {
      if (c === 44 || c === 59 || c === 58 || c === 46 || c === 40 || c === 41) out.push(text.charAt(k));
      k--;
    }
  }
  return out.reverse();
}

function wordBefore(text: string, start: number): string {
  const words = wordsBefore(text, start);
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i]!.toLowerCase();
    if (SKIPPED_BEFORE.test(word)) continue;
    // "in Pakistan's Sindh province": the possessor does not hide the preposition.
    if (/['’]s$/.test(word) && i > 0 && /^[A-Z]/.test(words[i]!)) continue;
    if (
      word === "of" &&
      i > 0 &&
      /^(city|town|village|province|governorate|district|camp)$/i.test(words[i - 1]!)
    )
      return "in";
    return word;
  }
  return "";
}

const ORGANISATION_WORDS =
  /\b(Nations|Ministry|Minister|Office|Affairs|Authority|Council|Agency|Organi[sz]ation|Programme|Program|Health|Spring|Observatory|Committee|Forces|Army|Front|Government|Coalition|Cross|Crescent|Media|Center for|Centre for|News|Press|Reuters|Television|University|Court|Bank of|Fund|Union|Police|Military|Security|Management|Development|Commission|Service|Services|Movement|Party|State Media|Guard|Cyclone|Storm|Hurricane|Typhoon|Tropical|Operation|Agreement|Accord|Festival|Summit|Conference)\b/;
const DEMONYM = /(ian|ean|ish|ese|i|an|ic)$/;
const PLACE_TYPE_WORDS =
  /^(Camp|Reception|Centre|Center|Settlement|Transit|Crossing|Governorate|Province|State|City|District|Region|Strip|Valley|Border|Point|Sub-district|Airport|Refugee|Site)\b/;

const NAME =
  "(?:(?:al|el|ad|ar|as|an|ash|at|az|ed|ez|de|da|du|la|le|bin|abu|umm|ibn)[-\\s]\\s?)?[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ’'-]*(?:\\s+(?:(?:al|el|ad|ar|as|de|da|ez|du|bin|abu)[-\\s]\\s?)?[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ’'-]*){0,3}";
const UNKNOWN_NAME = new RegExp(
  `\\b(?:in|at|near|around|to|into|from|through|via|using|of|on|outside|toward|towards|across|throughout|fled|fleeing|flee|left|leaving|entered|entering)\\s+(?:the\\s+)?(?:(?:provincial|regional|district)\\s+capital,?\\s+)?(?:(?:city|village|town|camp|district|area|region|province|governorate|sub-district|neighbourhood|neighborhood) of\\s+)?(${NAME}(?:(?:,\\s+|\\s+and\\s+|,\\s+and\\s+)${NAME})*(?:\\s+(?:camp|air strip|airstrip|city))?)|([A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ-]+)(?=['’]s\\s+(?:\\w+\\s+)?(?:population|residents|inhabitants|city|town|camp|camps|province|region|district|capital)\\b)`,
  "g",
);
const UNKNOWN_NAME_AT = new RegExp(UNKNOWN_NAME.source, "y");

/** Capitalised words that may stand before a place name without being part of it. */
const NAME_BREAKERS =
  /^(The|A|An|In|On|At|Of|To|From|Into|Near|Across|Through|Via|And|Or|But|For|With|By|While|Since|During|After|Before|Both|Northern|Southern|Eastern|Western|Central|North|South|East|West|Upper|Lower|Greater|Rural|Mr|Mrs|Ms|Dr|President|Minister|General|Governor|UN|U\.N\.|UNHCR|IOM|OCHA|WFP|WHO|UNICEF|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** Whether the words around a position are mostly capitalised, as in a headline. */
function titleCase(text: string, start: number, end: number): boolean {
  return mostlyCapitalised(text, Math.max(text.lastIndexOf(". ", start), 0), Math.min(text.length, end + 60));
}

/** Whether at least four words of four or more ASCII letters lie in from…to, over 60 % of them capitalised. */
function mostlyCapitalised(text: string, from: number, to: number): boolean {
  let words = 0;
  let capital = 0;
  let k = from;
  while (k < to) {
    const c = text.charCodeAt(k);
    if (!isWordChar(c)) {
      k++;
      continue;
    }
    const wordStart = k;
    let ascii = true;
    while (k < to && isWordChar(text.charCodeAt(k))) {
      if (!isAsciiLetter(text.charCodeAt(k))) ascii = false;
      k++;
    }
    if (ascii && k - wordStart >= 4) {
      words++;
      const first = text.charCodeAt(wordStart);
      if (first >= 65 && first <= 90) capital++;
    }
  }
  return words >= 4 && capital / words > 0.6;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A regex \w character. */
function isWordChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

/** Capitalised names after a locative preposition that the gazetteer does not know: villages, camps, crossings. */
const TRIGGERS = new Set(
  "in at near around to into from through via using of on outside toward towards across throughout fled fleeing flee left leaving entered entering".split(
    " ",
  ),
);
const AFTER_TRIGGER =
  /^(the|city|village|town|camp|district|area|region|province|governorate|sub-district|neighbourhood|neighborhood|provincial|regional|al|el|ad|ar|as|an|ash|at|az|ed|ez|de|da|du|la|le|bin|abu|umm|ibn)$/;

/** Where the name pattern can match: after a trigger word, or at a capitalised possessive. One pass over tokens. */
function candidateStarts(tokens: readonly Token[], limit: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.start >= limit) break;
    if (t.type !== "word") continue;
    if (TRIGGERS.has(t.lower)) {
      const next = tokens[i + 1];
      if (next && next.type === "word" && (startsUpper(next.text) || AFTER_TRIGGER.test(next.lower)))
        out.push(t.start);
    } else if (startsUpper(t.text) && possessive(t.text)) out.push(t.start);
  }
  return out;
}

/** [A-ZÀ-ÖØ-Þ] at the start. */
function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}

/** Ends in 's or ’s. */
function possessive(word: string): boolean {
  const n = word.length;
  if (n < 3 || word.charCodeAt(n - 1) !== 115) return false;
  const q = word.charCodeAt(n - 2);
  return q === 39 || q === 0x2019;
}

export function unknownNames(
  text: string,
  taken: (start: number, end: number) => boolean,
  tokens?: readonly Token[],
): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = tokens ? UNKNOWN_NAME_AT : UNKNOWN_NAME;
  re.lastIndex = 0;
  const starts = tokens ? candidateStarts(tokens, text.length) : null;
  let next = 0;
  const advance = (): RegExpExecArray | null => {
    if (!starts) return re.exec(text);
    while (next < starts.length) {
      const at = starts[next++]!;
      if (at < lastEnd) continue;
      re.lastIndex = at;
      const found = re.exec(text);
      if (found) {
        lastEnd = re.lastIndex;
        return found;
      }
    }
    return null;
  };
  let lastEnd = 0;
  let m: RegExpExecArray | null;
  while ((m = advance()) !== null) {
    const found = m[1] ?? m[2]!;
    const start = m.index + m[0].length - found.length;
    const end = start + found.length;
    const first = found.split(/[\s-]/)[0]!.replace(/['’]s$/, "");
    if (NOT_PLACES.has(first) || NOT_PLACES.has(found)) continue;
    if (/^[A-Z]{2,6}(['’]s)?$/.test(found)) continue;
    if (ORGANISATION_WORDS.test(found)) continue;
    const after = text.slice(end, end + 30);
    if (DEMONYM.test(found) && /^[\s-]+[a-z]/.test(after)) continue;
    if (/^\s+[A-ZÀ-ÖØ-Þ]/.test(after) && !PLACE_TYPE_WORDS.test(after.trimStart())) continue;
    const before = text.slice(Math.max(0, start - 30), start);
    if (/[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ]*\s+(of|for)\s+(the\s+)?$/.test(before)) continue;
    // "the number of Rohingya", "thousands of Syrians": a group of people, not a place.
    if (
      /\b(number|numbers|influx|total|thousands|hundreds|millions|dozens|majority|most|many|some|all)\s+of\s+(the\s+)?$/i.test(
        before,
      )
    )
      continue;
    // A sentence or headline in title case capitalises every word: names there come only from the gazetteer.
    if (titleCase(text, start, end)) continue;
    // Each name of a list stands alone; joinLists joins them again with any the gazetteer knows.
    const parts = /(,\s+and\s+|,\s+|\s+and\s+)/g;
    let partStart = start;
    for (const sep of [...found.matchAll(parts), null]) {
      const partEnd = sep ? start + sep.index : end;
      if (!taken(partStart, partEnd)) out.push({ start: partStart, end: partEnd });
      if (sep) partStart = partEnd + sep[0].length;
    }
  }
  return out;
}

const NAME_CHAR = /[\p{L}’'-]/u;
const UPPER_CHAR = /\p{Lu}/u;

/** Whether a capitalised word and one space end the 25 characters before start (a cheap test before the regex). */
function capitalisedWordBefore(text: string, start: number): boolean {
  if (start < 2 || text.charCodeAt(start - 1) !== 32) return false;
  const limit = Math.max(0, start - 25);
  let k = start - 2;
  while (k >= limit && NAME_CHAR.test(text[k]!)) k--;
  return k + 1 < start - 1 && UPPER_CHAR.test(text[k + 1]!);
}

/** Every place an item names, gazetteer names first, in text order, joined spans merged ("Idlib and Hama"). */
export function findPlaces(
  text: string,
  gazetteerMentions?: PlaceMention[],
  tokens?: readonly Token[],
): Place[] {
  let mentions: Array<{ start: number; end: number; region: Region | null; known: boolean }>;
  try {
    mentions = (gazetteerMentions ?? findPlaceMentions(text)).map((m) => ({
      start: m.start,
      end: m.end,
      region: m.region,
      known: true,
    }));
  } catch {
    mentions = [];
  }
  const taken = (s: number, e: number): boolean => mentions.some((m) => s < m.end && e > m.start);
  const unknown = unknownNames(text, taken, tokens);
  for (const u of unknown) mentions.push({ ...u, region: null, known: false });
  mentions.sort((a, b) => a.start - b.start);
  const places: Place[] = [];
  for (const m of mentions) {
    let start = m.start;
    let end = m.end;
    // "Al Bab", "al- Rai": the gazetteer may match the name without its article.
    const art = /(?:^|\s)((?:Al|al|El|el|Ar|As|An|Ad)[-\s]\s?)$/.exec(
      text.slice(Math.max(0, start - 5), start),
    );
    if (art && m.known) start -= art[1]!.length;
    // "the village of Tin Hama": a known name inside a longer one is a place the gazetteer does not know.
    let known = m.known;
    let region = m.region;
    const longer = capitalisedWordBefore(text, start)
      ? /(?:^|[^\p{L}’'-])(\p{Lu}[\p{L}’'-]*) $/u.exec(text.slice(Math.max(0, start - 25), start))
      : null;
    if (
      longer &&
      m.known &&
      !art &&
      !NAME_BREAKERS.test(longer[1]!) &&
      !/['’]s$/.test(longer[1]!) &&
      !DIRECTIONS.test(`${longer[1]} `) &&
      !titleCase(text, start, end)
    ) {
      start -= longer[1]!.length + 1;
      known = false;
      region = null;
    }
    const dir = DIRECTIONS.exec(text.slice(Math.max(0, start - 20), start));
    if (dir) start -= dir[1]!.length;
    const camp = /^\s+(camp|air strip|airstrip)\b/.exec(text.slice(end, end + 12));
    if (camp) end += camp[0].length;
    const typed =
      /^(\s+(?:Reception Centre|Reception Center|Transit Centre|Transit Center|Refugee Camp|Camp|Settlement|Border Point|Crossing))\b/.exec(
        text.slice(end, end + 24),
      );
    if (typed && m.known) end += typed[1]!.length;
    // "Khyber Pakhtunkhwa (KP)": an acronym restating the place before it is not a second place.
    const previous = places[places.length - 1];
    if (
      previous &&
      m.region &&
      previous.region?.code === m.region.code &&
      /^\s*\($/.test(text.slice(previous.end, start))
    )
      continue;
    const after = text.slice(end, end + 30);
    if (
      /^[-‑](based|backed|led|born|affiliated|held|controlled)/.test(after) ||
      /[-‑]$/.test(text.slice(start, end))
    )
      continue;
    if (
      (!m.known || (m.region?.level ?? 0) >= 3) &&
      /^,?\s+(said|says|told|added|explained|noted)\b/.test(after)
    )
      continue;
    const particle = /^\s(?:da|de|do|dos|das|di|du|del|la|al|el)\s[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ’'-]*/.exec(
      after,
    );
    if (particle && m.known) end += particle[0].length;
    if (/^['’]s\b/.test(after) === false && /^[A-Za-z]/.test(after)) continue;
    // "eastern Libya officials", "Syrian government": a place naming who speaks or acts, not where.
    if (
      /^\s+(officials?|authorities|government|forces|army|police|media|ministry|spokes(?:man|woman|person)|president|minister|troops|state|leaders?|delegation|envoy|ambassador)\b/i.test(
        after,
      )
    )
      continue;
    const prep = wordBefore(text, start);
    const venue =
      ((prep === "in" || prep === "at") && VENUE_CUES.test(text.slice(Math.max(0, start - 40), start))) ||
      // A dateline ("GOMA, Congo, 3 May (Reuters) -") says where the reporter is.
      (/^[A-Z]{3,}$/.test(text.slice(start, end)) && /^\s*[,(]/.test(after)) ||
      (prep === "in" && /\b(based in|headquartered in)\s*$/.test(text.slice(Math.max(0, start - 20), start)));
    const mention = text.slice(start, end);
    places.push({ start, end, mention, region, known, prep, venue });
  }
  // An actor beside another ("the regime and Russia") is not where anything happened.
  return joinLists(text, places).filter((p) => !/^(and|by|with|between)$/.test(p.prep));
}

function joinLists(text: string, places: Place[]): Place[] {
  const out: Place[] = [];
  for (const p of places) {
    const last = out[out.length - 1];
    if (last && !last.venue && !p.venue) {
      const between = text.slice(last.end, p.start);
      const dateline = /^[A-Z]{3,}$/.test(last.mention) || /^[A-Z]{3,}$/.test(p.mention);
      // "Herat province, Afghanistan": a place and the country it lies in, not a list.
      const apposition =
        /^\s*,\s*$/.test(between) &&
        p.region?.level === 0 &&
        last.region !== null &&
        last.region.country === p.region.code;
      if (apposition) {
        out.push(p);
        continue;
      }
      if (!dateline && /^(\s*\([^)]{1,12}\))?(\s*,\s*|\s+and\s+|\s*,\s*and\s+)$/.test(between)) {
        const joined: Place = {
          ...last,
          end: p.end,
          mention: text.slice(last.start, p.end),
          region: commonRegion(last.region, p.region),
          known: last.known || p.known,
        };
        out[out.length - 1] = joined;
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

/** The joined span's code: the common parent when both sides share one, else the first side's region. */
function commonRegion(a: Region | null, b: Region | null): Region | null {
  if (!a) return b;
  if (!b) return a;
  if (a.code === b.code) return a;
  if (a.parent !== null && a.parent === b.parent) return getRegion(a.parent) ?? a;
  return a;
}

function specificity(p: Place): number {
  if (!p.known) return 4.5;
  return p.region?.level ?? 0;
}

function roleScore(metric: Metric, prep: string, placeBeforeNumber: boolean): number {
  switch (metric) {
    case "displaced":
    case "evacuated":
      if (prep === "from" || prep === "of" || prep === "fled" || prep === "left") return 3;
      if (
        prep === "in" ||
        prep === "at" ||
        prep === "near" ||
        prep === "around" ||
        prep === "across" ||
        prep === "throughout"
      )
        return 2;
      return 1;
    case "refugees":
      if (
        prep === "using" ||
        prep === "via" ||
        prep === "through" ||
        prep === "neighbouring" ||
        prep === "neighboring"
      )
        return 4;
      if (
        prep === "into" ||
        prep === "to" ||
        prep === "in" ||
        prep === "neighboring" ||
        prep === "neighbouring" ||
        prep === "at"
      )
        return 3;
      if (prep === "from") return 0;
      return placeBeforeNumber ? 2 : 1;
    case "returned":
      if (prep === "through" || prep === "via" || prep === "at") return 4;
      if (prep === "into" || prep === "to" || prep === "in") return 3;
      if (prep === "from") return -5;
      return 1;
    default:
      if (
        prep === "in" ||
        prep === "at" ||
        prep === "near" ||
        prep === "around" ||
        prep === "of" ||
        prep === "across" ||
        prep === "throughout" ||
        prep === "on"
      )
        return 2;
      if (prep === "from") return 0;
      return 1;
  }
}

export interface PlaceRequest {
  metric: Metric;
  /** Character span of the figure's quote. */
  start: number;
  end: number;
  sentenceStart: number;
  sentenceEnd: number;
}

export interface Claim {
  index: number;
  start: number;
  /** Claimed by a figure the place is part of ("bringing the total in Kutupalong to 90,000"). */
  strong: boolean;
}

/** The clause around a figure: its sentence cut at ";" and at "while"/"whereas" clauses that do not hold it. */
function clauseOf(text: string, figure: PlaceRequest): [number, number] {
  let start = figure.sentenceStart;
  let end = figure.sentenceEnd;
  const sentence = text.slice(figure.sentenceStart, figure.sentenceEnd);
  const cut = /;|,?\s+(?:while|whereas)\s/g;
  let m: RegExpExecArray | null;
  while ((m = cut.exec(sentence)) !== null) {
    const at = figure.sentenceStart + m.index;
    if (at + m[0].length <= figure.start) start = at + m[0].length;
    else if (at >= figure.end && at < end) end = at;
  }
  return [start, end];
}

/** The place a figure's sentence ties it to, or the item's main place before that sentence. */
export function choosePlace(
  text: string,
  places: Place[],
  figure: PlaceRequest,
  claimedBy: Map<Place, Claim>,
  figureIndex: number,
  fallback: () => Place | null,
): { place: Place; from: "sentence" | "document" } | null {
  const [clauseStart, clauseEnd] = clauseOf(text, figure);
  const inClause = places.filter((p) => p.start >= clauseStart && p.end <= clauseEnd && !p.venue);
  const own = inClause.filter((p) => claimedBy.get(p)?.index === figureIndex);
  if (own.length > 0) return { place: own[0]!, from: "sentence" };
  let best: Place | null = null;
  let bestScore = -Infinity;
  const score = (p: { start: number; end: number; prep: string }, specific: number): number => {
    const before = p.end <= figure.start;
    const distance = before ? figure.start - p.end : p.start - figure.end;
    const between = before ? text.slice(p.end, figure.start) : text.slice(figure.end, p.start);
    let value = roleScore(figure.metric, p.prep, before) * 10 + specific * 3 - Math.min(distance, 300) / 25;
    if (/\b(that|which|who|when|after|before)\b/.test(between)) value -= 5;
    return value;
  };
  for (const p of inClause) {
    const claim = claimedBy.get(p);
    if (claim?.strong && claim.index !== figureIndex) continue;
    let value = score(p, specificity(p));
    // A name claimed by a neighbouring figure ("30 people, including 12 in Aleppo city") is theirs, unless the
    // two figures share it ("the death of a man and injuries to two others in Ariha").
    if (claim && claim.index !== figureIndex) {
      const gap = figure.end <= claim.start ? text.slice(figure.end, claim.start) : ",";
      if (/[,;(]|\d|\bincluding\b/.test(gap) || claim.index !== figureIndex + 1) value -= 15;
    }
    if (value > bestScore) {
      bestScore = value;
      best = p;
    }
  }
  // "in the oil-rich province": a place the text does not name competes too, and wins as null.
  const clause = text.slice(clauseStart, clauseEnd);
  let unnamedWins = false;
  let anyUnnamed = false;
  for (const m of clause.matchAll(UNNAMED_PLACE)) {
    anyUnnamed = true;
    const start = clauseStart + (m.index ?? 0);
    const prep = wordBefore(text, start);
    if (!LOCATIVE.has(prep) || prep === "of") continue;
    if (score({ start, end: start + m[0].length, prep }, 0.5) > bestScore) unnamedWins = true;
  }
  if (unnamedWins) return null;
  if (best) return { place: best, from: "sentence" };
  if (anyUnnamed) return null;
  // "the toll in Hama rose to 40, while some 90 people are missing"
  const rest = places.filter(
    (p) =>
      p.start >= figure.sentenceStart && p.end <= figure.sentenceEnd && !p.venue && !claimedBy.get(p)?.strong,
  );
  if (rest.length > 0) return { place: rest[rest.length - 1]!, from: "sentence" };
  const main = fallback();
  if (main) return { place: main, from: "document" };
  return null;
}

/** Names right after a figure ("six people in Kanama, four in Bulu") belong to that figure. */
export function claimPlaces(
  places: Place[],
  figures: Array<{ start: number; end: number; sentenceEnd: number }>,
  text: string,
): Map<Place, Claim> {
  const claimed = new Map<Place, Claim>();
  figures.forEach((f, index) => {
    // "four in Bulu": a name inside the figure's own quote, after its number, is its place.
    const inside = places.find(
      (p) => p.start > f.start && p.end <= f.end && /\b(in|at)\s+$/.test(text.slice(f.start, p.start)),
    );
    if (inside && !claimed.has(inside)) {
      claimed.set(inside, { index, start: f.start, strong: false });
      return;
    }
    for (let k = 0; k < places.length; k++) {
      let p = places[k]!;
      if (p.start < f.end || p.start > f.sentenceEnd) continue;
      const between = text.slice(f.end, p.start);
      // "in Pakistan's Sindh province": the possessed place is the one meant.
      const next = places[k + 1];
      if (next && /^['’]s\s+$/.test(text.slice(p.end, next.start))) p = next;
      if (
        /^\s*(?:were\s+\w+\s+|\w+\s+)?(?:in|at|on|via|through)\s+(?:the\s+)?(?:(?:city|village|town|camp|district) of\s+)?$/i.test(
          between,
        )
      ) {
        if (!claimed.has(p)) claimed.set(p, { index, start: f.start, strong: false });
      }
      break;
    }
    // "Jordan is already hosting 600,000 refugees": the host named as subject is the figure's place.
    for (let k = places.length - 1; k >= 0; k--) {
      const p = places[k]!;
      if (p.end > f.start || f.start - p.end > 60) continue;
      if (
        /^\s+(?:(?:is|are|was|has|have|had)\s+)?(?:(?:already|currently|now|still)\s+)?(?:hosts|hosting|hosted|host|receives|received|welcomed|shelters|sheltering)\b/.test(
          text.slice(p.end, f.end),
        )
      )
        claimed.set(p, { index, start: f.start, strong: false });
      break;
    }
    // "bringing the total in Kutupalong to 90,000": the place inside the figure's own subject.
    for (let k = places.length - 1; k >= 0; k--) {
      const p = places[k]!;
      if (p.end > f.start) continue;
      const between = text.slice(p.end, f.start);
      if (
        /^\s+(?:(?:had|has|have)\s+)?(?:risen\s+|rose\s+|reached\s+|climbed\s+|stood\s+|stands\s+)?(?:to|at)\s+$/i.test(
          between,
        ) ||
        /^\s+(?:had|has|have)\s+(?:risen|rose|reached|climbed)\s+to\s+$/.test(between) ||
        (/^\s+$/.test(between) &&
          /^(?:(?:had|has|have)\s+)?(?:(?:risen|rose|reached|climbed|stood|stands)\s+)?(?:to|at)\s/i.test(
            text.slice(f.start, f.start + 30),
          ))
      )
        claimed.set(p, { index, start: f.start, strong: true });
      break;
    }
  });
  return claimed;
}

/** The item's main place for figures whose sentence names none: the most specific place named before them. */
export function documentPlace(places: Place[], before: number, sentence: string): Place | null {
  const earlier = places.filter((p) => p.end <= before && !p.venue);
  if (earlier.length === 0) return null;
  if (/\bthe camp\b/i.test(sentence)) {
    const camp = [...earlier].reverse().find((p) => /camp$/i.test(p.mention));
    if (camp) return camp;
  }
  let best = earlier[0]!;
  for (const p of earlier)
    if (specificity(p) > specificity(best) && p.prep !== "into" && p.prep !== "to") best = p;
  return best;
}

/** Resolves a name the gazetteer lacks to the region known to contain it: the nearest known place in the item. */
export function resolveUnknown(places: Place[], titlePlaces: Place[]): void {
  const known = places.filter((p) => p.known && p.region);
  for (const p of places) {
    if (p.region) continue;
    let best: Place | null = null;
    for (const k of known) {
      if (!best || Math.abs(k.start - p.start) < Math.abs(best.start - p.start)) best = k;
    }
    p.region = best?.region ?? titlePlaces.find((t) => t.region)?.region ?? null;
  }
}

export function toFigureRegion(place: Place, from: "sentence" | "document"): FigureRegion {
  const r = place.region;
  if (!r) return { code: null, name: place.mention, mention: place.mention, country: null, level: 4, from };
  return { code: r.code, name: r.name, mention: place.mention, country: r.country, level: r.level, from };
}
