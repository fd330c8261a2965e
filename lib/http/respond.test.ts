import { describe, expect, it } from "vitest";

import { cachedResponse, problemResponse } from "./respond";

const options = { contentType: "text/csv; charset=utf-8", cacheControl: "public, max-age=60" };

describe("cachedResponse", () => {
  it("sends the body with its ETag and Cache-Control", async () => {
    const response = cachedResponse(new Request("http://x/a"), "a,b\r\n", options);
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toMatch(/^".+"$/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await response.text()).toBe("a,b\r\n");
  });

  it("answers 304 without a body when If-None-Match names the same body", async () => {
    const etag = cachedResponse(new Request("http://x/a"), "same", options).headers.get("etag") ?? "";
    const again = cachedResponse(
      new Request("http://x/a", { headers: { "If-None-Match": etag } }),
      "same",
      options,
    );
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    const changed = cachedResponse(
      new Request("http://x/a", { headers: { "If-None-Match": etag } }),
      "new",
      options,
    );
    expect(changed.status).toBe(200);
  });

  it("sends no body for HEAD", async () => {
    const response = cachedResponse(new Request("http://x/a", { method: "HEAD" }), "body", options);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });
});

describe("problemResponse", () => {
  it("is a problem document naming the parameter", async () => {
    const response = problemResponse(400, '"limit" must be a whole number, not "x".', "limit");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({
      status: 400,
      parameter: "limit",
      detail: expect.stringMatching(/limit/),
    });
  });
});
