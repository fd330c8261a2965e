const METRIC_COLORS: Record<string, string> = {
  killed: "#b91c1c",
  injured: "#c2410c",
  displaced: "#1d4ed8",
  returned: "#047857",
  refugees: "#6d28d9",
  population: "#475569",
  in_need: "#a16207",
  missing: "#be185d",
  detained: "#374151",
  evacuated: "#0e7490",
  affected: "#4d7c0f",
};

export function metricColor(metric: string): string {
  return METRIC_COLORS[metric] ?? "#334155";
}
