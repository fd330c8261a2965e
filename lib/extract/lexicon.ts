import type { Metric, Unit } from "./types";

/** A lookup table without a prototype, so that words like "constructor" in a text find nothing. */
export function dict<T>(entries: Record<string, T>): Record<string, T> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

function set(words: string): Set<string> {
  return new Set(words.trim().split(/\s+/));
}

/** Nouns that name people, with the unit they are counted in. */
export const PEOPLE_UNITS: Record<string, Unit> = dict({
  people: "people",
  persons: "people",
  person: "people",
  individuals: "people",
  individual: "people",
  residents: "people",
  resident: "people",
  inhabitants: "people",
  citizens: "people",
  citizen: "people",
  others: "people",
  patients: "people",
  villagers: "people",
  worshippers: "people",
  students: "people",
  workers: "people",
  migrants: "people",
  survivors: "people",
  victims: "people",
  pilgrims: "people",
  idps: "people",
  idp: "people",
  refugees: "people",
  refugee: "people",
  returnees: "people",
  deportees: "people",
  escapees: "people",
  evacuees: "people",
  detainees: "people",
  hostages: "people",
  prisoners: "people",
  "asylum-seekers": "people",
  asylum: "people",
  civilians: "civilians",
  civilian: "civilians",
  children: "children",
  child: "children",
  kids: "children",
  newborns: "children",
  infants: "children",
  babies: "children",
  minors: "children",
  boys: "children",
  girls: "children",
  students_: "people",
  women: "women",
  woman: "women",
  men: "men",
  man: "men",
  elderly: "elderly",
  females: "females",
  female: "females",
  males: "males",
  male: "males",
  families: "families",
  family: "families",
  households: "households",
  household: "households",
  soldiers: "security forces",
  soldier: "security forces",
  troops: "security forces",
  policemen: "security forces",
  officers: "security forces",
  servicemen: "security forces",
  guards: "security forces",
  peacekeepers: "peacekeepers",
  peacekeeper: "peacekeepers",
  combatants: "people",
  fighters: "people",
  rebels: "people",
  militants: "people",
  insurgents: "people",
  attackers: "people",
  extremists: "people",
  jihadists: "people",
  gunmen: "people",
  militiamen: "people",
  journalists: "people",
  doctors: "people",
  nurses: "people",
  protesters: "people",
  demonstrators: "people",
  activists: "people",
  farmers: "people",
  fishermen: "people",
  miners: "people",
  passengers: "people",
  travellers: "people",
  travelers: "people",
  tourists: "people",
  bystanders: "people",
  labourers: "people",
  laborers: "people",
  employees: "people",
  staff: "people",
  volunteers: "people",
  medics: "people",
  paramedics: "people",
  teenagers: "people",
  youths: "people",
  adults: "people",
  orphans: "children",
  mothers: "women",
  pupils: "children",
  schoolchildren: "children",
  schoolgirls: "children",
  schoolboys: "children",
  inmates: "people",
  nationals: "people",
  foreigners: "people",
  herders: "people",
  traders: "people",
  merchants: "people",
  relatives: "people",
  bodies: "people",
  humanitarians: "people",
  commanders: "people",
  passersby: "people",
  crew: "people",
  teachers: "people",
  members: "people",
  member: "people",
  lives: "people",
  deaths: "people",
  injuries: "people",
  casualties: "people",
  dead: "people",
  injured: "people",
  wounded: "people",
  ...{ "health workers": "people" },
});

/** Armed groups: their size alone is never a figure. */
export const FORCE_NOUNS = set(
  "fighters rebels militants insurgents attackers extremists jihadists gunmen militiamen members member troops soldiers",
);

/** Head nouns that name what happened to the people counted. */
export const NOUN_METRICS: Record<string, Metric> = dict({
  refugees: "refugees",
  refugee: "refugees",
  "asylum-seekers": "refugees",
  idps: "displaced",
  idp: "displaced",
  migrants: "refugees",
  migrant: "refugees",
  escapees: "displaced",
  returnees: "returned",
  deportees: "returned",
  evacuees: "evacuated",
  deaths: "killed",
  lives: "killed",
  bodies: "killed",
  fatalities: "killed",
  dead: "killed",
  injuries: "injured",
  injured: "injured",
  wounded: "injured",
  detainees: "detained",
  hostages: "detained",
  captives: "detained",
});

/** Participles used as adjectives before the head noun: "displaced people", "evacuated patients". */
export const ADJECTIVE_METRICS: Record<string, Metric> = dict({
  displaced: "displaced",
  evacuated: "evacuated",
  affected: "affected",
  wounded: "injured",
  injured: "injured",
  dead: "killed",
  missing: "missing",
  abducted: "detained",
  kidnapped: "detained",
  detained: "detained",
  returning: "returned",
  returned: "returned",
  uprooted: "displaced",
  evicted: "displaced",
  expelled: "displaced",
});

/** Counted things rather than people. */
export const THING_NOUNS = set(`
  trucks truck lorries buses bus ambulances ambulance vehicles cars boats boat ships ship shells shell
  rockets rocket missiles missile bombs bomb airstrikes airstrike strikes raids raid massacres attacks attack
  tents tent camps camp shelters shelter sites site houses house homes buildings building bridges bridge
  districts district provinces villages village towns town cities schools school hospitals hospital clinics
  mosques churches posts checkpoints checkpoint roads kilometres kilometers km miles metres meters cubic square
  tonnes tons tonnes kg litres liters livestock cattle animals sheep goats heads aftershocks earthquake magnitude
  richter groups group committees committee teams team units convoys convoy flights planes helicopters aircraft
  neighborhoods neighbourhoods areas regions countries nations states points centres centers facilities
  locations settlements documents reports cases incidents violations times occasions rounds sessions
  legs leg limbs limb arms eyes hands feet
  projects wells pumps latrines classrooms beds meals kits rations doses items parcels packages
  percent per cent dollars euros pounds usd eur rupees shillings francs barrels hectares acres mm cm
  times days weeks months years hours minutes seconds decades nights`);

export const TIME_UNITS = set(
  "second seconds minute minutes hour hours day days night nights week weeks month months year years decade decades century centuries weekend weekends",
);

export const MONTHS = set(
  "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec",
);

/** Words that may stand between a number and its head noun. */
export const NOUN_MODIFIERS = set(`
  mostly mainly largely other more additional registered internally newly former local young old
  innocent unarmed armed vulnerable ethnic poor stranded remaining further new total estimated
  confirmed recorded reported verified documented known suspected alleged foreign previous`);

/** Verbs and nouns that say what happened, by metric. Multi-word cues are handled in the extractor. */
export const CUE_METRICS: Record<string, Metric> = dict({
  kill: "killed",
  kills: "killed",
  killed: "killed",
  killing: "killed",
  killings: "killed",
  dead: "killed",
  die: "killed",
  died: "killed",
  dies: "killed",
  dying: "killed",
  death: "killed",
  deaths: "killed",
  toll: "killed",
  massacred: "killed",
  perished: "killed",
  drowned: "killed",
  fatalities: "killed",
  murdered: "killed",
  executed: "killed",
  slain: "killed",
  slaughtered: "killed",
  lives: "killed",
  injure: "injured",
  injured: "injured",
  injures: "injured",
  injuring: "injured",
  injuries: "injured",
  injury: "injured",
  wounded: "injured",
  wounding: "injured",
  wounds: "injured",
  hurt: "injured",
  hospitalized: "injured",
  hospitalised: "injured",
  displaced: "displaced",
  displacing: "displaced",
  displace: "displaced",
  displaces: "displaced",
  displacement: "displaced",
  displacements: "displaced",
  fled: "displaced",
  flee: "displaced",
  fleeing: "displaced",
  flees: "displaced",
  uprooted: "displaced",
  escaped: "displaced",
  idps: "displaced",
  stranded: "displaced",
  homeless: "displaced",
  sheltering: "displaced",
  returned: "returned",
  return: "returned",
  returning: "returned",
  returns: "returned",
  returnees: "returned",
  deported: "returned",
  repatriated: "returned",
  repatriation: "returned",
  refugees: "refugees",
  missing: "missing",
  unaccounted: "missing",
  detained: "detained",
  arrested: "detained",
  abducted: "detained",
  abducting: "detained",
  abduct: "detained",
  kidnapped: "detained",
  kidnapping: "detained",
  captivity: "detained",
  hostage: "detained",
  imprisoned: "detained",
  evacuated: "evacuated",
  evacuate: "evacuated",
  evacuating: "evacuated",
  evacuation: "evacuated",
  evacuees: "evacuated",
  affected: "affected",
  affecting: "affected",
  affects: "affected",
  trapped: "affected",
  need: "in_need",
  needs: "in_need",
  needing: "in_need",
  depend: "in_need",
  depends: "in_need",
  rely: "in_need",
  relies: "in_need",
  require: "in_need",
  requires: "in_need",
});

/** Metrics that describe a state, which yield to a head noun naming what happened ("displaced people in need"). */
export const STATE_METRICS = new Set<Metric>(["in_need", "affected", "population"]);

/** Verbs of aid delivery: the people they count were reached, not affected. */
export const AID_VERBS = set(`
  reaching assisted assist assisting assists helped help helping helps target targeting targeted targets
  benefiting benefit benefited benefitted supported supporting support vaccinated treated treating feed feeding
  fed provide providing provided distributed screened`);

/** Words that make a clause a forecast, scenario or plan. */
export const MODALS = set("could will would might shall should may must");

/** Auxiliaries and adverbs allowed between a counted group and its verb. */
export const AUX_WORDS = set(`
  were was are is have has had been be being reportedly reported said to also now currently still already
  believed feared estimated thought confirmed all who that which later subsequently mostly so far allegedly
  apparently likely probably either both all_ since then just recently further officially being having got
  get gotten become became sustained suffered remain remained remains forced allowed able made
  seen found presumed listed registered recorded counted as whom`);

/** Words that end the clause a number belongs to. */
export const CLAUSE_BREAKERS = set(
  "while but whereas although though because after before when where if according said says told added noted",
);

export const ANAPHORS = set("figure number total toll tally count");
