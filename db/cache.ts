import { eq } from "drizzle-orm";

import type { Database } from "./dialect";
import { DATA_VERSION_KEY } from "./data-version";

export interface CacheOptions {
  /** Results kept per database; the least recently used goes first. */
  maxEntries?: number;
}

interface Generation<Result> {
  version: string;
  entries: Map<string, Promise<Result>>;
}

/** meta.data_version, which every load that stores something bumps in its own transaction. */
export async function readDataVersion(database: Pick<Database, "db" | "tables">): Promise<string> {
  const { db, tables } = database;
  const [row] = await db
    .select({ value: tables.meta.value })
    .from(tables.meta)
    .where(eq(tables.meta.key, DATA_VERSION_KEY));
  return row?.value ?? "0";
}

/**
 * Wraps a read query so that calls with the same arguments share one result until the next load: every call
 * reads meta.data_version first (one primary-key lookup) and a changed version drops every kept result, so
 * a view is never older than the last committed load, in this process or another. Results are shared
 * between callers: they must not be mutated.
 */
export function cachedByDataVersion<Args extends unknown[], Result>(
  query: (database: Database, ...args: Args) => Promise<Result>,
  options: CacheOptions = {},
): (database: Database, ...args: Args) => Promise<Result> {
  const maxEntries = options.maxEntries ?? 64;
  const generations = new WeakMap<Database, Generation<Result>>();
  return async (database, ...args) => {
    const version = await readDataVersion(database);
    let generation = generations.get(database);
    // A call that read the version just before a load must not bring back the generation the load ended.
    if (generation && Number(version) < Number(generation.version)) return query(database, ...args);
    if (!generation || generation.version !== version) {
      generation = { version, entries: new Map() };
      generations.set(database, generation);
    }
    const { entries } = generation;
    const key = JSON.stringify(args);
    const kept = entries.get(key);
    if (kept) {
      entries.delete(key);
      entries.set(key, kept);
      return kept;
    }
    const running = query(database, ...args);
    entries.set(key, running);
    running.catch(() => {
      if (entries.get(key) === running) entries.delete(key);
    });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
    return running;
  };
}
