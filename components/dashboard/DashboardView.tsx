import Link from "next/link";
import type { ReactNode } from "react";

import { MetricCards } from "@/components/cards/MetricCards";
import { ChartsSection } from "@/components/charts/ChartsSection";
import { DownloadCsvLink } from "@/components/embed/DownloadCsvLink";
import { OEmbedLink } from "@/components/embed/OEmbedLink";
import { EvidenceTable } from "@/components/evidence/EvidenceTable";
import { FilterForm, type RegionChoice } from "@/components/filters/FilterForm";
import { FilterNotices } from "@/components/filters/FilterNotices";
import type { DashboardData } from "@/db/queries/dashboard";
import type { RegionOption } from "@/db/queries/regions";
import { DEFAULT_FILTERS, filtersToQueryString, hasActiveFilters, type Filters } from "@/lib/filters";
import { formatDate, metricLabel } from "@/lib/format";
import { highestByPlace, metricCards, pointsOverTime } from "@/lib/series";

function describePeriod(data: DashboardData): string {
  const { filters, window } = data;
  if (filters.period === "all") return "all time";
  const span =
    window.from && window.to
      ? `${formatDate(window.from)} to ${formatDate(window.to)}`
      : window.from
        ? `from ${formatDate(window.from)}`
        : `up to ${formatDate(window.to ?? "")}`;
  return filters.period === "30d"
    ? `the last 30 days (${span})`
    : filters.period === "12m"
      ? `the last 12 months (${span})`
      : span;
}

function ViewSummary({ data, scopeName }: { data: DashboardData; scopeName?: string }) {
  const { figures, filters, selectedRegions } = data;
  const documents = new Set(figures.map((f) => f.source.documentId)).size;
  const undated = figures.filter((f) => f.date === null).length;
  const places = scopeName
    ? `${scopeName} and the places below it`
    : selectedRegions.length > 0
      ? selectedRegions.map((r) => r.name).join(", ")
      : "all places";
  const metrics = filters.metrics.length > 0 ? filters.metrics.map(metricLabel).join(", ") : "all metrics";
  const undatedText =
    filters.undated === "exclude"
      ? "undated figures left out"
      : `${undated} undated (shown as “date unknown”)`;
  const total = data.matchingCount;
  const more = data.matchingCountIsLowerBound ? "+" : "";
  const text = [
    `${total.toLocaleString("en-US")}${more} ${total === 1 && !more ? "figure" : "figures"} from ${documents.toLocaleString("en-US")}${total > figures.length ? "+" : ""} ${documents === 1 ? "document" : "documents"}`,
    places,
    metrics,
    describePeriod(data),
    undatedText,
  ].join(" · ");
  return <p className="view-summary">{text}</p>;
}

/**
 * What the filter form shows of a region choice. The form is a client component: every field it receives is sent
 * with the page, for ~1,200 choices at a million figures.
 */
function regionChoice({ code, name, level, figureCount }: RegionOption): RegionChoice {
  return { code, name, level, figureCount };
}

function widerViews(action: string, filters: Filters): { href: string; label: string }[] {
  const options: { href: string; label: string }[] = [];
  if (filters.period !== "all")
    options.push({
      href: action + filtersToQueryString({ ...filters, period: "all", from: null, to: null }),
      label: "all time",
    });
  if (filters.undated === "exclude")
    options.push({
      href: action + filtersToQueryString({ ...filters, undated: "include" }),
      label: "undated figures too",
    });
  if (filters.metrics.length > 0)
    options.push({ href: action + filtersToQueryString({ ...filters, metrics: [] }), label: "every metric" });
  if (filters.regions.length > 0)
    options.push({ href: action + filtersToQueryString({ ...filters, regions: [] }), label: "every place" });
  if (hasActiveFilters(filters))
    options.push({ href: action + filtersToQueryString(DEFAULT_FILTERS), label: "everything" });
  return options;
}

function EmptyView({ action, filters }: { action: string; filters: Filters }) {
  const wider = widerViews(action, filters);
  return (
    <div className="empty">
      <p>No figures match these filters.</p>
      {wider.length > 0 ? (
        <p>
          Widen the view:{" "}
          {wider.map((w, i) => (
            <span key={w.href}>
              {i > 0 ? " · " : ""}
              <Link href={w.href}>show {w.label}</Link>
            </span>
          ))}
        </p>
      ) : (
        <p>
          The database holds no figures yet. Load reports with <code>npm run load -- FILE</code>.
        </p>
      )}
    </div>
  );
}

export interface DashboardViewProps {
  data: DashboardData;
  /** Where the filter form submits: "/" or "/regions/CODE". */
  action: string;
  title: string;
  /** Set on region pages: the place the view is pinned to. */
  scopeName?: string;
  /** Set on region pages: the code of that place, so embeds and downloads keep the same view. */
  scopeCode?: string;
  children?: ReactNode;
}

/** The dashboard's sections for one view: cards, charts and evidence, all rendered on the server. */
export function DashboardView({ data, action, title, scopeName, scopeCode, children }: DashboardViewProps) {
  const { figures, filters } = data;
  const viewFilters = scopeCode ? { ...filters, regions: [scopeCode] } : filters;
  const cards = metricCards(figures);
  const bars = highestByPlace(figures);
  const { points, undated, dated } = pointsOverTime(figures);
  const empty = figures.length === 0;
  return (
    <>
      <OEmbedLink path={action} filters={filters} />
      <h1>{title}</h1>
      <ViewSummary data={data} scopeName={scopeName} />
      {children}
      {data.matchingCount > figures.length ? (
        <p className="notices" role="status">
          {data.matchingCount.toLocaleString("en-US")}
          {data.matchingCountIsLowerBound ? "+" : ""} figures match these filters; this view shows the newest{" "}
          {figures.length.toLocaleString("en-US")}. Narrow the filters to see the rest.
        </p>
      ) : null}
      <FilterNotices notices={data.notices} />
      <FilterForm
        action={action}
        filters={filters}
        regions={scopeName ? undefined : data.regionOptions.map(regionChoice)}
        years={data.years}
      />

      <section aria-labelledby="cards-title">
        <h2 id="cards-title">Key figures</h2>
        {empty ? (
          <EmptyView action={action} filters={filters} />
        ) : (
          <MetricCards cards={cards} filters={viewFilters} />
        )}
      </section>

      {empty ? null : (
        <>
          <section aria-labelledby="charts-title">
            <h2 id="charts-title">Charts</h2>
            <ChartsSection
              bars={bars}
              points={points}
              undated={undated}
              dated={dated}
              filters={viewFilters}
            />
          </section>
          <section aria-labelledby="evidence-title">
            <h2 id="evidence-title">Evidence</h2>
            <DownloadCsvLink
              filters={viewFilters}
              limit={data.matchingCount > figures.length ? figures.length : undefined}
            />
            <EvidenceTable entries={data.evidence} inView={figures.length} />
          </section>
        </>
      )}
    </>
  );
}
