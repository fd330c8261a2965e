import { describe, expect, it } from "vitest";

import { isAllowedEmbedMethod, isEmbedPath, securityHeaders } from "./framing";

describe("isEmbedPath", () => {
  it.each(["/embed", "/embed/", "/embed/card/killed", "/embed/chart/places.svg"])(
    "%s is an embed",
    (path) => {
      expect(isEmbedPath(path)).toBe(true);
    },
  );

  it.each([
    "/",
    "/embedded",
    "/embeds/card",
    "/api/embed",
    "/regions/embed",
    "/Embed/card/killed",
    "/api/oembed",
  ])("%s is not an embed", (path) => {
    expect(isEmbedPath(path)).toBe(false);
  });
});

describe("securityHeaders", () => {
  it("lets any site frame an embed, without X-Frame-Options", () => {
    const headers = securityHeaders("/embed/chart/places");
    expect(headers["Content-Security-Policy"]).toBe("frame-ancestors *");
    expect(headers).not.toHaveProperty("X-Frame-Options");
  });

  it.each(["/", "/regions/SY07", "/embedded", "/api/v1/figures", "/embed.js"])(
    "forbids framing %s in both header forms",
    (path) => {
      const headers = securityHeaders(path);
      expect(headers["Content-Security-Policy"]).toBe("frame-ancestors 'none'");
      expect(headers["X-Frame-Options"]).toBe("DENY");
    },
  );
});

describe("isAllowedEmbedMethod", () => {
  it("allows reading only", () => {
    expect(isAllowedEmbedMethod("GET")).toBe(true);
    expect(isAllowedEmbedMethod("head")).toBe(true);
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
      expect(isAllowedEmbedMethod(method)).toBe(false);
  });
});
