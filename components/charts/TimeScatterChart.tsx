"use client";

import { CartesianGrid, Legend, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";

import type { TimePoint } from "@/lib/series";

import { metricColor } from "./palette";

const DAY = 86_400_000;

function toDay(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

function dayLabel(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Each dated figure as a point per metric; no line joins them, since they may not be comparable. */
export function TimeScatterChart({ points }: { points: readonly TimePoint[] }) {
  const byMetric = new Map<string, (TimePoint & { t: number })[]>();
  for (const p of points)
    byMetric.set(p.metric, [...(byMetric.get(p.metric) ?? []), { ...p, t: toDay(p.date) }]);
  const times = points.map((p) => toDay(p.date));
  const min = Math.min(...times) - DAY;
  const max = Math.max(...times) + DAY;
  return (
    <div className="chart-canvas" aria-hidden="true">
      <ScatterChart
        responsive
        accessibilityLayer={false}
        style={{ width: "100%", height: 280 }}
        margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey="t"
          domain={[min, max]}
          tickFormatter={dayLabel}
          tick={{ fontSize: 12 }}
          name="Date"
        />
        <YAxis
          type="number"
          dataKey="value"
          scale="log"
          domain={[1, "dataMax"]}
          allowDataOverflow
          tick={{ fontSize: 12 }}
        />
        <Tooltip
          formatter={(_value, name, item) => {
            const p = item.payload as TimePoint;
            return name === "Date" ? [p.date, "Date"] : [`${p.label} (${p.place})`, p.metricLabel];
          }}
        />
        <Legend />
        {[...byMetric.entries()].map(([metric, data]) => (
          <Scatter
            key={metric}
            name={data[0]?.metricLabel ?? metric}
            data={data}
            fill={metricColor(metric)}
            isAnimationActive={false}
          />
        ))}
      </ScatterChart>
    </div>
  );
}
