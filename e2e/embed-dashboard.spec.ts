import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";

/**
 * The dashboard's side of embedding and export: it needs EmbedDialog, DownloadCsvLink and OEmbedLink
 * (components/embed) plugged into the dashboard pages.
 */
const VIEW = "region=SY07&metric=killed&undated=exclude";

test("every widget's embed URL is in the dashboard's server HTML, with the view's filters", async ({
  request,
}) => {
  const html = await (await request.get(`/?${VIEW}`)).text();
  const query = VIEW.replaceAll("&", "&amp;");
  for (const path of ["/embed/card/killed", "/embed/chart/places", "/embed/chart/time"]) {
    expect(html).toContain(`href="${path}?${query}"`);
  }
});

test("the embed dialog works without JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(`/?${VIEW}`);
  const dialog = page.locator("details.embed-dialog").first();
  await dialog.locator("summary").click();
  const iframe = dialog.getByLabel(/Iframe/);
  await expect(iframe).toBeVisible();
  await expect(iframe).toHaveValue(
    /^<iframe src="http[^"]+\/embed\/[^"]+" title="[^"]+"[^>]* loading="lazy"/,
  );
  await context.close();
});

test("Download CSV gives exactly the figures on screen", async ({ page, request }) => {
  await page.goto(`/?${VIEW}`);
  const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  expect(href).not.toBeNull();
  const [, hxl = [], ...rows] = parse(await (await request.get(href ?? "")).text()) as string[][];
  const evidence = page
    .getByRole("region", { name: "Evidence" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell") });
  await expect(evidence).toHaveCount(rows.length);
  const quotes = rows.map((r) => r[hxl.indexOf("#meta+quote")] ?? "");
  for (const quote of quotes) await expect(evidence.filter({ hasText: quote })).toHaveCount(1);
});

test("dashboard pages carry the oEmbed discovery link", async ({ page, request }) => {
  for (const path of [`/?${VIEW}`, "/regions/SY07"]) {
    await page.goto(path);
    const link = page.locator('head link[rel="alternate"][type="application/json+oembed"]');
    await expect(link).toHaveCount(1);
    const oembed = await request.get((await link.getAttribute("href")) ?? "");
    expect(oembed.status()).toBe(200);
    expect(await oembed.json()).toMatchObject({ version: "1.0", type: "rich" });
  }
});
