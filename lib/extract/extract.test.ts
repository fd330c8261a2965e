import { describe, expect, it } from "vitest";

import { extract } from "./index";
import type { ExtractedFigure } from "./types";

const PUBLISHED = "2024-03-15";

function run(text: string, published: string | null = PUBLISHED): ExtractedFigure[] {
  return extract({ id: "t1", text, published });
}

/** A compact view of a figure: metric, number (or bounds), qualifier, unit. */
function brief(f: ExtractedFigure): string {
  const n = f.value ?? `${f.lower}-${f.upper}`;
  return `${f.metric} ${n} ${f.qualifier} ${f.unit}`;
}

function briefs(text: string): string[] {
  return run(text).map(brief);
}

describe("numbers", () => {
  it.each([
    ["Shelling killed 1,250 people in the city.", "killed 1250 exact people"],
    ["Shelling killed 1.250 people in the city.", "killed 1250 exact people"],
    ["Shelling killed 1 250 people in the city.", "killed 1250 exact people"],
    ["Shelling killed 1\u00a0250 people in the city.", "killed 1250 exact people"],
    ["Shelling killed 1\u202f250 people in the city.", "killed 1250 exact people"],
    ["Floods have displaced 2.4 million people.", "displaced 2400000 exact people"],
    ["Floods have displaced 2.4m people.", "displaced 2400000 exact people"],
    ["Floods have displaced 35k people.", "displaced 35000 exact people"],
    ["Floods have displaced 10 thousand people.", "displaced 10000 exact people"],
    ["The storm killed twenty-five villagers.", "killed 25 exact people"],
    ["Gunmen abducted a dozen students.", "detained 12 exact people"],
    ["The war has displaced half a million people.", "displaced 500000 exact people"],
    ["The war has displaced a half million people.", "displaced 500000 exact people"],
    ["The war has displaced a quarter of a million people.", "displaced 250000 exact people"],
    ["The war has displaced two thousand people.", "displaced 2000 exact people"],
    ["The fighting displaced 3,000-5,000 people.", "displaced 3000-5000 vague people"],
    ["The fighting displaced between 10,000 and 15,000 people.", "displaced 10000-15000 vague people"],
    ["Estimates say 120-150,000 people have fled.", "displaced 120000-150000 vague people"],
    ["Dozens of people were injured.", "injured 24-99 vague people"],
    ["Hundreds of families fled the town.", "displaced 200-999 vague families"],
    ["Thousands of people were evacuated.", "evacuated 2000-9999 vague people"],
    ["Tens of thousands of people have fled.", "displaced 20000-99999 vague people"],
    ["Hundreds of thousands of refugees crossed into Uganda.", "refugees 200000-999999 vague people"],
    ["Millions of people need food assistance.", "in_need 2000000-9999999 vague people"],
    ["Around two dozen people were injured.", "injured 24 approx people"],
    ["Between 1 and 2 million people need aid.", "in_need 1000000-2000000 vague people"],
    ["About 2,50,000 people were affected by the floods.", "affected 250000 approx people"],
    ["Floods displaced 12,34,567 people.", "displaced 1234567 exact people"],
    ["An estimated 1.5-2 million people were displaced.", "displaced 1500000-2000000 vague people"],
  ])("%s", (text, expected) => {
    expect(briefs(text)).toEqual([expected]);
  });

  it("does not read several, many or scores as figures", () => {
    expect(run("Several people were killed and many others were injured; scores fled.")).toEqual([]);
  });
});

describe("qualifiers", () => {
  it.each([
    ["More than 300 people were killed.", "killed 300 at_least people"],
    ["Over 300 people were killed.", "killed 300 at_least people"],
    ["At least 300 people were killed.", "killed 300 at_least people"],
    ["Upwards of 300 people were killed.", "killed 300 at_least people"],
    ["300 people or more were killed.", "killed 300 at_least people"],
    ["Nearly 300 people were killed.", "killed 300 approx people"],
    ["Almost 300 people were killed.", "killed 300 approx people"],
    ["About 300 people were killed.", "killed 300 approx people"],
    ["Around 300 people were killed.", "killed 300 approx people"],
    ["Some 300 people were killed.", "killed 300 approx people"],
    ["Approximately 300 people were killed.", "killed 300 approx people"],
    ["An estimated 300 people were killed.", "killed 300 approx people"],
    ["Roughly 300 people were killed.", "killed 300 approx people"],
    ["Up to 300 people were killed.", "killed 300 at_most people"],
    ["As many as 300 people were killed.", "killed 300 at_most people"],
    ["Fewer than 300 people were killed.", "killed 300 at_most people"],
    ["Less than 300 people were killed.", "killed 300 at_most people"],
    ["Over a dozen civilians were killed.", "killed 12 at_least civilians"],
  ])("%s", (text, expected) => {
    expect(briefs(text)).toEqual([expected]);
  });

  it("applies a qualifier only to the number it modifies", () => {
    expect(briefs("The raid killed at least 19 people and injured 30 others.")).toEqual([
      "killed 19 at_least people",
      "injured 30 exact people",
    ]);
    expect(briefs("More than 30,000 were killed and two million others displaced.")).toEqual([
      "killed 30000 at_least people",
      "displaced 2000000 exact people",
    ]);
  });

  it("sets bounds from the qualifier", () => {
    const [atLeast] = run("At least 40 people were killed.");
    expect([atLeast?.lower, atLeast?.upper]).toEqual([40, null]);
    const [atMost] = run("Up to 40 people were killed.");
    expect([atMost?.lower, atMost?.upper]).toEqual([null, 40]);
    const [exact] = run("Forty people were killed.");
    expect([exact?.lower, exact?.value, exact?.upper]).toEqual([40, 40, 40]);
  });
});

describe("metrics and units", () => {
  it.each([
    ["Gunmen shot dead 14 villagers.", "killed 14 exact people"],
    ["The clashes left 23 soldiers dead.", "killed 23 exact security forces"],
    ["The blast wounded 57 civilians.", "injured 57 exact civilians"],
    ["Some 4,000 families have fled their homes.", "displaced 4000 approx families"],
    ["About 2,000 refugees have returned to their villages.", "returned 2000 approx people"],
    ["Nearly 9,000 people crossed into Chad last week.", "refugees 9000 approx people"],
    ["The district is home to 80,000 people.", "population 80000 exact people"],
    ["12 million people need humanitarian assistance.", "in_need 12000000 exact people"],
    ["At least 70 people remain missing after the landslide.", "missing 70 at_least people"],
    ["Police arrested 45 protesters.", "detained 45 exact people"],
    ["Authorities evacuated 3,500 residents.", "evacuated 3500 exact people"],
    ["The cyclone affected 1.8 million people.", "affected 1800000 exact people"],
    ["Some 300 women were abducted.", "detained 300 approx women"],
    ["The floods killed 12 men and 30 children.", "killed 12 exact men"],
  ])("%s", (text, expected) => {
    expect(briefs(text)[0]).toBe(expected);
  });

  it("lists subgroups as figures of their own", () => {
    expect(briefs("The strike killed 12 civilians, including five children.")).toEqual([
      "killed 12 exact civilians",
      "killed 5 exact children",
    ]);
    expect(briefs("In total 300 people, including 80 women and 120 children, were injured.")).toEqual([
      "injured 300 exact people",
      "injured 80 exact women",
      "injured 120 exact children",
    ]);
  });

  it("counts one group in two units", () => {
    expect(briefs("The fire displaced 20 families (110 individuals).")).toEqual([
      "displaced 20 exact families",
      "displaced 110 exact people",
    ]);
  });

  it("reads an appositive in another unit as its own figure", () => {
    expect(briefs("Nearly 900 households, or about 5,400 people, were affected.")).toEqual([
      "affected 900 approx households",
      "affected 5400 approx people",
    ]);
    expect(briefs("Gunmen killed 11 family members in the village.")).toEqual(["killed 11 exact people"]);
  });

  it("lists a figure restated in the same item once", () => {
    expect(
      briefs("The quake killed 1,200 people. Of the 1,200 people killed, most were in the north."),
    ).toEqual(["killed 1200 exact people"]);
  });

  it("lets the head noun decide between two descriptions", () => {
    expect(briefs("Over 8,000 displaced people are in need of shelter assistance.")).toEqual([
      "displaced 8000 at_least people",
    ]);
  });

  it("reads bare numbers in a list as the group named before", () => {
    expect(briefs("Five children were killed and two were wounded.")).toEqual([
      "killed 5 exact children",
      "injured 2 exact children",
    ]);
  });

  it("reads present-tense headlines and food insecurity", () => {
    expect(briefs("Gunmen abduct over 280 pupils in Kaduna state")).toEqual([
      "detained 280 at_least children",
    ]);
    expect(
      briefs("In Kasai, 1.4 million people have been displaced and 3.2 million face severe food insecurity."),
    ).toEqual(["displaced 1400000 exact people", "in_need 3200000 exact people"]);
  });

  it("does not give the object of an unrelated verb a later predicate", () => {
    expect(briefs("The cholera outbreak has sickened 20,000 and killed 400.")).toEqual([
      "killed 400 exact people",
    ]);
  });

  it("takes the unit of a bare count from its predicate noun, and keeps dates out of ranges", () => {
    expect(briefs("Of the 1,200 people evacuated, 300 were children.")).toEqual([
      "evacuated 1200 exact people",
      "evacuated 300 exact children",
    ]);
    expect(briefs("Casualties as of 24 February 2023 – 8,006 killed and 13,287 injured.")).toEqual([
      "killed 8006 exact people",
      "injured 13287 exact people",
    ]);
  });

  it("does not give the agents of an attack the harm it caused", () => {
    expect(briefs("A group of 50 gunmen attacked the village, killing 12 people.")).toEqual([
      "killed 12 exact people",
    ]);
  });

  it("reads leaving the country as becoming refugees", () => {
    expect(briefs("More than 7 million people have fled Ukraine since the invasion.")).toEqual([
      "refugees 7000000 at_least people",
    ]);
  });

  it("keeps two coordinated clauses apart", () => {
    expect(briefs("More than 600 people have been rescued and 20 are still unaccounted for.")).toEqual([
      "missing 20 exact people",
    ]);
    expect(briefs("The death toll has climbed to 2,300, with more than 10,000 injured.")).toEqual([
      "killed 2300 exact people",
      "injured 10000 at_least people",
    ]);
  });

  it("counts the whole of which a share is given as a population", () => {
    expect(briefs("More than 80 percent of the 2 million residents of the city have fled.")).toEqual([
      "population 2000000 exact people",
    ]);
  });

  it("reads an age bound after the counted group as part of it", () => {
    expect(briefs("12 children under five were killed in the strike.")).toEqual(["killed 12 exact children"]);
  });

  it("reads the article of a singular noun as one", () => {
    expect(briefs("The blast caused the death of a child.")).toEqual(["killed 1 exact children"]);
  });

  it("gives a subgroup named after of them / of whom its own unit", () => {
    expect(briefs("A drone strike killed 9 people, three of them children, near the market.")).toEqual([
      "killed 9 exact people",
      "killed 3 exact children",
    ]);
    expect(briefs("Five others were hurt, two of whom were women.")).toEqual([
      "injured 5 exact people",
      "injured 2 exact women",
    ]);
  });

  it("reads one count of two harms (killed or injured, dead and wounded) as no figure of either", () => {
    expect(run("At least 40 people were killed or injured in the blast.")).toEqual([]);
    expect(run("The quake killed and injured more than 500 villagers.")).toEqual([]);
    expect(run("Some 60 people are dead or missing after the mudslide.")).toEqual([]);
    expect(briefs("12 people were killed and 30 injured.")).toEqual([
      "killed 12 exact people",
      "injured 30 exact people",
    ]);
  });

  it("reads casualties, which joins killed and injured, as no figure unless split", () => {
    expect(run("The shelling caused 57 casualties in the district.")).toEqual([]);
    expect(briefs("The clashes caused 90 casualties, including 25 deaths.")).toEqual([
      "killed 25 exact people",
    ]);
  });

  it("reads table labels before a colon as the metric of the number after it", () => {
    expect(briefs("Dead: 12 Wounded: 48 Displaced: 2,100")).toEqual([
      "killed 12 exact people",
      "injured 48 exact people",
      "displaced 2100 exact people",
    ]);
  });

  it("reads more wordings of death, return and homelessness", () => {
    expect(briefs("The landslide claimed the lives of 31 villagers.")).toEqual(["killed 31 exact people"]);
    expect(briefs("Medics saved the lives of 31 villagers.")).toEqual([]);
    expect(briefs("Monitors counted spontaneous returns of 8,000 people to the town.")).toEqual([
      "returned 8000 exact people",
    ]);
    expect(briefs("Some 4,000 people remain without shelter after the storm.")).toEqual([
      "displaced 4000 approx people",
    ]);
    expect(briefs("Seven people were reported dead after the storm.")).toEqual(["killed 7 exact people"]);
    expect(briefs("The death toll rose to 212 on Thursday.")).toEqual(["killed 212 exact people"]);
  });

  it("does not carry a list metric to a group that was rescued or targeted by aid", () => {
    expect(briefs("The boat sank; 30 bodies were recovered and 52 survivors were rescued.")).toEqual([
      "killed 30 exact people",
    ]);
    expect(briefs("Key figures: 4.2M people in need, 2.9M people targeted")).toEqual([
      "in_need 4200000 exact people",
    ]);
  });

  it("does not carry a list metric to a count with a verb of its own after auxiliaries", () => {
    expect(briefs("More than 50 children were killed, while 20 have lost limbs.")).toEqual([
      "killed 50 at_least children",
    ]);
  });

  it("lets a subgroup's relative clause name its own metric", () => {
    expect(briefs("The war displaced 9 million people, including 1.5 million who fled abroad.")).toEqual([
      "displaced 9000000 exact people",
      "refugees 1500000 exact people",
    ]);
  });

  it("gives the host of refugees hosted in a list of countries the whole list", () => {
    const [figure] = run("About 900,000 refugees are hosted in Chad, Niger and Cameroon.");
    expect(figure?.region?.mention).toBe("Chad, Niger and Cameroon");
  });
});

describe("not figures", () => {
  it.each([
    ["plans and targets", "The 2024 response plan targets 6 million people with $1.9 billion."],
    ["a survey sample", "A survey of 1,500 households found that 40 per cent skip meals."],
    ["names with numbers", "M23 rebels and F-16 jets were discussed by the G7 under Resolution 2254."],
    ["severity scales", "The UN declared a Level 3 emergency as IPC Phase 5 conditions spread."],
    ["ratios", "5 out of 10 households reported skipping meals."],
    ["phone numbers", "For information call +41 22 917 1234."],
    ["ratios of people", "Nearly 2 out of 3 people need aid and 3 in 10 children are malnourished."],
    ["counts of nobody", "The clashes caused 0 deaths, officials said."],
    ["table rows of things", "IDP sites: 312"],
    ["body parts", "Some 1,000 children have lost one or both legs."],
    ["durations", "The two-day talks ended after three months of fighting in the past 24 hours."],
    ["dates and times", "By 6 a.m. on 14 May 2020, the war that began in April 2014 went on."],
    ["ordinals", "It was the first deadline and the third time, a potential fifth round."],
    ["money", "The UN appealed for $426 million and €12 million to help."],
    [
      "percentages and fractions",
      "Some 91% of the population and two-thirds of residents are poor, half the country.",
    ],
    ["multipliers", "Needs are twice as high and have increased fourfold."],
    [
      "counts of things",
      "Strikes destroyed 30 houses, 12 trucks, 4 bridges and 9 tents, and 556 livestock died.",
    ],
    ["ages", "The 31-year-old and children under the age of five were treated."],
    [
      "forces and committees",
      "The panel has 120 members and the 9,000-strong force has four teams of 30 people each.",
    ],
    ["aid reached", "Convoys reached 1.1 million people and the agency has assisted 9,300 of them."],
    ["forecasts", "Up to 200,000 could flee and the number will rise to 2 million by July."],
    ["plans", "Under the truce, between 5,000 and 8,000 people would evacuate in stages."],
    [
      "unspecified quantities",
      "Many others were injured, including children, and an equal number of refugees.",
    ],
    ["earthquake magnitude", "A 6.8 magnitude earthquake struck at 5 km depth."],
    ["projections", "The population of the country is projected to reach 50 million by 2030."],
    [
      "beneficiaries",
      "WFP has distributed 12,000 metric tonnes of food to 1.4 million beneficiaries in 2023.",
    ],
    [
      "people targeted",
      "Humanitarian partners targeted 3.2 million people with assistance in the first quarter.",
    ],
    ["vaccination", "UNICEF said it had vaccinated 2.3 million children against polio in the campaign."],
    ["staff and fighters", "The agency employs 1,200 staff, and the group has some 3,000 fighters."],
    ["ratios", "About 1 in 3 children under five is stunted, according to the 2022 survey."],
    ["age bounds", "People over 60 account for most of the hospital admissions."],
    ["teams at work", "A team of 12 doctors arrived on Monday and some 40 aid workers crossed into Sudan."],
  ])("%s", (_family, text) => {
    expect(run(text)).toEqual([]);
  });

  it("reads negation as no figure", () => {
    expect(run("None of the 40 passengers were injured.")).toEqual([]);
    expect(run("Some 300 families have not yet returned home.")).toEqual([]);
    expect(briefs("Two people were killed and 40 were not injured.")).toEqual(["killed 2 exact people"]);
  });

  it("keeps an estimate of the past made with may have", () => {
    expect(briefs("Up to 1 million people may have fled the city.")).toEqual([
      "displaced 1000000 at_most people",
    ]);
    expect(run("Some 20,000 people could be displaced if the dam breaks.")).toEqual([]);
  });

  it("keeps people-in-need assessments although they look ahead", () => {
    expect(briefs("In 2025, 9.1 million people are assessed to need humanitarian assistance.")).toEqual([
      "in_need 9100000 exact people",
    ]);
  });

  it("does not take the verb may for a date or a figure", () => {
    const figures = run("These numbers may rise as 40 people remain missing.");
    expect(figures.map(brief)).toEqual(["missing 40 exact people"]);
    expect(figures[0]?.period).toBeNull();
  });
});

describe("quotes", () => {
  it("quotes the number and what it counts, at exact offsets", () => {
    const text =
      "Monitors say the offensive caused the displacement of over 74,000 people from their villages.";
    const [figure] = run(text);
    expect(figure?.quote).toBe("the displacement of over 74,000 people");
    expect(text.slice(figure!.start, figure!.end)).toBe(figure?.quote);
    expect(figure?.sentence).toBe(text);
    expect(figure?.sentenceStart).toBe(0);
  });

  it("gives the sentence and its offset for a figure in a later sentence", () => {
    const text = "Fighting resumed. Later, 30 people were killed.";
    const [figure] = run(text);
    expect(figure?.sentence).toBe("Later, 30 people were killed.");
    expect(figure?.sentenceStart).toBe(18);
  });

  it("uses the item id as document", () => {
    expect(extract({ id: "doc-7", text: "Ten people were killed.", published: null })[0]?.document).toBe(
      "doc-7",
    );
  });
});
