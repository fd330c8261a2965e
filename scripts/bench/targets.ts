import type { HttpResult } from "./http";
import type { LoadResult } from "./load";
import type { MemoryResult } from "./memory";
import type { QueryResult } from "./queries";

export interface TargetRow {
  target: string;
  measured: string;
  /** "yes", "no", or why it was not measured as stated. */
  met: string;
}

interface Measured {
  load: LoadResult[];
  queries: QueryResult[];
  http: HttpResult[];
  memory: MemoryResult[];
}

const verdict = (ok: boolean) => (ok ? "yes" : "no");

function queryTargets(queries: QueryResult[], dialect: string, stated: number, limitMs: number): TargetRow[] {
  const label = dialect === "sqlite" ? "SQLite" : "PostgreSQL";
  return (["warm", "cold"] as const).flatMap((cache) => {
    const rows = queries.filter((q) => q.dialect === dialect && q.cache === cache);
    if (rows.length === 0) return [];
    const worst = rows.reduce((a, b) => (b.p95Ms > a.p95Ms ? b : a));
    const size = rows[0]!.figures;
    const scale =
      size < stated ? ` (ran ${size.toLocaleString("en-US")}, not ${stated.toLocaleString("en-US")})` : "";
    return [
      {
        target: `${label} ${stated.toLocaleString("en-US")}: every dashboard query p95 ≤ ${limitMs} ms, ${cache}`,
        measured: `worst p95 ${worst.p95Ms.toFixed(1)} ms (${worst.query})`,
        met: `${verdict(worst.p95Ms <= limitMs)}${scale}`,
      },
    ];
  });
}

/** The targets beside what this run measured. */
export function targetRows(results: Measured): TargetRow[] {
  const rows: TargetRow[] = [];
  const sqliteLoad = results.load.find((l) => l.dialect === "sqlite");
  if (sqliteLoad) {
    const full = sqliteLoad.figures >= 1_000_000;
    rows.push({
      target: "SQLite: 1,000,000 figures loaded in ≤ 10 s",
      measured: `${sqliteLoad.figures.toLocaleString("en-US")} in ${sqliteLoad.seconds.toFixed(1)} s`,
      met: full ? verdict(sqliteLoad.seconds <= 10) : `not measured at 1,000,000`,
    });
  }
  rows.push(...queryTargets(results.queries, "sqlite", 1_000_000, 25));
  rows.push(...queryTargets(results.queries, "pg", 10_000_000, 100));
  const filtered = results.http.find((h) => h.name === "filtered view");
  if (filtered) {
    rows.push({
      target: `filtered view ≥ 100 req/s, 0 errors, ${filtered.connections} connections`,
      measured: `${filtered.requestsPerSecond.toFixed(0)} req/s, ${filtered.errors} errors, ${filtered.non2xx} non-2xx`,
      met: verdict(filtered.requestsPerSecond >= 100 && filtered.errors === 0 && filtered.non2xx === 0),
    });
  }
  const embed = results.http.find((h) => h.name.startsWith("embed"));
  if (embed) {
    rows.push({
      target: "embed ≥ 50 % of the static page's throughput",
      measured: `${(embed.ratio * 100).toFixed(0)} % (${embed.requestsPerSecond.toFixed(0)} of ${embed.staticRequestsPerSecond.toFixed(0)} req/s)`,
      met: verdict(embed.ratio >= 0.5 && embed.errors === 0),
    });
  }
  if (results.memory.length > 0) {
    const peak = Math.max(...results.memory.map((m) => m.peakRssMegabytes));
    const sizes = results.memory.map((m) => `${m.inputMegabytes.toFixed(0)} MB`).join(", ");
    rows.push({
      target: "loader peak memory < 300 MB whatever the input size",
      measured: `peak RSS ${peak.toFixed(0)} MB over inputs of ${sizes}`,
      met: verdict(peak < 300),
    });
  }
  return rows;
}
