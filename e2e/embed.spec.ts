import { gzipSync } from "node:zlib";

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";

import { startHost, type HostServer } from "./embed/host";

const VIEW = "region=SY07&metric=killed&undated=exclude";

test.describe("widgets embedded by another site", () => {
  let host: HostServer;

  test.beforeAll(async ({ baseURL }) => {
    host = await startHost(baseURL ?? "");
  });

  test.afterAll(async () => {
    await host.close();
  });

  async function openHost(page: Page) {
    await page.goto(host.url);
    expect(new URL(page.url()).origin).not.toBe(new URL(test.info().project.use.baseURL ?? "").origin);
  }

  test("an iframe shows the chart as SVG with its source line", async ({ page }) => {
    await openHost(page);
    const frame = page.frameLocator("#plain");
    await expect(frame.getByRole("heading", { name: "Figures by place" })).toBeVisible();
    const chart = frame.locator(".kf-wide svg");
    await expect(chart).toBeVisible();
    await expect(chart.locator("rect[rx]")).toHaveCount(1);
    await expect(chart).toContainText("30+");
    await expect(frame.getByText(/From 4 reports · as of 20 June 2019/)).toBeVisible();
    await expect(frame.getByRole("link", { name: /Full view and sources/ })).toHaveAttribute(
      "href",
      `/?${VIEW}`,
    );
  });

  test("the script inserts the iframe and keeps its height in step with the content", async ({ page }) => {
    await openHost(page);
    const iframe = page.locator("#script-box iframe");
    await expect(iframe).toHaveAttribute("title", "Killed over time");
    await expect(iframe).toHaveAttribute("loading", "lazy");
    const frame = page.frameLocator("#script-box iframe");
    await expect(frame.locator(".kf-wide svg circle").first()).toBeVisible();

    const heights = async () =>
      iframe.evaluate((element: HTMLIFrameElement) => ({
        frame: element.getBoundingClientRect().height,
        content: Math.ceil(element.contentDocument?.body.getBoundingClientRect().height ?? -1),
      }));
    // The content is much taller than the 120 px the snippet starts with; the iframe must grow to it.
    await expect.poll(async () => (await heights()).frame).toBeGreaterThan(300);
    await expect
      .poll(async () => (await heights()).frame)
      .toBe(await frame.locator("body").evaluate((b) => Math.ceil(b.getBoundingClientRect().height)));

    // Narrower: the narrow chart is drawn and the iframe follows the new height.
    const wide = (await heights()).frame;
    await page.locator("#script-box").evaluate((box: HTMLElement) => (box.style.width = "300px"));
    await expect(frame.locator(".kf-narrow svg")).toBeVisible();
    await expect.poll(async () => (await heights()).frame).not.toBe(wide);
    await expect
      .poll(async () =>
        Math.abs(
          (await heights()).frame -
            (await frame.locator("body").evaluate((b) => Math.ceil(b.getBoundingClientRect().height))),
        ),
      )
      .toBeLessThanOrEqual(1);

    // The rogue frame posts a height all along; our iframe never takes it.
    expect((await heights()).frame).not.toBe(4321);
  });

  test("a dashboard page refuses to be framed", async ({ page }) => {
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (/frame-ancestors|X-Frame-Options/i.test(message.text())) refusals.push(message.text());
    });
    await openHost(page);
    await expect.poll(() => refusals.length).toBeGreaterThan(0);
    expect(refusals.join("\n")).toMatch(/frame-ancestors 'none'/);
    await expect(page.frameLocator("#dashboard").getByRole("heading", { name: "Key figures" })).toHaveCount(
      0,
    );
  });
});

test.describe("embed pages", () => {
  test("show their chart with JavaScript disabled", async ({ browser, baseURL }) => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL,
      viewport: { width: 320, height: 700 },
    });
    const page = await context.newPage();
    await page.goto(`/embed/chart/time?${VIEW}`);
    const chart = page.locator(".kf-narrow svg");
    await expect(chart).toBeVisible();
    await expect(chart.locator("circle")).toHaveCount(4 + 1);
    await expect(page.locator(".kf-wide svg")).toBeHidden();
    const box = await chart.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(320);
    await context.close();
  });

  test("send only what they need: one document under 40 KB gzip, no scripts or styles to fetch", async ({
    page,
  }) => {
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    const response = await page.goto("/embed/chart/places");
    const body = await response?.body();
    expect(body).toBeDefined();
    expect(gzipSync(body ?? Buffer.alloc(0)).length).toBeLessThanOrEqual(40 * 1024);
    await page.waitForLoadState("networkidle");
    expect(requests.filter((url) => !url.endsWith("/favicon.ico"))).toEqual([page.url()]);
  });

  test("may be framed by anyone, are GET-only and set no cookies", async ({ request }) => {
    const embed = await request.get(`/embed/card/killed?${VIEW}`);
    expect(embed.status()).toBe(200);
    expect(embed.headers()["content-security-policy"]).toBe("frame-ancestors *");
    expect(embed.headers()["x-frame-options"]).toBeUndefined();
    expect(embed.headers()["set-cookie"]).toBeUndefined();
    expect(await embed.text()).toContain("30+");

    expect((await request.post("/embed/card/killed")).status()).toBe(405);
    expect((await request.delete("/embed/chart/places")).status()).toBe(405);

    for (const path of ["/", "/regions/SY07", "/api/v1/figures", "/embed.js"]) {
      const response = await request.get(path);
      expect(response.headers()["content-security-policy"], path).toBe("frame-ancestors 'none'");
      expect(response.headers()["x-frame-options"], path).toBe("DENY");
    }
  });

  test("come as SVG and PNG images", async ({ request }) => {
    const svg = await request.get(`/embed/chart/places.svg?${VIEW}`);
    expect(svg.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*30\+[\s\S]*<\/svg>$/,
    );

    const png = await request.get(`/embed/card/killed.png?${VIEW}`);
    expect(png.headers()["content-type"]).toBe("image/png");
    const bytes = await png.body();
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(400);
    expect(bytes.length).toBeGreaterThan(5000);
  });
});

const EMBEDS = [`/embed/card/killed?${VIEW}`, `/embed/chart/places?${VIEW}`, `/embed/chart/time?${VIEW}`];

test.describe("every embed", () => {
  for (const path of EMBEDS) {
    test(`${path} fits 280 to 1200 px and has no serious axe violations`, async ({ page }) => {
      for (const width of [280, 375, 800, 1200]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(path);
        const chart = page.locator("figure svg:visible");
        await expect(chart).toHaveCount(1);
        const box = await chart.boundingBox();
        expect(box?.width, `chart width at ${width}px`).toBeGreaterThan(width * 0.5);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
      }
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
      expect(serious).toEqual([]);
    });
  }
});

test.describe("the open API", () => {
  test("gives the same figures as CSV (with an HXL row) and as JSON", async ({ request }) => {
    const json = (await (await request.get(`/api/v1/figures?${VIEW}`)).json()) as {
      total: number;
      figures: {
        id: number;
        metric: string;
        value: number | null;
        qualifier: string;
        quote: string;
        adm1Code: string;
      }[];
    };
    expect(json.total).toBe(4);
    const csv = await request.get(`/api/v1/figures?${VIEW}&format=csv`);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    const [header = [], hxl = [], ...rows] = parse(await csv.text()) as string[][];
    const column = (tag: string) => hxl.indexOf(tag);
    for (const tag of [
      "#country+code",
      "#adm1+code",
      "#adm1+name",
      "#affected+killed",
      "#date+start",
      "#date+end",
      "#date+reported",
      "#meta+source",
      "#meta+url",
      "#meta+qualifier",
    ])
      expect(hxl, tag).toContain(tag);
    expect(header[column("#affected+killed")]).toBe("Killed");
    expect(rows.map((r) => Number(r[column("#meta+id")]))).toEqual(json.figures.map((f) => f.id));
    expect(rows.map((r) => r[column("#affected+killed")])).toEqual(json.figures.map((f) => String(f.value)));
    expect(rows.map((r) => r[column("#meta+qualifier")])).toEqual(json.figures.map((f) => f.qualifier));
    expect(rows.map((r) => r[column("#meta+quote")])).toEqual(json.figures.map((f) => f.quote));
    expect(rows.map((r) => r[column("#adm1+code")])).toEqual(json.figures.map(() => "SY07"));
  });

  test("answers 304 to a matching If-None-Match and 400 naming a bad parameter", async ({ request }) => {
    const first = await request.get(`/api/v1/series?by=time&${VIEW}`);
    const etag = first.headers()["etag"] ?? "";
    expect(etag).not.toBe("");
    expect(first.headers()["cache-control"]).toMatch(/max-age=\d+/);
    expect(
      (await request.get(`/api/v1/series?by=time&${VIEW}`, { headers: { "If-None-Match": etag } })).status(),
    ).toBe(304);

    const bad = await request.get("/api/v1/figures?from=2019-13-01");
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ parameter: "from" });
  });

  test("pages with limit and a next link that together give the whole view", async ({ request }) => {
    type Page = { total: number; next: string | null; figures: { id: number }[] };
    const all = (await (await request.get(`/api/v1/figures?${VIEW}`)).json()) as Page;
    const first = (await (await request.get(`/api/v1/figures?${VIEW}&limit=3`)).json()) as Page;
    expect(first.figures).toHaveLength(3);
    expect(first.total).toBe(all.total);
    expect(first.next).not.toBeNull();
    const second = (await (await request.get(first.next ?? "")).json()) as Page;
    expect(second.next).toBeNull();
    expect([...first.figures, ...second.figures].map((f) => f.id)).toEqual(all.figures.map((f) => f.id));
    expect((await request.get(`/api/v1/figures?limit=1001`)).status()).toBe(400);
  });

  test("oEmbed describes an embed as a rich iframe within maxwidth", async ({ request, baseURL }) => {
    const url = `${baseURL}/embed/chart/places?${VIEW}`;
    const response = await request.get(`/api/oembed?url=${encodeURIComponent(url)}&maxwidth=400&format=json`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ version: "1.0", type: "rich", width: 400, provider_name: "Keyfigures" });
    expect(body.height).toEqual(expect.any(Number));
    expect(body.html).toContain(`src="${url.replaceAll("&", "&amp;")}"`);
    expect(
      (await request.get(`/api/oembed?url=${encodeURIComponent("https://example.org/x")}`)).status(),
    ).toBe(404);
    expect((await request.get(`/api/oembed?url=${encodeURIComponent(url)}&format=xml`)).status()).toBe(501);
  });
});
