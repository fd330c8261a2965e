import { expect, test } from "@playwright/test";

import { cardHeadings, evidenceRows, section } from "./locators";

// Runs against `npm start` on an empty database, which loads data/sample-reports.txt: what a new user sees.

test("the server HTML holds the sample's figures with their qualifiers", async ({ request }) => {
  const response = await request.get("/");
  expect(response.status()).toBe(200);
  const html = await response.text();
  for (const text of [
    "25 people killed in Idlib",
    "400+",
    "civilians killed",
    "186,000+",
    "people displaced from Idlib and Hama",
    "~3 million",
    "thousands",
    "of people returned to Idlib",
    "date unknown",
    "more than 400 civilians",
    "over 186,000 people",
    "Nearly 3 million civilians",
  ]) {
    expect(html).toContain(text);
  }
});

test("the cards show the sample's figures with qualifier, unit, place and no date", async ({ page }) => {
  await page.goto("/");
  const cards = section(page, "Key figures");
  await expect(cards.getByText("25 people killed in Idlib")).toBeVisible();
  await expect(cards.getByText(/400\+\s*civilians killed/)).toBeVisible();
  await expect(cards.getByText(/186,000\+\s*people displaced/)).toBeVisible();
  await expect(cards.getByText(/~3 million\s*civilians — population/)).toBeVisible();
  await expect(cards.getByText(/thousands\s*of people returned/)).toBeVisible();
  await expect(cards.getByText(/date unknown/).first()).toBeVisible();
  await expect(cardHeadings(page).first()).toHaveText("Killed");
});

test("the evidence shows each figure's source sentence with the quote marked", async ({ page }) => {
  await page.goto("/?metric=displaced");
  const row = evidenceRows(page).filter({ hasText: "186,000" });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("blockquote")).toContainText(
    "has caused the death of dozens of citizens and the displacement of over 186,000 people from their homes.",
  );
  await expect(row.locator("mark")).toContainText("186,000 people");
  await expect(row).toContainText("date unknown");
});

test("undated figures are counted, not dropped", async ({ page }) => {
  await page.goto("/");
  const total = await evidenceRows(page).count();
  expect(total).toBeGreaterThanOrEqual(6);
  await expect(page.getByText(`${total} undated (shown as “date unknown”)`)).toBeVisible();
});
