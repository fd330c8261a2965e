import { filtersToSearchParams, type Filters } from "@/lib/filters";

/** The figures in view as HXL-tagged CSV: the same filters as the page, so the file is the view on screen. */
export function downloadCsvHref(filters: Filters): string {
  const params = filtersToSearchParams(filters);
  params.set("format", "csv");
  return `/api/v1/figures?${params.toString()}`;
}

export function DownloadCsvLink({ filters }: { filters: Filters }) {
  return (
    <a className="download-csv" href={downloadCsvHref(filters)} download="keyfigures-figures.csv">
      Download CSV
    </a>
  );
}
