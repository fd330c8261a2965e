import { cpus, freemem, loadavg, totalmem } from "node:os";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  freeMemoryGb: number;
  loadAverage: [number, number, number];
  node: string;
  at: string;
}

/** What the numbers were measured on, recorded beside them. */
export function machine(): Machine {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGb: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverage: [one, five, fifteen].map((n) => Math.round(n * 100) / 100) as [number, number, number],
    node: process.version,
    at: new Date().toISOString(),
  };
}
