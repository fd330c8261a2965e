import type { Locator, Page } from "@playwright/test";

/** A page section by its heading (each section is labelled by its h2). */
export function section(page: Page, name: string): Locator {
  return page.getByRole("region", { name });
}

/** The evidence table's body rows. */
export function evidenceRows(page: Page): Locator {
  return section(page, "Evidence")
    .getByRole("row")
    .filter({ has: page.getByRole("cell") });
}

/** Each evidence row's figure (its row header). */
export function evidenceFigures(page: Page): Locator {
  return section(page, "Evidence").getByRole("rowheader");
}

export function cardHeadings(page: Page): Locator {
  return section(page, "Key figures").getByRole("heading", { level: 3 });
}

/** Waits until the filter form has hydrated: before that a change does not update the page in place. */
export async function filtersEnhanced(page: Page): Promise<void> {
  await page.locator("form[data-enhanced]").waitFor();
}
