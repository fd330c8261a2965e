"use client";

import { useRouter } from "next/navigation";
import Link from "next/link";
import { useEffect, useRef, useState, useSyncExternalStore, useTransition, type FormEvent } from "react";

import { METRICS } from "@/lib/extract/types";
import { filtersToQueryString, parseFilters, type Filters } from "@/lib/filters";
import { metricLabel } from "@/lib/format/figure";

export interface RegionChoice {
  code: string;
  name: string;
  level: number;
  figureCount: number;
}

export interface FilterFormProps {
  /** The page the form submits to (GET), e.g. "/" or "/regions/SY07". */
  action: string;
  filters: Filters;
  /** Omitted on region pages, where the place is fixed. */
  regions?: readonly RegionChoice[];
  years: readonly string[];
}

const PERIOD_LABELS: Record<string, string> = {
  all: "All time",
  "30d": "Last 30 days",
  "12m": "Last 12 months",
  custom: "Custom dates (from / to)",
};

const CHANGE_DELAY_MS = 400;

const subscribeToNothing = () => () => {};
const isClient = () => true;
const isServer = () => false;

function formToQuery(form: HTMLFormElement): string {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (typeof value === "string") params.append(key, value);
  }
  return filtersToQueryString(parseFilters(params).filters);
}

/** Back/forward and links change the filters without remounting the form: bring its fields in line. */
function syncFields(form: HTMLFormElement, filters: Filters) {
  for (const element of Array.from(form.elements)) {
    if (element instanceof HTMLInputElement && element.name === "metric") {
      element.checked = filters.metrics.some((m) => m === element.value);
    } else if (element instanceof HTMLSelectElement && element.name === "region") {
      for (const option of Array.from(element.options))
        option.selected = filters.regions.includes(option.value);
    } else if (element instanceof HTMLSelectElement && element.name === "period") {
      element.value = filters.period;
    } else if (element instanceof HTMLSelectElement && element.name === "undated") {
      element.value = filters.undated;
    } else if (element instanceof HTMLInputElement && (element.name === "from" || element.name === "to")) {
      element.value = filters[element.name] ?? "";
    }
  }
}

/**
 * A GET form that works without JavaScript. With JavaScript, a change navigates in place (no full reload),
 * through the same parser the server uses, so the URL stays canonical and back/forward restore each view.
 */
export function FilterForm({ action, filters, regions, years }: FilterFormProps) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const enhanced = useSyncExternalStore(subscribeToNothing, isClient, isServer);
  const [regionSearch, setRegionSearch] = useState("");

  const query = filtersToQueryString(filters);
  useEffect(() => {
    if (formRef.current)
      syncFields(formRef.current, parseFilters(new URLSearchParams(query.slice(1))).filters);
  }, [query]);

  const navigate = () => {
    const form = formRef.current;
    if (!form) return;
    const href = `${action}${formToQuery(form)}`;
    startTransition(() => router.push(href, { scroll: false }));
  };

  // Arrow keys in the region list or typing a date change the form many times in a row: wait for a pause.
  const pendingChange = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const navigateSoon = () => {
    clearTimeout(pendingChange.current);
    pendingChange.current = setTimeout(navigate, CHANGE_DELAY_MS);
  };
  useEffect(() => () => clearTimeout(pendingChange.current), []);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clearTimeout(pendingChange.current);
    navigate();
  };

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target;
    const form = formRef.current;
    if (!form || !(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
    if (target.name === "period" && target.value !== "custom") {
      for (const name of ["from", "to"]) {
        const input = form.elements.namedItem(name);
        if (input instanceof HTMLInputElement) input.value = "";
      }
    }
    if ((target.name === "from" || target.name === "to") && target.value) {
      const period = form.elements.namedItem("period");
      if (period instanceof HTMLSelectElement) period.value = "custom";
    }
    if (target.name) navigateSoon();
  };

  const periodChoices = ["all", "30d", "12m", ...years, "custom"];
  if (!periodChoices.includes(filters.period)) periodChoices.splice(3, 0, filters.period);
  const search = regionSearch.trim().toLowerCase();

  return (
    <form
      ref={formRef}
      className="filters"
      method="get"
      action={action}
      onSubmit={onSubmit}
      onChange={onChange}
      aria-label="Filters"
      data-enhanced={enhanced ? "" : undefined}
    >
      {regions ? (
        <div>
          <label className="field-label" htmlFor="filter-region">
            Regions
          </label>
          {enhanced ? (
            <input
              type="search"
              aria-label="Find a region"
              placeholder="Find a region…"
              value={regionSearch}
              onChange={(e) => {
                e.stopPropagation();
                setRegionSearch(e.target.value);
              }}
            />
          ) : null}
          <select
            id="filter-region"
            name="region"
            multiple
            defaultValue={filters.regions}
            aria-describedby="region-hint"
          >
            {regions.map((r) => (
              <option
                key={r.code}
                value={r.code}
                hidden={
                  search !== "" && !r.name.toLowerCase().includes(search) && !filters.regions.includes(r.code)
                }
              >
                {"\u00a0\u00a0".repeat(r.level)}
                {r.name} ({r.figureCount})
              </option>
            ))}
          </select>
          <p className="hint" id="region-hint">
            Several at once with Ctrl or ⌘. A region includes the places below it.
          </p>
        </div>
      ) : null}

      <fieldset>
        <legend>Metrics</legend>
        <div className="checkbox-list">
          {METRICS.map((m) => (
            <label key={m}>
              <input type="checkbox" name="metric" value={m} defaultChecked={filters.metrics.includes(m)} />{" "}
              {metricLabel(m)}
            </label>
          ))}
        </div>
        <p className="hint">None checked shows every metric.</p>
      </fieldset>

      <fieldset>
        <legend>Period</legend>
        <label className="visually-hidden" htmlFor="filter-period">
          Period
        </label>
        <select id="filter-period" name="period" defaultValue={filters.period}>
          {periodChoices.map((p) => (
            <option key={p} value={p}>
              {PERIOD_LABELS[p] ?? p}
            </option>
          ))}
        </select>
        <label htmlFor="filter-from">From</label>
        <input id="filter-from" type="date" name="from" defaultValue={filters.from ?? ""} />
        <label htmlFor="filter-to">To</label>
        <input id="filter-to" type="date" name="to" defaultValue={filters.to ?? ""} />
        <label htmlFor="filter-undated">Undated figures</label>
        <select id="filter-undated" name="undated" defaultValue={filters.undated}>
          <option value="include">Include</option>
          <option value="exclude">Leave out</option>
        </select>
      </fieldset>

      <div className="filter-actions">
        <button type="submit">Apply filters</button>
        <Link href={action}>Clear filters</Link>
        <span role="status" aria-live="polite">
          {pending ? "Updating…" : ""}
        </span>
      </div>
    </form>
  );
}
