import { describe, expect, it } from "vitest";

import { acronymForm } from "./normalize";

describe("acronymForm", () => {
  it("keeps acronyms with a later capital, without their dots", () => {
    expect(acronymForm("DRC")).toBe("DRC");
    expect(acronymForm("oPt")).toBe("oPt");
    expect(acronymForm("U.S.")).toBe("US");
    expect(acronymForm("D.R.C.")).toBe("DRC");
  });

  it("rejects words, long runs and non-letters", () => {
    expect(acronymForm("Idlib")).toBeNull();
    expect(acronymForm("idlib")).toBeNull();
    expect(acronymForm("Ibb")).toBeNull();
    expect(acronymForm("X")).toBeNull();
    expect(acronymForm("ABCDEF")).toBeNull();
    expect(acronymForm("M23")).toBeNull();
    expect(acronymForm("Al-Bab")).toBeNull();
  });
});
