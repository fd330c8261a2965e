import { expect, test } from "@playwright/test";

import { cardHeadings, evidenceFigures, evidenceRows, filtersEnhanced, section } from "./locators";

// Runs against a database holding only e2e/fixtures/dataset.ts: dated figures in Idlib (SY07, and its
// district Al Ma'ra SY0702), Hama (SY05) and Aleppo (SY02), plus one undated figure in Aleppo.

const ALL_METRICS = ["Killed", "Injured", "Displaced", "Returned"];

test.describe("filters", () => {
  test("a region narrows cards and evidence to exactly its figures", async ({ page }) => {
    await page.goto("/?region=SY05");
    await expect(cardHeadings(page)).toHaveText(["Displaced"]);
    await expect(evidenceFigures(page)).toContainText(["~5,000 people displaced"]);
    await expect(evidenceRows(page)).toHaveCount(1);
  });

  test("a region and a metric together, newest first, in cards, charts and evidence", async ({ page }) => {
    await page.goto("/?region=SY07&metric=killed");
    await expect(cardHeadings(page)).toHaveText(["Killed"]);
    const charts = section(page, "Charts");
    await expect(
      charts.getByRole("table", { name: /Highest figure per metric and place/ }).getByRole("row"),
    ).toHaveText([/Metric\s*Place\s*Figure\s*Sources/, /Killed\s*Idleb\s*30\+ people killed/]);
    await expect(charts.getByRole("table", { name: /Dated figures/ }).getByRole("row")).toHaveCount(5);
    await expect(charts).toContainText("4 dated figures from 2019-04-01 to 2019-06-20.");
    await expect(evidenceFigures(page)).toContainText([
      "30+ people killed",
      "28 people killed",
      "12 civilians killed",
      "20+ people killed",
    ]);
    await expect(evidenceRows(page)).toHaveCount(4);
  });

  test("several regions at once, as in a shared link", async ({ page }) => {
    await page.goto("/?region=SY07&region=SY05&from=2019-04-01&to=2019-06-30&metric=killed&metric=displaced");
    await expect(cardHeadings(page)).toHaveText(["Killed", "Displaced"]);
    await expect(evidenceRows(page)).toHaveCount(5);
    await expect(section(page, "Evidence")).not.toContainText("tens of thousands");
  });

  test("a region includes the places below it", async ({ page }) => {
    await page.goto("/?region=SY07&metric=displaced");
    await expect(evidenceFigures(page)).toContainText(["tens of thousands of people displaced"]);
    await expect(evidenceRows(page)).toHaveCount(1);
    await expect(evidenceRows(page)).toContainText("Maarat al-Numan");
  });

  test("a custom period keeps the figures dated in it; the card says which figure it shows", async ({
    page,
  }) => {
    await page.goto("/?region=SY07&metric=killed&from=2019-06-01&to=2019-06-30");
    await expect(evidenceFigures(page)).toContainText(["30+ people killed", "28 people killed"]);
    await expect(evidenceRows(page)).toHaveCount(2);
    const card = section(page, "Key figures").getByRole("article", { name: "Killed" });
    await expect(card).toContainText("30+ people killed in Idlib");
    await expect(card).toContainText("as of 20 June 2019");
    await expect(card).toContainText("Latest of 2 figures");
    const row = evidenceRows(page).filter({ hasText: "at least 30 people were killed" });
    await expect(row.getByRole("cell").last()).toContainText("28 people killed");
  });

  test("a year keeps that year's figures; undated ones stay unless left out", async ({ page }) => {
    await page.goto("/?region=SY02&period=2019");
    await expect(cardHeadings(page)).toHaveText(["Injured", "Returned"]);
    await expect(section(page, "Key figures").getByRole("article", { name: "Returned" })).toContainText(
      "date unknown",
    );
    await page.goto("/?region=SY02&period=2019&undated=exclude");
    await expect(cardHeadings(page)).toHaveText(["Injured"]);
    await expect(evidenceRows(page)).toHaveCount(1);
  });

  test("the card measures change against the previous comparable figure", async ({ page }) => {
    await page.goto("/?region=SY07&metric=killed");
    const card = section(page, "Key figures").getByRole("article", { name: "Killed" });
    await expect(card).toContainText("+50%");
    await expect(card).toContainText("large increase");
    await page.goto("/?region=SY07&metric=killed&from=2019-05-01");
    await expect(section(page, "Key figures").getByRole("article", { name: "Killed" })).toContainText(
      "not comparable — different unit",
    );
  });

  test("invalid parameters are ignored with a visible notice", async ({ page }) => {
    const response = await page.goto("/?metric=deaths&from=2019-02-30&region=SY05&region=ZZ99");
    expect(response?.status()).toBe(200);
    const notice = page.getByRole("alert", { name: "Some filters in the link were ignored" });
    await expect(notice).toContainText('"deaths" is not a metric');
    await expect(notice).toContainText('"2019-02-30" is not a date');
    await expect(notice).toContainText('No region has the code "ZZ99"');
    await expect(cardHeadings(page)).toHaveText(["Displaced"]);
  });

  test("an empty view says so and offers a wider one", async ({ page }) => {
    await page.goto("/?region=SY02&metric=killed");
    await expect(section(page, "Key figures")).toContainText("No figures match these filters.");
    await page.getByRole("link", { name: "show every metric" }).click();
    await expect(page).toHaveURL(/region=SY02/);
    await expect(page).not.toHaveURL(/metric=/);
    await expect(cardHeadings(page)).toHaveText(["Injured", "Returned"]);
  });

  test("with JavaScript, a change updates the page in place and back/forward restore the views", async ({
    page,
  }) => {
    await page.goto("/");
    await filtersEnhanced(page);
    await expect(cardHeadings(page)).toHaveText(ALL_METRICS);
    await page.evaluate(() => Object.assign(window, { __samePage: true }));
    await page.getByRole("checkbox", { name: "Injured" }).check();
    await expect(page).toHaveURL(/\?metric=injured$/);
    await expect(cardHeadings(page)).toHaveText(["Injured"]);
    expect(await page.evaluate(() => "__samePage" in window)).toBe(true);

    await page.goBack();
    await expect(cardHeadings(page)).toHaveText(ALL_METRICS);
    await expect(page.getByRole("checkbox", { name: "Injured" })).not.toBeChecked();
    await page.goForward();
    await expect(cardHeadings(page)).toHaveText(["Injured"]);
    await expect(page.getByRole("checkbox", { name: "Injured" })).toBeChecked();
  });

  test("filters work from the keyboard", async ({ page }) => {
    await page.goto("/");
    await filtersEnhanced(page);
    await page.getByRole("checkbox", { name: "Displaced" }).focus();
    await page.keyboard.press("Space");
    await expect(page).toHaveURL(/\?metric=displaced$/);
    await page.getByRole("listbox", { name: "Regions" }).focus();
    await page.keyboard.press("ArrowDown");
    await expect(page).toHaveURL(/region=SYR/);
    await expect(cardHeadings(page)).toHaveText(["Displaced"]);
    await expect(page.getByRole("listbox", { name: "Regions" })).toBeFocused();
  });

  test("a link opened cold gives the same view as the filters that made it", async ({ page, browser }) => {
    await page.goto("/");
    await filtersEnhanced(page);
    await page.getByRole("listbox", { name: "Regions" }).selectOption(["SY05"]);
    await expect(page).toHaveURL(/\?region=SY05$/);
    await expect(cardHeadings(page)).toHaveText(["Displaced"]);
    const cold = await browser.newPage();
    await cold.goto(page.url());
    await expect(cardHeadings(cold)).toHaveText(["Displaced"]);
    await expect(evidenceFigures(cold)).toHaveText(await evidenceFigures(page).allTextContents());
    await cold.close();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filter form is a GET form that works", async ({ page }) => {
    await page.goto("/");
    await expect(cardHeadings(page)).toHaveText(ALL_METRICS);
    await page.getByRole("checkbox", { name: "Injured" }).check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/metric=injured/);
    await expect(cardHeadings(page)).toHaveText(["Injured"]);
    await expect(evidenceFigures(page)).toContainText(["up to 50 people injured"]);
    await expect(evidenceRows(page)).toHaveCount(1);
  });
});

test.describe("region pages", () => {
  test("show one place, where it sits, and the places below it", async ({ page }) => {
    await page.goto("/regions/SY07?metric=displaced");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Idleb");
    await expect(page.getByRole("navigation", { name: "Region" })).toContainText("Syria");
    await expect(evidenceRows(page)).toHaveCount(1);
    await expect(evidenceRows(page)).toContainText("Maarat al-Numan");
    await expect(page.getByRole("navigation", { name: "Places below" }).getByRole("link")).toHaveText([
      /Al Ma'ra/,
    ]);
  });

  test("answer 404 for an unknown region", async ({ request }) => {
    expect((await request.get("/regions/ZZ99")).status()).toBe(404);
  });
});
