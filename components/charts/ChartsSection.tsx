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
          <div className="table-wrap">
            <table>
              <caption>Highest figure per metric and place (data for the chart above)</caption>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">Place</th>
                  <th scope="col">Figure</th>
                  <th scope="col">Sources</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b) => (
                  <tr key={b.key}>
                    <td>{b.metricLabel}</td>
                    <td>{b.place}</td>
                    <td>{b.phrase}</td>
                    <td>{b.sourceCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
          <div className="table-wrap">
            <table>
              <caption>Dated figures (data for the chart above)</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Metric</th>
                  <th scope="col">Place</th>
                  <th scope="col">Figure</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.key}>
                    <td>{formatDate(p.date)}</td>
                    <td>{p.metricLabel}</td>
                    <td>{p.place}</td>
                    <td>{p.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </figure>
    </div>
  );
}
