import type { EvidenceRow, FigureSource } from "@/db/queries/figures";
import { formatQuantity } from "@/lib/format/quantity";
import type { PlaceBar, TimePoint } from "@/lib/series";

/** What the API needs of a figure from the database: the dashboard's row, less what only the page shows. */
export type FigureInput = Omit<EvidenceRow, "periodPrecision" | "quoteInSentence" | "source"> & {
  source: Pick<FigureSource, "title" | "url" | "publisher" | "publishedDate">;
};

export interface RegionStep {
  code: string;
  name: string;
  level: number;
}

/** One figure as the open API gives it, flat so that the JSON and the CSV carry the same fields. */
export interface FigureRecord {
  id: number;
  metric: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  qualifier: string;
  /** The figure as the dashboard writes it, qualifier kept: "186,000+", "dozens". */
  text: string;
  unit: string;
  kind: string;
  countryCode: string | null;
  adm1Code: string | null;
  adm1Name: string | null;
  adm2Code: string | null;
  adm2Name: string | null;
  /** The most precise region known, at any level. */
  regionCode: string | null;
  regionName: string | null;
  placeMention: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  reportedDate: string | null;
  /** The date the figure stands for (reported, else end of period); null when unknown. */
  date: string | null;
  quote: string;
  sentence: string;
  sourceTitle: string | null;
  sourcePublisher: string | null;
  sourceUrl: string | null;
  sourcePublished: string | null;
}

/** `path` is the figure's region chain from the country down (empty when it has no region). */
export function figureRecord(figure: FigureInput, path: readonly RegionStep[]): FigureRecord {
  const at = (level: number) => path.find((step) => step.level === level) ?? null;
  const adm1 = at(1);
  const adm2 = at(2);
  return {
    id: figure.id,
    metric: figure.metric,
    value: figure.value,
    lower: figure.lower,
    upper: figure.upper,
    qualifier: figure.qualifier,
    text: formatQuantity(figure, "full"),
    unit: figure.unit,
    kind: figure.kind,
    countryCode: figure.countryIso3,
    adm1Code: adm1?.code ?? null,
    adm1Name: adm1?.name ?? null,
    adm2Code: adm2?.code ?? null,
    adm2Name: adm2?.name ?? null,
    regionCode: figure.regionCode,
    regionName: figure.regionName,
    placeMention: figure.placeMention,
    periodStart: figure.periodStart,
    periodEnd: figure.periodEnd,
    reportedDate: figure.reportedDate,
    date: figure.date,
    quote: figure.quote,
    sentence: figure.sentence,
    sourceTitle: figure.source.title,
    sourcePublisher: figure.source.publisher,
    sourceUrl: figure.source.url,
    sourcePublished: figure.source.publishedDate,
  };
}

/** A point of the "over time" chart: the figure it plots, its date and the value the chart uses. */
export interface TimeRecord {
  figureId: number;
  date: string;
  metric: string;
  place: string;
  /** The number the point is drawn at; `text` is the figure as stated. */
  value: number;
  text: string;
}

/** A bar of the "by place" chart: the highest figure stated for one metric in one place. */
export interface PlaceRecord {
  metric: string;
  place: string;
  value: number;
  text: string;
  sourceCount: number;
}

export function timeRecord(point: TimePoint): TimeRecord {
  return {
    figureId: Number(point.key),
    date: point.date,
    metric: point.metric,
    place: point.place,
    value: point.value,
    text: point.label,
  };
}

export function placeRecord(bar: PlaceBar): PlaceRecord {
  return {
    metric: bar.metric,
    place: bar.place,
    value: bar.value,
    text: bar.label,
    sourceCount: bar.sourceCount,
  };
}
