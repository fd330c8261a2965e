import { count } from "drizzle-orm";

import { openDatabase, redact } from "../db/client";

try {
  const database = await openDatabase();
  try {
    const [regions] = await database.db.select({ n: count() }).from(database.tables.regions);
    const where = database.dialect === "pg" ? redact(database.url) : database.file;
    process.stdout.write(`Migrated ${database.dialect} database ${where} (${regions?.n ?? 0} regions)\n`);
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(`db:migrate: ${(error as Error).message}\n`);
  if (process.env.KEYFIGURES_DEBUG) console.error(error);
  process.exitCode = 1;
}
