import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

import { openDatabase, type Database } from "./client";
import type { Dialect } from "./dialect";
import { createMigratedTestDatabase, type TestDatabase } from "./testing";

/**
 * Gives the enclosing describe block a migrated database of its own, opened before and closed and dropped
 * after: a new one for each test, or with `scope: "all"` one that its tests share. `use` receives it.
 */
export function useMigratedDatabase(
  dialect: Dialect,
  use: (database: Database) => void,
  scope: "each" | "all" = "each",
): void {
  let test: TestDatabase | undefined;
  let database: Database | undefined;
  const [before, after] = scope === "each" ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    test = await createMigratedTestDatabase(dialect);
    database = await openDatabase(test.url);
    use(database);
  });
  after(async () => {
    await database?.close();
    await test?.drop();
    database = undefined;
    test = undefined;
  });
}
