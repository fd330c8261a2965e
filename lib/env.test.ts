import { describe, expect, it } from "vitest";

import { parseEnv } from "./env";

describe("the environment", () => {
  it("defaults what is unset or blank", () => {
    expect(parseEnv({ PORT: "", DATABASE_URL: " " })).toEqual({
      DATABASE_URL: undefined,
      PORT: 3000,
      TEST_PG_ADMIN_URL: "postgres://keyfigures:keyfigures@localhost:5432/postgres",
      NODE_ENV: "development",
      RESPONSE_CACHE_MB: 64,
    });
  });

  it("reads RESPONSE_CACHE_MB, where 0 turns the cache off, and rejects a negative size", () => {
    expect(parseEnv({ RESPONSE_CACHE_MB: "0" }).RESPONSE_CACHE_MB).toBe(0);
    expect(parseEnv({ RESPONSE_CACHE_MB: "256" }).RESPONSE_CACHE_MB).toBe(256);
    expect(() => parseEnv({ RESPONSE_CACHE_MB: "-1" })).toThrow(/RESPONSE_CACHE_MB/);
  });

  it("reads PORT as a number and DATABASE_URL as given", () => {
    expect(
      parseEnv({ PORT: "8080", DATABASE_URL: "postgres://db/kf", NODE_ENV: "production" }),
    ).toMatchObject({
      PORT: 8080,
      DATABASE_URL: "postgres://db/kf",
      NODE_ENV: "production",
    });
  });

  it("rejects a bad value with one line naming the variable", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/^Invalid environment: PORT: /);
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT/);
  });
});
