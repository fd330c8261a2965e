import { EmbedDialog } from "@/components/embed/EmbedDialog";
import type { Filters } from "@/lib/filters";
import { formatDate } from "@/lib/format";
import {
  summarizePlaces,
  summarizeTime,
  topPlacesPerMetric,
  type PlaceBar,
  type TimePoint,
} from "@/lib/series";

import { PlaceBarChart } from "./PlaceBarChart";
import { TimeScatterChart } from "./TimeScatterChart";

/** Both charts with, in the server HTML, a one-line summary and the data table each one draws. */
export function ChartsSection({
  bars: allBars,
  points,
  undated,
  dated,
  filters,
}: {
  bars: readonly PlaceBar[];
  points: readonly TimePoint[];
  undated: number;
  /** Dated figures in view, of which `points` are the newest. */
  dated: number;
  /** The view on screen, so each chart's embed shows the same figures. */
  filters: Filters;
}) {
  const bars = topPlacesPerMetric(allBars);
  return (
    <div className="chart-grid">
      <figure className="chart-figure" aria-labelledby="chart-places-title">
        <figcaption>
          <h3 id="chart-places-title">Figures by place</h3>
          <p>{summarizePlaces(allBars, bars.length)}</p>
          <EmbedDialog widget={{ kind: "chart", chart: "places" }} filters={filters} />
        </figcaption>
        {bars.length > 0 ? <PlaceBarChart bars={bars} /> : null}
        {bars.length > 0 ? (
          <ChartDataTable
            caption="Highest figure per metric and place (data for the chart above)"
            columns={["Metric", "Place", "Figure", "Sources"]}
            rows={bars.map((b) => ({ key: b.key, cells: [b.metricLabel, b.place, b.phrase, b.sourceCount] }))}
          />
        ) : null}
      </figure>
      <figure className="chart-figure" aria-labelledby="chart-time-title">
        <figcaption>
          <h3 id="chart-time-title">Figures over time</h3>
          <p>{summarizeTime(points, undated, dated)}</p>
          <EmbedDialog widget={{ kind: "chart", chart: "time" }} filters={filters} />
        </figcaption>
        {points.length > 0 ? <TimeScatterChart points={points} /> : null}
        {points.length > 0 ? (
          <ChartDataTable
            caption="Dated figures (data for the chart above)"
            columns={["Date", "Metric", "Place", "Figure"]}
            rows={points.map((p) => ({
              key: p.key,
              cells: [formatDate(p.date), p.metricLabel, p.place, p.label],
            }))}
          />
        ) : null}
      </figure>
    </div>
  );
}

/** A chart's data as a table, in the server HTML: what screen readers and readers without JavaScript get. */
function ChartDataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly string[];
  rows: readonly { key: string; cells: readonly (string | number)[] }[];
}) {
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) => (
                <td key={columns[i]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
