import { count } from "drizzle-orm";

import type { Database } from "../dialect";

export async function countDocuments(database: Database): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(database.tables.documents);
  return Number(row?.n ?? 0);
}

export async function countFigures(database: Database): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(database.tables.figures);
  return Number(row?.n ?? 0);
}
