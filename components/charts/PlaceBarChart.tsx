"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from "recharts";

import type { PlaceBar } from "@/lib/series";

import { metricColor } from "./palette";

const ROW_HEIGHT = 34;

/** Bars on a log scale: the numbers in one view run from dozens to millions. */
export function PlaceBarChart({ bars }: { bars: readonly PlaceBar[] }) {
  const data = bars.map((b) => ({ ...b, name: `${b.metricLabel} · ${b.place}` }));
  const height = data.length * ROW_HEIGHT + 40;
  return (
    <div className="chart-canvas" aria-hidden="true">
      <BarChart
        responsive
        accessibilityLayer={false}
        layout="vertical"
        data={data}
        style={{ width: "100%", height }}
        margin={{ top: 4, right: 64, bottom: 4, left: 4 }}
      >
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" scale="log" domain={[1, "dataMax"]} allowDataOverflow tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="name" width={160} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(_value, _name, item) => [(item.payload as PlaceBar).phrase, "Highest figure"]} />
        <Bar dataKey="value" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.key} fill={metricColor(d.metric)} />
          ))}
          <LabelList dataKey="label" position="right" style={{ fontSize: 12 }} />
        </Bar>
      </BarChart>
    </div>
  );
}
