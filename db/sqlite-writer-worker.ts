import { parentPort, workerData } from "node:worker_threads";

import BetterSqlite3 from "better-sqlite3";

import { SqliteBatchStore, type PackedBatch } from "./sqlite-batch";
import type { LoadSettings, StoredCounts } from "./writers";

// The thread a load on a SQLite file writes from (started by db/writers.ts): one connection, one transaction,
// requests answered in order. A failure rolls the transaction back and is the thread's last message.

export interface WriterThreadData {
  file: string;
  settings: LoadSettings;
  /** Page cache (KiB) while the load writes. */
  cacheKib: number;
}

export type WriterRequest =
  { type: "batch"; batch: PackedBatch } | { type: "finish" } | { type: "commit" } | { type: "rollback" };

export type WriterReply =
  | { type: "written" }
  | { type: "finished"; counts: StoredCounts }
  | { type: "committed" }
  | { type: "rolledBack" }
  | { type: "failed"; error: { name: string; message: string; code?: unknown; stack?: string } };

const port = parentPort!;
const { file, settings, cacheKib } = workerData as WriterThreadData;
let connection: BetterSqlite3.Database | undefined;

/** Rolls back what is not committed, closes the connection and sends the thread's last message. */
function end(message: WriterReply): void {
  try {
    if (connection?.inTransaction) connection.exec("ROLLBACK");
  } finally {
    connection?.close();
    port.postMessage(message);
    port.close();
  }
}

function fail(error: unknown): void {
  const { name, message, stack, code } = error as Error & { code?: unknown };
  end({ type: "failed", error: { name, message, stack, code } });
}

try {
  connection = new BetterSqlite3(file);
  connection.pragma("busy_timeout = 5000");
  connection.pragma("synchronous = NORMAL");
  // The loader makes the references it writes itself (document ids it inserted, regions it added first, in the
  // same transaction), so checking each figure's foreign keys would only cost time: ~0.7 µs of its ~4.4 µs.
  connection.pragma("foreign_keys = OFF");
  connection.pragma(`cache_size = -${cacheKib}`);
  connection.exec("BEGIN IMMEDIATE");
  const store = new SqliteBatchStore(connection, settings);
  port.on("message", (request: WriterRequest) => {
    try {
      switch (request.type) {
        case "batch":
          store.write(request.batch);
          return port.postMessage({ type: "written" } satisfies WriterReply);
        case "finish":
          return port.postMessage({ type: "finished", counts: store.finish() } satisfies WriterReply);
        case "commit":
          connection!.exec("COMMIT");
          return end({ type: "committed" });
        case "rollback":
          return end({ type: "rolledBack" });
      }
    } catch (error) {
      fail(error);
    }
  });
} catch (error) {
  fail(error);
}
