import { filtersToSearchParams, type Filters } from "@/lib/filters";

/**
 * The figures in view as HXL-tagged CSV, with the page's filters. `limit` is the number of figures the page
 * shows when it shows only the newest of more matching ones, so the file is exactly the view on screen.
 */
export function downloadCsvHref(filters: Filters, limit?: number): string {
  const params = filtersToSearchParams(filters);
  params.set("format", "csv");
  if (limit !== undefined) params.set("limit", String(limit));
  return `/api/v1/figures?${params.toString()}`;
}

export function DownloadCsvLink({ filters, limit }: { filters: Filters; limit?: number }) {
  return (
    <a className="download-csv" href={downloadCsvHref(filters, limit)} download="keyfigures-figures.csv">
      Download CSV
    </a>
  );
}
