import { describe, expect, it } from "vitest";

import { originFromHeaders } from "./origin";

describe("originFromHeaders", () => {
  it("uses the Host header and a forwarded https scheme", () => {
    expect(originFromHeaders(new Headers({ host: "127.0.0.1:3200" }))).toBe("http://127.0.0.1:3200");
    expect(
      originFromHeaders(new Headers({ host: "Keyfigures.Example", "x-forwarded-proto": "https, http" })),
    ).toBe("https://keyfigures.example");
  });

  it("falls back when the host is missing or not a host name", () => {
    expect(originFromHeaders(new Headers(), "http://fallback")).toBe("http://fallback");
    expect(originFromHeaders(new Headers({ host: 'evil"><script>' }), "http://fallback")).toBe(
      "http://fallback",
    );
    expect(originFromHeaders(new Headers({ host: "a.example", "x-forwarded-proto": "javascript" }))).toBe(
      "http://a.example",
    );
  });
});
