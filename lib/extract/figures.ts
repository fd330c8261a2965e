import {
  ADJECTIVE_METRICS,
  AID_VERBS,
  ANAPHORS,
  AUX_WORDS,
  CLAUSE_BREAKERS,
  CUE_METRICS,
  dict,
  FORCE_NOUNS,
  MODALS,
  MONTHS,
  NOUN_METRICS,
  NOUN_MODIFIERS,
  PEOPLE_UNITS,
  STATE_METRICS,
  THING_NOUNS,
  TIME_UNITS,
} from "./lexicon";
import { applyBounds, findNumbers, type NumberPhrase } from "./numbers";
import type { Token } from "./tokens";
import type { Metric, Qualifier, Unit } from "./types";

/** A figure found in one sentence, before place and period are attached. */
export interface SentenceFigure {
  metric: Metric;
  value: number | null;
  lower: number | null;
  upper: number | null;
  qualifier: Qualifier;
  unit: Unit;
  /** Token range of the quote (inclusive). */
  quoteFirst: number;
  quoteLast: number;
  /** Token index of the number itself. */
  numFirst: number;
  numLast: number;
  /** Token index of the word that decided the metric, when there is one. */
  cue: number | null;
}

export interface ItemContext {
  refugeeContext: boolean;
  evacuationContext: boolean;
  /** The item speaks of migration or asylum, so a nationality counted abroad is a refugee figure. */
  migrationContext: boolean;
  /** Character offsets where the text names a country. */
  countryStarts: Set<number>;
  /** The last figure of earlier sentences, for "the figure has since climbed to …". */
  previous: SentenceFigure | null;
}

const PREPOSITIONS = new Set(
  "in at on from to of for by with across into near around since during between within over under among including per each via through toward towards against after before as than".split(
    " ",
  ),
);
const DETERMINERS = new Set("the a an his her their its these those them this that which whom".split(" "));
const MOVEMENT_VERBS = new Set(
  "arrived arriving arrive arrives hosts hosting host hosted crossed crossing cross entered entering received come came reached".split(
    " ",
  ),
);
const LINKING = new Set(
  "to at reached reach reaches was is were are stood stands stand totalled totaled totals hit passed exceeded rose climbed of surpassed surpasses topped tops exceeds".split(
    " ",
  ),
);
const LEFT_NOUN_LINKS: Record<string, Metric> = dict({
  death: "killed",
  deaths: "killed",
  loss: "killed",
  killing: "killed",
  killings: "killed",
  displacement: "displaced",
  injuries: "injured",
  injury: "injured",
  evacuation: "evacuated",
  abduction: "detained",
  bodies: "killed",
  kidnapping: "detained",
  arrest: "detained",
  return: "returned",
  returns: "returned",
  population: "population",
});
const LEFT_VERBS: Record<string, Metric> = dict({
  abduct: "detained",
  abducts: "detained",
  kidnap: "detained",
  kidnaps: "detained",
  arrest: "detained",
  arrests: "detained",
  detain: "detained",
  detains: "detained",
  injure: "injured",
  injures: "injured",
  wound: "injured",
  wounds: "injured",
  displaces: "displaced",
  evacuate: "evacuated",
  evacuates: "evacuated",
  kill: "killed",
  kills: "killed",
  killed: "killed",
  killing: "killed",
  massacred: "killed",
  wounded: "injured",
  wounding: "injured",
  injuring: "injured",
  injured: "injured",
  hurt: "injured",
  displaced: "displaced",
  displacing: "displaced",
  displace: "displaced",
  evicted: "displaced",
  evicting: "displaced",
  expelled: "displaced",
  uprooted: "displaced",
  affecting: "affected",
  affected: "affected",
  affects: "affected",
  abducted: "detained",
  abducting: "detained",
  kidnapped: "detained",
  kidnapping: "detained",
  detained: "detained",
  detaining: "detained",
  arrested: "detained",
  arresting: "detained",
  evacuated: "evacuated",
  evacuating: "evacuated",
  deported: "returned",
  repatriated: "returned",
  serves: "population",
  serving: "population",
  trapping: "affected",
  drowned: "killed",
});

function w(tokens: Token[], i: number): string {
  return tokens[i]?.lower ?? "";
}

function isCapitalized(t: Token | undefined): boolean {
  return t !== undefined && t.type === "word" && /^[A-Z]/.test(t.text);
}

/** Numbers that are dates, years, durations, ages, money, percentages or multipliers. */
function notACount(tokens: Token[], p: NumberPhrase): boolean {
  if (p.modifier) return true;
  const before = tokens[p.numFirst - 1];
  const after = tokens[p.numLast + 1];
  const a1 = w(tokens, p.numLast + 1);
  const a2 = w(tokens, p.numLast + 2);
  const b1 = w(tokens, p.numFirst - 1);
  if (before && (before.text === "$" || before.text === "€" || before.text === "£" || before.text === "#"))
    return true;
  if (
    /^(us|usd|eur|chf|gbp|rs|no|nos|resolution|article|chapter|page|flight|route|highway|level|phase|grade|number)$/.test(
      b1,
    )
  )
    return true;
  if (after && after.text === "%") return true;
  if (
    /^(percent|per|pc|dollars|euros|usd|eur|pounds|francs|shillings|rupees|times|fold|am|pm|gmt|utc|bpd)$/.test(
      a1,
    )
  ) {
    if (a1 !== "per" || a2 === "cent") return true;
  }
  if (a1 === "a" && after && tokens[p.numLast + 2]?.text === ".") return true;
  if (after && after.type === "word" && /^[ap]\.?m\.?$/i.test(after.text)) return true;
  if (TIME_UNITS.has(a1)) return true;
  if (
    (a1 === "consecutive" || a1 === "straight" || a1 === "more" || a1 === "full" || a1 === "long") &&
    TIME_UNITS.has(a2)
  )
    return true;
  if (a1 === "and" && a2 === "a" && w(tokens, p.numLast + 3) === "half") return true;
  // "2 out of 3 people", "one in five children": a ratio, not a count.
  if (a1 === "out" && a2 === "of") return true;
  if (b1 === "of" && w(tokens, p.numFirst - 2) === "out") return true;
  const whole = tokens[p.numLast + 2];
  if (
    a1 === "in" &&
    whole?.type === "num" &&
    !whole.grouped &&
    (whole.value ?? 0) <= 100 &&
    whole.end - whole.start <= 3
  )
    return true;
  if (MONTHS.has(a1) && !(a1 === "may" && !isCapitalized(after))) return true;
  if (MONTHS.has(b1) && isCapitalized(before)) return true;
  // "children under five", "people over 60": an age bound after the people it describes.
  if (
    /^(under|over|above|below)$/.test(b1) &&
    PEOPLE_UNITS[w(tokens, p.numFirst - 2)] !== undefined &&
    !/^(dead|injured|wounded)$/.test(w(tokens, p.numFirst - 2))
  )
    return true;
  if (b1 === "age" || b1 === "aged" || b1 === "ages" || (b1 === "of" && w(tokens, p.numFirst - 2) === "age"))
    return true;
  if (a1 === "years" || a1 === "year-old") return true;
  const t = tokens[p.numFirst]!;
  if (p.form === "digits" && p.numFirst === p.numLast && t.type === "num" && !t.grouped && !t.decimal) {
    const v = t.value ?? 0;
    if (t.text.length === 4 && v >= 1900 && v <= 2100 && !(a1 in PEOPLE_UNITS)) return true;
  }
  return false;
}

interface Head {
  /** Index of the head noun, or null when the number stands alone ("killed 400,000"). */
  index: number | null;
  unit: Unit | null;
  nounMetric: Metric | null;
  adjMetric: Metric | null;
  thing: boolean;
  force: boolean;
  /** "N of them", "N of which": a part of a group named before. */
  partitive: boolean;
  /** A capitalised people noun such as "Venezuelans". */
  demonym: boolean;
  /** Last token of the noun phrase. */
  end: number;
}

function securityForcesAt(tokens: Token[], i: number): number {
  // "member(s) of the security forces"
  let j = i;
  if (w(tokens, j) !== "of") return -1;
  j++;
  if (w(tokens, j) === "the") j++;
  if ((w(tokens, j) === "security" || w(tokens, j) === "armed") && w(tokens, j + 1) === "forces")
    return j + 1;
  if (w(tokens, j) === "police") return j;
  return -1;
}

function findHead(tokens: Token[], p: NumberPhrase, end: number): Head {
  const head: Head = {
    index: null,
    unit: null,
    nounMetric: null,
    adjMetric: null,
    thing: false,
    force: false,
    partitive: false,
    demonym: false,
    end: p.last,
  };
  let j = p.last + 1;
  if (p.form === "vague" && w(tokens, j) === "of") j++;
  else if (w(tokens, j) === "of") {
    const d = w(tokens, j + 1);
    if (d === "them" || d === "which" || d === "whom" || d === "these" || d === "those") {
      head.partitive = true;
      head.end = j + 1;
      return head;
    }
    if (DETERMINERS.has(d)) j += 2;
  }
  let skipped = 0;
  while (j < end && skipped < 4) {
    const t = tokens[j]!;
    if (t.type === "punct") {
      if (t.text === "-" || t.text === "‑" || t.text === '"' || t.text === "“" || t.text === "”") {
        j++;
        continue;
      }
      break;
    }
    if (t.type !== "word") break;
    // "45 Injured: 120": a table label names the number after its colon.
    if (
      w(tokens, j + 1) === ":" &&
      isCapitalized(t) &&
      (CUE_METRICS[t.lower] !== undefined || NOUN_METRICS[t.lower] !== undefined)
    )
      break;
    const lw = t.lower;
    const unit = PEOPLE_UNITS[lw];
    if (
      unit !== undefined &&
      !(
        lw in ADJECTIVE_METRICS &&
        (PEOPLE_UNITS[w(tokens, j + 1)] !== undefined || isCapitalized(tokens[j + 1]))
      )
    ) {
      head.index = j;
      head.unit = unit;
      head.nounMetric = NOUN_METRICS[lw] ?? null;
      head.force = FORCE_NOUNS.has(lw);
      head.end = j;
      // "11 family members": people, not families.
      if ((lw === "family" || lw === "household") && /^members?$/.test(w(tokens, j + 1))) {
        head.unit = "people";
        head.end = j + 1;
      }
      if (lw === "member" || lw === "members") {
        const sf = securityForcesAt(tokens, j + 1);
        if (sf >= 0) {
          head.unit = "security forces";
          head.force = false;
          head.end = sf;
        }
      }
      // "women and children", "combatants and civilians": a mixed group is counted as people.
      if (w(tokens, head.end + 1) === "and" || w(tokens, head.end + 1) === "or") {
        const otherWord = w(tokens, head.end + 2);
        const other =
          otherWord in ADJECTIVE_METRICS || otherWord in NOUN_METRICS ? undefined : PEOPLE_UNITS[otherWord];
        if (other !== undefined && !(tokens[head.end + 3]?.type === "num")) {
          if (other !== head.unit) head.unit = "people";
          head.force = false;
          head.end = head.end + 2;
        }
      }
      // "three IDP camps", "30 police posts": the people noun only qualifies a thing.
      let k = head.end + 1;
      if (tokens[k]?.text === "(") {
        while (k < end && tokens[k]?.text !== ")") k++;
        k++;
      }
      if (THING_NOUNS.has(w(tokens, k)) && !/^(times|days|weeks|months|years|hours)$/.test(w(tokens, k)))
        head.thing = true;
      return head;
    }
    if (ADJECTIVE_METRICS[lw] !== undefined) {
      head.adjMetric = ADJECTIVE_METRICS[lw];
      j++;
      skipped++;
      continue;
    }
    if (THING_NOUNS.has(lw)) {
      head.thing = true;
      head.index = j;
      return head;
    }
    if (/['’]s$/.test(lw) && !isCapitalized(t)) {
      j++;
      skipped++;
      continue;
    }
    if (NOUN_MODIFIERS.has(lw)) {
      j++;
      skipped++;
      continue;
    }
    if (
      PREPOSITIONS.has(lw) ||
      AUX_WORDS.has(lw) ||
      CLAUSE_BREAKERS.has(lw) ||
      lw === "and" ||
      lw === "or" ||
      DETERMINERS.has(lw)
    )
      break;
    if (isCapitalized(t)) {
      const next = tokens[j + 1];
      const continues =
        next !== undefined &&
        next.type === "word" &&
        (PEOPLE_UNITS[next.lower] !== undefined || isCapitalized(next) || NOUN_MODIFIERS.has(next.lower));
      if (!continues && /(ans|ese|is|ers|ites|ns|ch|ya|yas|ks)$/i.test(lw)) {
        head.index = j;
        head.unit = "people";
        head.end = j;
        head.demonym = true;
        return head;
      }
      j++;
      skipped++;
      continue;
    }
    if (CUE_METRICS[lw] !== undefined || MOVEMENT_VERBS.has(lw) || lw.endsWith("ed") || lw.endsWith("ing")) {
      // "eight "overwhelmed" hospitals": a participle can also describe a counted thing.
      let k = j + 1;
      while (tokens[k]?.type === "punct" && /^["“”']$/.test(tokens[k]!.text)) k++;
      if (THING_NOUNS.has(w(tokens, k)) && !TIME_UNITS.has(w(tokens, k))) {
        head.thing = true;
        head.index = k;
        return head;
      }
      break;
    }
    if (PRESENT_VERBS.has(lw)) break;
    // "aid workers", "health staff": a noun modifying a people noun.
    if (PEOPLE_UNITS[w(tokens, j + 1)] !== undefined && tokens[j + 1]?.type === "word") {
      j++;
      skipped++;
      continue;
    }
    // "arrested 45 protesters": an agent noun after a verb that only people undergo.
    if (/(ers|ists|ants|ents|ians|ees)$/.test(lw) && PERSONAL_VERBS.has(w(tokens, p.first - 1))) {
      head.index = j;
      head.unit = "people";
      head.end = j;
      return head;
    }
    // An unknown lowercase noun right after the number counts things: "15 transport trucks".
    head.thing = true;
    head.index = j;
    return head;
  }
  return head;
}

interface Cue {
  metric: Metric;
  index: number;
  end: number;
  word: string;
  /** A verb of hosting or receiving, which yields to a head noun that names the group ("received 60 wounded"). */
  weak?: boolean;
}

function makeCue(index: number, word: string, metric: Metric, end = index): Cue {
  return { metric, index, end, word };
}

/** The metric a word (or the phrase starting there) names, with movement verbs read in context. */
/** Every word a cue can start with; any other word is rejected by one lookup. */
const CUE_STARTS = new Set([
  ...Object.keys(CUE_METRICS),
  ...MOVEMENT_VERBS,
  ..."food head headed heading went going go crossing crossed came coming moved lost in at under seek seeking sought find finding found taking took take become became becoming streamed streaming forced living live lives staying stay sheltering remain remains remained remaining left leaving leave trapped without".split(
    " ",
  ),
]);

function cueAt(tokens: Token[], j: number, ctx: ItemContext, sentenceLower: string): Cue | undefined {
  const lw = w(tokens, j);
  if (!CUE_STARTS.has(lw)) return undefined;
  const n1 = w(tokens, j + 1);
  const n2 = w(tokens, j + 2);
  if (
    (lw === "head" ||
      lw === "headed" ||
      lw === "heading" ||
      lw === "went" ||
      lw === "going" ||
      lw === "go" ||
      lw === "crossing" ||
      lw === "crossed" ||
      lw === "came" ||
      lw === "coming" ||
      lw === "moved") &&
    n1 === "back"
  )
    return makeCue(j, lw, "returned", j + 1);
  if (lw === "lost" && (n1 === "their" || n1 === "his" || n1 === "her") && (n2 === "lives" || n2 === "life"))
    return makeCue(j, lw, "killed", j + 2);
  if (lw === "in" && n1 === "need") return makeCue(j, lw, "in_need", j + 1);
  if (lw === "at" && n1 === "risk") return makeCue(j, lw, "affected", j + 1);
  if (lw === "in" && n1 === "danger") return makeCue(j, lw, "affected", j + 1);
  if (lw === "in" && n1 === "captivity") return makeCue(j, lw, "detained", j + 1);
  if (
    lw === "food" &&
    (n1 === "insecurity" || n1 === "insecure" || n1 === "aid" || n1 === "assistance") &&
    w(tokens, j - 1) !== "to"
  )
    return makeCue(j, lw, "in_need", j + 1);
  if (
    lw === "under" &&
    (n1 === "rubble" || (n1 === "the" && (n2 === "rubble" || n2 === "debris")) || n1 === "debris")
  )
    return makeCue(j, lw, "missing", j + 1);
  if (
    (lw === "seek" ||
      lw === "seeking" ||
      lw === "sought" ||
      lw === "find" ||
      lw === "finding" ||
      lw === "found" ||
      lw === "taking" ||
      lw === "took" ||
      lw === "take") &&
    (n1 === "refuge" || n1 === "shelter")
  )
    return makeCue(
      j,
      lw,
      ctx.refugeeContext && /neighbo/.test(sentenceLower) ? "refugees" : "displaced",
      j + 1,
    );
  if ((lw === "become" || lw === "became" || lw === "becoming") && n1 === "refugees")
    return makeCue(j, lw, "refugees", j + 1);
  // "12,000 people remain without shelter": homeless, like "left homeless".
  if (lw === "without" && (n1 === "shelter" || n1 === "homes" || (n1 === "a" && n2 === "home")))
    return makeCue(j, lw, "displaced", n1 === "a" ? j + 2 : j + 1);
  if (lw === "without") return undefined;
  if (lw === "streamed" || lw === "streaming") return makeCue(j, lw, "displaced");
  if (lw === "forced" && (n1 === "from" || n1 === "out")) return makeCue(j, lw, "displaced", j + 1);
  if (
    (lw === "living" ||
      lw === "live" ||
      lw === "lives" ||
      lw === "staying" ||
      lw === "stay" ||
      lw === "sheltering") &&
    (n1 === "in" || n1 === "at")
  ) {
    for (let k = j + 2; k < j + 6; k++) {
      const x = w(tokens, k);
      if (/^(camps?|sites?|shelters?|settlements?|centres?|centers?|tents?)$/.test(x))
        return makeCue(j, lw, "displaced", k);
    }
    if (lw === "staying" || lw === "sheltering") return makeCue(j, lw, "displaced");
    return makeCue(j, lw, "population");
  }
  // "4,000 remain in camps": only a stay in camps or shelters names a group.
  if (
    (lw === "remain" || lw === "remains" || lw === "remained" || lw === "remaining") &&
    (n1 === "in" || n1 === "at")
  ) {
    for (let k = j + 2; k < j + 6; k++) {
      if (/^(camps?|sites?|shelters?|settlements?|centres?|centers?|tents?)$/.test(w(tokens, k)))
        return makeCue(j, lw, "displaced", k);
    }
  }
  if (lw === "left" || lw === "leaving" || lw === "leave") {
    const next = tokens[j + 1];
    if (next && (isCapitalized(next) || n1 === "their" || n1 === "the" || n1 === "home" || n1 === "homes")) {
      return makeCue(j, lw, ctx.evacuationContext ? "evacuated" : "displaced");
    }
    return undefined;
  }
  if (MOVEMENT_VERBS.has(lw)) {
    if (/deport|return|repatriat|\bback\b/.test(sentenceLower)) return makeCue(j, lw, "returned");
    if (lw === "crossed" || lw === "crossing" || lw === "cross") {
      if (ctx.refugeeContext || n1 === "into" || n1 === "over" || n1 === "in")
        return makeCue(j, lw, "refugees");
      return undefined;
    }
    if (lw === "entered" || lw === "entering" || lw === "received" || lw === "reached") return undefined;
    if (ctx.refugeeContext) return makeCue(j, lw, "refugees");
    if (lw === "come" || lw === "came") return undefined;
    return makeCue(j, lw, "displaced");
  }
  const metric = CUE_METRICS[lw];
  if (metric === undefined) return undefined;
  // "trapped under the rubble" is missing, not merely affected.
  if (lw === "trapped" && (n1 === "under" || n1 === "beneath")) return makeCue(j, lw, "missing", j + 1);
  // "fled Ukraine", "fled the country": leaving the country makes refugees.
  if (/^(fled|flee|fleeing|flees|escaped)$/.test(lw)) {
    const next = tokens[j + 1];
    if (next && (ctx.countryStarts.has(next.start) || (n1 === "the" && n2 === "country") || n1 === "abroad"))
      return makeCue(j, lw, "refugees");
  }
  if (lw === "lives" && w(tokens, j - 1) !== "their") return makeCue(j, lw, "killed");
  if (metric === "displaced" && w(tokens, j - 1) !== "internally") {
    const words: string[] = [];
    for (let k = j + 1; k < j + 32 && k < tokens.length; k++) {
      const x = tokens[k]!.lower;
      if (x === ";" || x === "." || CLAUSE_BREAKERS.has(x)) break;
      words.push(x);
    }
    const window = words.join(" ");
    if (
      /\b(across the border|into neighbou?ring|in neighbou?ring|crossed into|cross into|crossed over into|to neighbou?ring)\b/.test(
        window,
      )
    )
      return makeCue(j, lw, "refugees");
  }
  if (lw === "return" && n1 !== "to" && n1 !== "home" && n1 !== "of") return undefined;
  if (
    (lw === "need" || lw === "needs") &&
    !/\b(assistance|aid|help|support|food|protection|humanitarian|water|shelter|services)\b/.test(
      sentenceLower,
    )
  )
    return undefined;
  if ((lw === "depend" || lw === "depends" || lw === "rely" || lw === "relies") && n1 !== "on")
    return undefined;
  return makeCue(j, lw, metric);
}

/** A verb or noun right before the number that takes it as object: "killed 31 villagers", "the deaths of 17 people". */
function leftCue(
  tokens: Token[],
  p: NumberPhrase,
  start: number,
  ctx: ItemContext,
  sentenceLower: string,
): Cue | "aid" | undefined {
  let k = p.first - 1;
  while (
    k >= start &&
    /^(another|additional|further|the|an|a|reportedly|only|just|nearly_)$/.test(w(tokens, k))
  )
    k--;
  if (k < start) return undefined;
  const lw = w(tokens, k);
  if (AID_VERBS.has(lw)) return "aid";
  if (lw === "of" || lw === "to") {
    const noun = w(tokens, k - 1);
    if (lw === "to" && noun === "home") return { metric: "population", index: k - 1, end: k, word: noun };
    if (lw === "to" && (noun === "injuries" || noun === "injury"))
      return { metric: "injured", index: k - 1, end: k, word: noun };
    // "claimed the lives of 18 people"; "saved the lives of" names no death.
    if (
      lw === "of" &&
      noun === "lives" &&
      /^(claimed|claim|claims|claiming|took|taken|take|takes|cost|costs|costing)$/.test(
        w(tokens, w(tokens, k - 2) === "the" ? k - 3 : k - 2),
      )
    )
      return { metric: "killed", index: k - 1, end: k, word: noun };
    if (lw === "of" && LEFT_NOUN_LINKS[noun] !== undefined)
      return { metric: LEFT_NOUN_LINKS[noun], index: k - 1, end: k, word: noun };
    return undefined;
  }
  if (lw === "dead" && w(tokens, k - 1) === "shot")
    return { metric: "killed", index: k - 1, end: k, word: lw };
  const verb = LEFT_VERBS[lw];
  if (verb !== undefined) return { metric: verb, index: k, end: k, word: lw };
  if (
    lw === "hosts" ||
    lw === "hosting" ||
    lw === "host" ||
    lw === "hosted" ||
    lw === "received" ||
    lw === "receiving" ||
    lw === "welcomed"
  ) {
    return { metric: ctx.refugeeContext ? "refugees" : "displaced", index: k, end: k, word: lw, weak: true };
  }
  void sentenceLower;
  return undefined;
}

/** A modal verb that looks ahead ("could flee"); "may have fled" estimates the past instead. */
function isForecastModal(tokens: Token[], j: number): boolean {
  const t = tokens[j]!;
  if (!MODALS.has(t.lower) || (t.lower === "may" && isCapitalized(t))) return false;
  return !(/^(may|might|could|must)$/.test(t.lower) && w(tokens, j + 1) === "have");
}

/** The word before a number and any qualifier in front of it ("and about 5,400" gives "and"). */
function wordBeforeQualifier(tokens: Token[], j: number): string {
  let k = j - 1;
  while (
    k >= 0 &&
    k > j - 4 &&
    /^(about|some|nearly|around|over|more|than|at|least|approximately|an|estimated|almost|up|to|another|roughly)$/.test(
      w(tokens, k),
    )
  )
    k--;
  return w(tokens, k);
}

/** A number that is a percentage, a date or a year ("91% of Tigray's population"), not another count. */
function nonCountAhead(tokens: Token[], j: number): boolean {
  const next = w(tokens, j + 1);
  const t = tokens[j]!;
  if (
    next === "%" ||
    next === "percent" ||
    next === "per" ||
    MONTHS.has(next) ||
    MONTHS.has(w(tokens, j - 1))
  )
    return true;
  return t.text.length === 4 && !t.grouped && (t.value ?? 0) >= 1900 && (t.value ?? 0) <= 2100;
}

interface RightCue extends Cue {
  modal: boolean;
}

/** The predicate after the counted group: "40 villagers were massacred", "300 people, including …, were killed". */
function rightCue(
  tokens: Token[],
  from: number,
  end: number,
  ctx: ItemContext,
  sentenceLower: string,
): RightCue | undefined {
  let modal = false;
  let steps = 0;
  let j = from;
  let depth = 0;
  let list = false;
  let verb = false;
  while (j < end && steps < 22) {
    const t = tokens[j]!;
    const lw = t.lower;
    if (lw === "including" || lw === "among" || lw === "(") list = true;
    if (AUX_WORDS.has(lw) || (t.type === "word" && lw.endsWith("ed"))) verb = true;
    // Another count starts its own clause ("… climbed to 2,300, with more than 10,000 injured"), unless it is
    // part of a list of the same group ("300 people, including 60 women") or coordinated with it ("9 women
    // and 11 children held hostage", but not "600 were rescued and 20 are missing").
    if (
      t.type === "num" &&
      !list &&
      !(/^(and|or)$/.test(wordBeforeQualifier(tokens, j)) && !verb) &&
      depth === 0 &&
      !nonCountAhead(tokens, j)
    )
      return undefined;
    if (t.type === "punct") {
      if (t.text === "(") depth++;
      else if (t.text === ")") depth = Math.max(0, depth - 1);
      else if (
        depth === 0 &&
        (t.text === "." || t.text === ";" || t.text === ":" || t.text === "?" || t.text === "!")
      )
        return undefined;
      j++;
      continue;
    }
    if (depth > 0) {
      j++;
      continue;
    }
    if (
      CLAUSE_BREAKERS.has(lw) &&
      !(/^(said|reported)$/.test(lw) && /^(is|are|was|were|been|be)$/.test(w(tokens, j - 1)))
    )
      return undefined;
    // An attributive participle ("displaced people") describes another group, not this one.
    if (
      CUE_METRICS[lw] !== undefined &&
      (lw.endsWith("ed") || lw.endsWith("ing")) &&
      (PEOPLE_UNITS[w(tokens, j + 1)] !== undefined || NOUN_MODIFIERS.has(w(tokens, j + 1))) &&
      tokens[j + 1]?.type === "word"
    )
      return undefined;
    // "were not injured", "has never returned": a denied predicate names nothing that happened.
    if (lw === "not" || lw === "never" || lw === "n't" || (lw === "no" && w(tokens, j + 1) === "longer"))
      return undefined;
    if (isForecastModal(tokens, j)) modal = true;
    if (lw === "expected" || lw === "projected" || lw === "forecast" || lw === "likely" || lw === "set") {
      if (w(tokens, j + 1) === "to") modal = true;
    }
    const cue = t.type === "word" ? cueAt(tokens, j, ctx, sentenceLower) : undefined;
    // "Killed: 45 Injured: 120": a label before a colon belongs to the number after it.
    if (cue && w(tokens, cue.end + 1) === ":") return undefined;
    // "50 gunmen attacked the village, killing 12": a participle after a comma tells what the clause caused.
    if (cue && cue.word.endsWith("ing") && w(tokens, j - 1) === "," && verb) return undefined;
    if (cue) return { ...cue, modal };
    if (AID_VERBS.has(lw) && (lw.endsWith("ed") || lw.endsWith("ing"))) return undefined;
    steps++;
    j++;
  }
  return undefined;
}

/** "the death toll … has climbed to 800", "the number of affected households … stands at 1,420". */
function linkedCue(
  tokens: Token[],
  p: NumberPhrase,
  start: number,
  ctx: ItemContext,
  sentenceLower: string,
):
  | {
      metric: Metric | null;
      unit: Unit | null;
      estimated: boolean;
      anaphor: boolean;
      modal: boolean;
      index: number;
    }
  | undefined {
  const k = p.first - 1;
  // "IDPs in Marib: 1,000,000+"
  const change =
    /^(risen|rose|increased|jumped|grown|climbed|fallen|fell|dropped|declined|decreased|up|down)$/;
  const fromChange = w(tokens, k) === "from" && change.test(w(tokens, k - 1));
  if (k < start || !(LINKING.has(w(tokens, k)) || w(tokens, k) === ":" || fromChange)) return undefined;
  // "IDP sites: 312": a table row counting things.
  if (w(tokens, k) === ":" && THING_NOUNS.has(w(tokens, k - 1))) return undefined;
  if (w(tokens, k) === "of" && !/^(population|toll|number|total|figure)$/.test(w(tokens, k - 1)))
    return undefined;
  let modal = false;
  let estimated = false;
  let anaphor = false;
  let unit: Unit | null = null;
  let found: { metric: Metric; index: number } | null = null;
  for (let j = k - 1; j >= start && j >= k - 30; j--) {
    const t = tokens[j]!;
    // "has risen from 10 million to 13 million": the earlier value does not hide the subject.
    if (t.type === "num" && !(w(tokens, j - 1) === "from" && change.test(w(tokens, j - 2)))) break;
    const lw = t.lower;
    // "were not injured", "has never returned": a denied predicate names nothing that happened.
    if (lw === "not" || lw === "never" || lw === "n't" || (lw === "no" && w(tokens, j + 1) === "longer"))
      return undefined;
    if (isForecastModal(tokens, j)) modal = true;
    if (/^(projected|expected|forecast|likely|set|poised)$/.test(lw) && w(tokens, j + 1) === "to")
      modal = true;
    if (lw === "estimated" && /^(total|number|toll|figure)$/.test(w(tokens, j + 1))) estimated = true;
    if (ANAPHORS.has(lw)) anaphor = true;
    if (lw === "number" && w(tokens, j + 1) === "of" && unit === null) {
      for (let m = j + 2; m < k && m < j + 6; m++) {
        const u = PEOPLE_UNITS[w(tokens, m)];
        if (u !== undefined) {
          unit = u;
          break;
        }
        if (THING_NOUNS.has(w(tokens, m))) return undefined;
      }
    }
    if (found === null) {
      if (lw === "population") found = { metric: "population", index: j };
      else {
        const cue =
          cueAt(tokens, j, ctx, sentenceLower) ??
          (NOUN_METRICS[lw] ? { metric: NOUN_METRICS[lw], index: j } : undefined);
        if (cue) found = { metric: cue.metric, index: j };
      }
    }
  }
  if (!found && !anaphor) return undefined;
  return { metric: found?.metric ?? null, unit, estimated, anaphor, modal, index: found?.index ?? k };
}

function isAidClause(tokens: Token[], p: NumberPhrase, start: number): boolean {
  for (let k = p.first - 1; k >= start && k >= p.first - 4; k--) {
    const lw = w(tokens, k);
    if (AID_VERBS.has(lw)) return true;
    if (lw === "," || lw === ";" || tokens[k]?.type === "num") return false;
  }
  return false;
}

function modalBefore(tokens: Token[], p: NumberPhrase, start: number): boolean {
  for (let k = p.first - 1; k >= start && k >= p.first - 4; k--) {
    const t = tokens[k]!;
    if (t.type === "punct" || t.type === "num") return false;
    if (CLAUSE_BREAKERS.has(t.lower) || /^(as|and|but|or|so)$/.test(t.lower)) return false;
    if (isForecastModal(tokens, k)) return true;
  }
  return false;
}

/** Verbs in the present tense that follow a bare count: "2 million live in camps". */
const PRESENT_VERBS = new Set(
  "live remain stay face lack suffer survive struggle wait await reside shelter sleep need require depend rely die flee return arrive leave cross move go come continue risk lost lose fled".split(
    " ",
  ),
);

/** "40 were not injured": the count's own predicate is denied. */
function negatedAfter(tokens: Token[], from: number): boolean {
  for (let k = from; k < from + 4; k++) {
    const lw = w(tokens, k);
    if (lw === "not" || lw === "never" || lw === "n't") return true;
    if (!AUX_WORDS.has(lw) && lw !== "yet") return false;
  }
  return false;
}

/** Whether a contrasting clause ("but", "whereas") separates two tokens. */
function clauseBetween(tokens: Token[], from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) {
    const lw = w(tokens, k);
    if (lw === "whereas" || lw === "but" || lw === "although") return true;
  }
  return false;
}

const GROUP_NOUNS = new Set(
  "team teams group groups delegation convoy unit squad force contingent committee panel crew battalion brigade company platoon mission".split(
    " ",
  ),
);
const PROFESSIONS = new Set(
  "doctors nurses medics paramedics journalists staff workers volunteers peacekeepers soldiers troops officers experts inspectors monitors observers delegates officials engineers".split(
    " ",
  ),
);
const MOVEMENT_WORDS = new Set([
  ...MOVEMENT_VERBS,
  "left",
  "leaving",
  "leave",
  "fled",
  "returned",
  "crossed",
]);

const PERSONAL_VERBS: Set<string> = new Set(
  "killed killing kill wounded wounding injured injuring abducted abducting kidnapped kidnapping arrested arresting detained detaining evacuated displaced massacred executed".split(
    " ",
  ),
);

const SUBGROUP_MARKERS = new Set(["including", "includes", "include", "among", "("]);

function subgroupMarker(tokens: Token[], p: NumberPhrase, start: number): boolean {
  const k = p.first - 1;
  if (k < start) return false;
  const lw = w(tokens, k);
  if (SUBGROUP_MARKERS.has(lw) || lw === "(") return true;
  if (lw === "them" && w(tokens, k - 1) === "among") return true;
  if (lw === "from" && (w(tokens, k - 1) === "up" || w(tokens, k - 1) === "down")) return true;
  return false;
}

const HARM_METRICS = new Set<Metric>(["killed", "injured", "missing"]);

/** The harm a word names ("killed", "dead", "wounded", "missing"), if any. */
function harmAt(tokens: Token[], j: number): Metric | undefined {
  const lw = w(tokens, j);
  const metric = CUE_METRICS[lw] ?? LEFT_VERBS[lw] ?? NOUN_METRICS[lw];
  return metric !== undefined && HARM_METRICS.has(metric) ? metric : undefined;
}

/** "killed or injured", "dead and wounded": one count of two harms (like "casualties") is no figure of either. */
function combinedHarm(tokens: Token[], cue: number): boolean {
  const own = harmAt(tokens, cue);
  if (own === undefined) return false;
  const joinedAfter = /^(and|or|and\/or)$/.test(w(tokens, cue + 1));
  const other = joinedAfter ? harmAt(tokens, cue + 2) : undefined;
  if (other !== undefined && other !== own) return true;
  const joinedBefore = /^(and|or)$/.test(w(tokens, cue - 1));
  const previous = joinedBefore ? harmAt(tokens, cue - 2) : undefined;
  return previous !== undefined && previous !== own;
}

const RESCUE_OR_AID = new Set(["rescued", "saved", "survived", "reached", ...AID_VERBS]);

/** "43 were rescued", "3.2 million targeted": a predicate that says the group was helped, not harmed. */
function otherPredicate(tokens: Token[], from: number): boolean {
  let k = from;
  while (k < from + 2 && /^(were|was|are|is|have|has|had|been|be|being)$/.test(w(tokens, k))) k++;
  // "1,000 have lost a leg": a verb of its own, checked after the auxiliaries too.
  return RESCUE_OR_AID.has(w(tokens, k)) || (k > from && PRESENT_VERBS.has(w(tokens, k)));
}

/** Finds the figures stated in one sentence (tokens[start, end)). */
export function sentenceFigures(
  tokens: Token[],
  start: number,
  end: number,
  sentenceLower: string,
  ctx: ItemContext,
): SentenceFigure[] {
  const phrases = findNumbers(tokens, start, end).filter((p) => p.last < end);
  const out: SentenceFigure[] = [];
  let previous: { figure: SentenceFigure | null; phrase: NumberPhrase } | null = null;
  for (const p of phrases) {
    const result = decide(
      tokens,
      p,
      start,
      end,
      sentenceLower,
      ctx,
      previous?.figure ?? null,
      previous !== null,
    );
    // Dates, durations and money do not break a list of counts; a count of things does.
    if (result || !notACount(tokens, p)) previous = { figure: result, phrase: p };
    if (result) out.push(result);
  }
  return out;
}

function decide(
  tokens: Token[],
  p: NumberPhrase,
  start: number,
  end: number,
  sentenceLower: string,
  ctx: ItemContext,
  prev: SentenceFigure | null,
  hadPrevious: boolean,
): SentenceFigure | null {
  if (notACount(tokens, p)) return null;
  // A count of nobody ("0 deaths", or the tail of an unread grouping) is no figure.
  if (p.value === 0 || p.upper === 0) return null;
  // "a survey of 1,500 households", "interviewed 300 people": a sample, not a group things happened to.
  if (
    /^(surveyed|interviewed|sampled|polled)$/.test(w(tokens, p.first - 1)) ||
    (w(tokens, p.first - 1) === "of" && /^(survey|surveys|sample|poll|census)$/.test(w(tokens, p.first - 2)))
  )
    return null;
  // "None of the 40 passengers were injured", "not one of the 1,000 refugees".
  if (
    w(tokens, p.first - 1) === "the" &&
    w(tokens, p.first - 2) === "of" &&
    /^(none|neither|one)$/.test(w(tokens, p.first - 3))
  )
    return null;
  const head = findHead(tokens, p, end);
  if (head.thing) return null;
  let qualifier = p.qualifier;
  let value = p.value;
  let lower = p.lower;
  let upper = p.upper;
  let quoteLast = Math.max(p.last, head.end);
  // "3 people at least"
  if (
    head.index !== null &&
    qualifier === "exact" &&
    ((w(tokens, head.end + 1) === "at" && w(tokens, head.end + 2) === "least") ||
      (w(tokens, head.end + 1) === "or" && w(tokens, head.end + 2) === "more"))
  ) {
    qualifier = "at_least";
    quoteLast = head.end + 2;
  }
  if (isAidClause(tokens, p, start)) return null;

  let metric: Metric | null = null;
  let unit: Unit | null = head.unit;
  // "300 were children", "of whom 1.2 million are children": the predicate noun names the group.
  if (unit === null && /^(were|are|was|is)$/.test(w(tokens, p.last + 1))) {
    const named = PEOPLE_UNITS[w(tokens, p.last + 2)];
    if (named !== undefined && !(w(tokens, p.last + 2) in ADJECTIVE_METRICS)) {
      unit = named;
      quoteLast = Math.max(quoteLast, p.last + 2);
    }
  }
  // "four of them children", "18 of whom were children": a subgroup named after its pronoun.
  if (unit === null && w(tokens, p.last + 1) === "of" && /^(them|whom)$/.test(w(tokens, p.last + 2))) {
    let k = p.last + 3;
    if (/^(were|are|was|is)$/.test(w(tokens, k))) k++;
    const named = PEOPLE_UNITS[w(tokens, k)];
    if (named !== undefined && named !== "people" && !(w(tokens, k) in ADJECTIVE_METRICS)) {
      unit = named;
      quoteLast = Math.max(quoteLast, k);
    }
  }
  // "80 percent of the 2 million residents": the whole of which a share is counted is a population figure.
  if (w(tokens, p.first - 1) === "the" && w(tokens, p.first - 2) === "of") {
    const share = w(tokens, p.first - 3);
    if (
      /^(percent|cent|%|half|third|thirds|quarter|quarters|fifth|fifths|majority|most|fraction|share)$/.test(
        share,
      )
    ) {
      if (head.index === null || head.thing || head.force) return null;
      // "70 percent of the 8 million people displaced": the whole is a count of what happened to them.
      const described =
        head.nounMetric ?? head.adjMetric ?? ADJECTIVE_METRICS[w(tokens, head.end + 1)] ?? null;
      return {
        metric: described ?? "population",
        value: p.value,
        lower: p.lower,
        upper: p.upper,
        qualifier: p.qualifier,
        unit: head.unit ?? "people",
        quoteFirst: p.first,
        quoteLast: head.end,
        numFirst: p.numFirst,
        numLast: p.numLast,
        cue: null,
      };
    }
  }
  let cueIndex: number | null = null;
  let quoteFirst = p.first;

  const left = leftCue(tokens, p, start, ctx, sentenceLower);
  if (left === "aid") return null;
  const subgroup = subgroupMarker(tokens, p, start);
  // "sickened 20,000 and killed 400": the object of a verb that names no metric takes no later predicate.
  const before = tokens[p.first - 1];
  const objectOfOtherVerb =
    before !== undefined &&
    before.type === "word" &&
    before.lower.endsWith("ed") &&
    !AUX_WORDS.has(before.lower) &&
    !LINKING.has(before.lower) &&
    CUE_METRICS[before.lower] === undefined &&
    LEFT_VERBS[before.lower] === undefined &&
    !AID_VERBS.has(before.lower) &&
    before.lower !== "estimated" &&
    // "prompted thousands to head back", "forced 3,000 refugees to cross": a causative verb and its infinitive.
    w(tokens, Math.max(head.end, p.last) + 1) !== "to";
  const right = objectOfOtherVerb
    ? undefined
    : rightCue(tokens, Math.max(head.end, quoteLast) + 1, end, ctx, sentenceLower);
  const headMetric = head.nounMetric ?? head.adjMetric;

  if (left && !(head.partitive && prev)) {
    metric = left.metric;
    cueIndex = left.index;
    if (left.index >= p.first - 3) quoteFirst = Math.min(quoteFirst, left.index);
    // "the deaths of 17 people": the noun's article belongs to the quote.
    if (w(tokens, left.index + 1) === "of" && /^(the|a)$/.test(w(tokens, quoteFirst - 1))) quoteFirst--;
    if (left.weak && headMetric) metric = headMetric;
    if (
      left.metric === "affected" &&
      headMetric &&
      headMetric !== "affected" &&
      left.word !== "affecting" &&
      left.word !== "affected"
    )
      metric = headMetric;
  } else if (subgroup && prev) {
    // "displaced 12 million, including 2 million who fled abroad": a relative clause names its own metric.
    const relative = /^(who|that)$/.test(w(tokens, Math.max(head.end, p.last) + 1));
    metric = relative && right && !right.modal ? right.metric : prev.metric;
    if (unit === null && w(tokens, p.first - 1) !== "from") unit = prev.unit;
  } else if (
    right &&
    !right.modal &&
    !(head.force && !/^(killed|injured|detained|missing)$/.test(right.metric))
  ) {
    metric = right.metric;
    cueIndex = right.index;
    // "41 deaths, 12 injuries": an event noun is the metric; "60 evacuated patients arrived": so is a
    // participle, over a verb of movement; "displaced people in need": over a state.
    const eventNoun =
      head.nounMetric !== null && head.nounMetric !== "displaced" && head.nounMetric !== "refugees";
    const movement = MOVEMENT_VERBS.has(right.word) || right.word === "left" || right.word === "leaving";
    if (
      headMetric &&
      (STATE_METRICS.has(right.metric) ||
        eventNoun ||
        (head.nounMetric === "refugees" && right.metric === "displaced") ||
        (movement && right.metric !== "returned"))
    )
      metric = headMetric;
    if (metric === right.metric && right.index <= quoteLast + 6) quoteLast = Math.max(quoteLast, right.end);
  } else if (right && right.modal && right.metric !== "in_need") {
    return null;
  } else if (headMetric && !head.force) {
    metric = headMetric;
    cueIndex = head.index;
  } else if (
    head.unit !== null &&
    !head.force &&
    head.index !== null &&
    PEOPLE_UNITS[w(tokens, head.index)] !== undefined &&
    /^(residents|inhabitants)$/.test(w(tokens, head.index))
  ) {
    metric = "population";
  } else if (head.demonym && ctx.migrationContext) {
    // "the country now has 300,000 Nicaraguans", in a report on migration.
    metric = "refugees";
  }
  if (metric === null) {
    const linked = linkedCue(tokens, p, start, ctx, sentenceLower);
    if (linked) {
      if (linked.modal && linked.metric !== "in_need") return null;
      metric = linked.metric ?? (linked.anaphor ? (prev?.metric ?? ctx.previous?.metric ?? null) : null);
      if (unit === null) unit = linked.unit;
      if (linked.estimated && qualifier === "exact") qualifier = "approx";
      if (linked.metric === null && linked.anaphor && unit === null) unit = "people";
      cueIndex = linked.metric ? linked.index : null;
      if (w(tokens, p.first - 1) === "to" || w(tokens, p.first - 1) === "at") {
        const verb = w(tokens, p.first - 2);
        if (/^(risen|rose|rise|reached|stand|stands|stood|put|climbed|increased|jumped|grown)$/.test(verb))
          quoteFirst = p.first - 2;
        else quoteFirst = p.first - 1;
      } else if (w(tokens, p.first - 1) === ":") {
        if (linked.metric && linked.index >= p.first - 6) quoteFirst = linked.index;
      } else quoteFirst = p.first - 1;
    }
  }
  if (metric === null && head.partitive && prev) {
    metric = prev.metric;
  }
  if (
    metric === null &&
    hadPrevious &&
    prev &&
    !head.force &&
    (head.unit === null || head.index !== null) &&
    !clauseBetween(tokens, prev.numLast, p.first) &&
    !PRESENT_VERBS.has(w(tokens, head.end + 1)) &&
    !negatedAfter(tokens, Math.max(head.end, p.last) + 1) &&
    !otherPredicate(tokens, Math.max(head.end, p.last) + 1) &&
    !objectOfOtherVerb
  ) {
    // A list: "six people in Kanama, four in Bulu, and one in Gari".
    metric = prev.metric;
    if (unit === null) unit = prev.unit;
    // The quote keeps what tells the count apart: "four in Bulu", "896 were received".
    if (quoteLast === p.last) {
      const n1 = w(tokens, p.last + 1);
      if (
        (n1 === "in" || n1 === "at") &&
        isCapitalized(tokens[p.last + 2]) &&
        !MONTHS.has(w(tokens, p.last + 2))
      ) {
        let k = p.last + 2;
        while (k + 1 < end && k < p.last + 4 && isCapitalized(tokens[k + 1])) k++;
        quoteLast = k;
      } else if (/^(were|are|was|is|have|has|had)$/.test(n1) && tokens[p.last + 2]?.type === "word") {
        quoteLast = p.last + 2;
      }
    }
  }
  if (metric === null && head.partitive && ctx.previous) metric = ctx.previous.metric;
  if (metric === null) return null;
  if (cueIndex !== null && combinedHarm(tokens, cueIndex)) return null;
  if (modalBefore(tokens, p, start) && metric !== "in_need") return null;
  if (head.force && !/^(killed|injured|detained|missing)$/.test(metric)) return null;
  // "a team of 12 doctors", "a group of 50 gunmen": the size of a group that acts, unless harm came to it.
  if (
    w(tokens, p.first - 1) === "of" &&
    GROUP_NOUNS.has(w(tokens, p.first - 2)) &&
    !/^(killed|injured|detained|missing)$/.test(metric)
  )
    return null;
  // Doctors or journalists who arrive or leave are at work, not displaced.
  if (
    head.index !== null &&
    PROFESSIONS.has(w(tokens, head.index)) &&
    /^(displaced|refugees|returned|evacuated)$/.test(metric) &&
    cueIndex !== null &&
    MOVEMENT_WORDS.has(w(tokens, cueIndex))
  )
    return null;
  // "two children were killed and three were hurt": a bare number counts the group named before it.
  const newGroup = w(tokens, p.last + 1) === "more" || w(tokens, p.first - 1) === "from";
  if (unit === null)
    unit = prev && !head.partitive && head.index === null && !newGroup ? prev.unit : "people";
  if (unit === null) unit = "people";

  const phrase = { ...p, qualifier, value, lower, upper };
  if (qualifier !== p.qualifier) applyBounds(phrase);
  ({ value, lower, upper } = phrase);
  return {
    metric,
    value,
    lower,
    upper,
    qualifier,
    unit,
    quoteFirst,
    quoteLast,
    numFirst: p.numFirst,
    numLast: p.numLast,
    cue: cueIndex,
  };
}

/** "the death of a child", "killing a civilian": a singular noun whose article states a count of one. */
export function singularFigures(
  tokens: Token[],
  start: number,
  end: number,
  taken: Set<number>,
): SentenceFigure[] {
  const out: SentenceFigure[] = [];
  for (let i = start + 1; i + 1 < end; i++) {
    const lw = w(tokens, i);
    if (lw !== "a" && lw !== "an") continue;
    if (taken.has(i) || taken.has(i + 1)) continue;
    const noun = w(tokens, i + 1);
    if (!/^(child|civilian|woman|man|boy|girl|baby|person|soldier|peacekeeper|journalist)$/.test(noun))
      continue;
    let k = i - 1;
    let metric: Metric | undefined;
    if (w(tokens, k) === "of") {
      metric = LEFT_NOUN_LINKS[w(tokens, k - 1)];
      k--;
    } else metric = LEFT_VERBS[w(tokens, k)];
    if (metric === undefined || metric === "population") continue;
    if (w(tokens, k - 1) === "the" && w(tokens, i - 1) === "of") k--;
    const unit = PEOPLE_UNITS[noun] ?? "people";
    out.push({
      metric,
      value: 1,
      lower: 1,
      upper: 1,
      qualifier: "exact",
      unit: unit === "people" || unit === "civilians" ? unit : unit,
      quoteFirst: k,
      quoteLast: i + 1,
      numFirst: i,
      numLast: i + 1,
      cue: k,
    });
  }
  return out;
}
