import { describe, expect, it } from "vitest";

import { etagOf, matchesIfNoneMatch } from "./etag";

describe("etagOf", () => {
  it("is a quoted tag that changes with the body", () => {
    const tag = etagOf("a,b\r\n1,2\r\n");
    expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(etagOf("a,b\r\n1,2\r\n")).toBe(tag);
    expect(etagOf("a,b\r\n1,3\r\n")).not.toBe(tag);
  });
});

describe("matchesIfNoneMatch", () => {
  const tag = etagOf("body");

  it("matches the tag alone, in a list, weak, or *", () => {
    expect(matchesIfNoneMatch(tag, tag)).toBe(true);
    expect(matchesIfNoneMatch(`"other", ${tag}`, tag)).toBe(true);
    expect(matchesIfNoneMatch(`W/${tag}`, tag)).toBe(true);
    expect(matchesIfNoneMatch("*", tag)).toBe(true);
  });

  it("does not match another tag or no header", () => {
    expect(matchesIfNoneMatch(etagOf("other body"), tag)).toBe(false);
    expect(matchesIfNoneMatch(null, tag)).toBe(false);
    expect(matchesIfNoneMatch("", tag)).toBe(false);
  });
});
