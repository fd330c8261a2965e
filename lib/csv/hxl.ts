import { METRICS, type Metric } from "@/lib/extract/types";
import { metricLabel } from "@/lib/format/figure";
import { metricOrder } from "@/lib/series/claims";
import type { FigureRecord, PlaceRecord, TimeRecord } from "@/lib/http/records";

import type { CsvColumn } from "./writer";

/**
 * The HXL hashtag of each metric's value column (hxlstandard.org core hashtags and attributes).
 * Our "displaced" covers people displaced inside or across borders, so it is +displaced, not +idps.
 */
export const METRIC_HXL: Record<Metric, string> = {
  killed: "#affected+killed",
  injured: "#affected+injured",
  displaced: "#affected+displaced",
  returned: "#affected+returnees",
  refugees: "#affected+refugees",
  population: "#population",
  in_need: "#inneed",
  missing: "#affected+missing",
  detained: "#affected+detained",
  evacuated: "#affected+evacuated",
  affected: "#affected",
};

function hxlOf(metric: string): string {
  return (METRICS as readonly string[]).includes(metric)
    ? METRIC_HXL[metric as Metric]
    : `#indicator+${metric}`;
}

/**
 * One value column per metric in view (wide HXL layout): a row's number sits under its own metric's
 * hashtag, so HXL tools can filter `#affected+killed` directly; the Metric column says the same in words.
 */
function metricColumns<T extends { metric: string }>(
  rows: readonly T[],
  value: (row: T) => number | null,
): CsvColumn<T>[] {
  const metrics = [...new Set(rows.map((r) => r.metric))].sort(metricOrder);
  return metrics.map((metric) => ({
    header: metricLabel(metric),
    hxl: hxlOf(metric),
    value: (row) => (row.metric === metric ? value(row) : null),
  }));
}

/**
 * The columns of a figures export. Bounds, the qualifier and the figure as written travel with the
 * number, so "over 186,000" is never read as exactly 186,000; quote and sentence give its provenance.
 */
export function figureColumns(rows: readonly FigureRecord[]): CsvColumn<FigureRecord>[] {
  return [
    { header: "Figure ID", hxl: "#meta+id", value: (r) => r.id },
    { header: "Metric", hxl: "#indicator+code", value: (r) => r.metric },
    ...metricColumns(rows, (r) => r.value),
    { header: "Lower bound", hxl: "#indicator+num+min", value: (r) => r.lower },
    { header: "Upper bound", hxl: "#indicator+num+max", value: (r) => r.upper },
    { header: "Qualifier", hxl: "#meta+qualifier", value: (r) => r.qualifier },
    { header: "Figure as written", hxl: "#indicator+text", value: (r) => r.text },
    { header: "Unit", hxl: "#meta+unit", value: (r) => r.unit },
    { header: "Stock or flow", hxl: "#meta+kind", value: (r) => r.kind },
    { header: "Country code", hxl: "#country+code", value: (r) => r.countryCode },
    { header: "Admin 1 code", hxl: "#adm1+code", value: (r) => r.adm1Code },
    { header: "Admin 1 name", hxl: "#adm1+name", value: (r) => r.adm1Name },
    { header: "Admin 2 code", hxl: "#adm2+code", value: (r) => r.adm2Code },
    { header: "Admin 2 name", hxl: "#adm2+name", value: (r) => r.adm2Name },
    { header: "Region code", hxl: "#loc+code", value: (r) => r.regionCode },
    { header: "Region name", hxl: "#loc+name", value: (r) => r.regionName },
    { header: "Place as written", hxl: "#loc+name+reported", value: (r) => r.placeMention },
    { header: "Period start", hxl: "#date+start", value: (r) => r.periodStart },
    { header: "Period end", hxl: "#date+end", value: (r) => r.periodEnd },
    { header: "Reported date", hxl: "#date+reported", value: (r) => r.reportedDate },
    { header: "Date", hxl: "#date", value: (r) => r.date },
    { header: "Quote", hxl: "#meta+quote", value: (r) => r.quote },
    { header: "Sentence", hxl: "#description+sentence", value: (r) => r.sentence },
    { header: "Source", hxl: "#meta+source", value: (r) => r.sourceTitle },
    { header: "Publisher", hxl: "#org+publisher", value: (r) => r.sourcePublisher },
    { header: "Source URL", hxl: "#meta+url", value: (r) => r.sourceUrl },
    { header: "Published", hxl: "#date+published", value: (r) => r.sourcePublished },
  ];
}

export function timeColumns(rows: readonly TimeRecord[]): CsvColumn<TimeRecord>[] {
  return [
    { header: "Date", hxl: "#date", value: (r) => r.date },
    { header: "Metric", hxl: "#indicator+code", value: (r) => r.metric },
    ...metricColumns(rows, (r) => r.value),
    { header: "Figure as written", hxl: "#indicator+text", value: (r) => r.text },
    { header: "Place", hxl: "#loc+name", value: (r) => r.place },
    { header: "Figure ID", hxl: "#meta+id", value: (r) => r.figureId },
  ];
}

export function placeColumns(rows: readonly PlaceRecord[]): CsvColumn<PlaceRecord>[] {
  return [
    { header: "Metric", hxl: "#indicator+code", value: (r) => r.metric },
    { header: "Place", hxl: "#loc+name", value: (r) => r.place },
    ...metricColumns(rows, (r) => r.value),
    { header: "Figure as written", hxl: "#indicator+text", value: (r) => r.text },
    { header: "Sources", hxl: "#meta+sources+num", value: (r) => r.sourceCount },
  ];
}
