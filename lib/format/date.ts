const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "10 June 2019" from "2019-06-10"; the text as given when it is not an ISO date. */
export function formatDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return iso;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

/** "as of 10 June 2019", or "date unknown" for a figure no date can be given for. */
export function formatAsOf(date: string | null): string {
  return date ? `as of ${formatDate(date)}` : "date unknown";
}

export function formatPeriod(start: string | null, end: string | null): string | null {
  if (start && end && start !== end) return `${formatDate(start)} – ${formatDate(end)}`;
  const only = start ?? end;
  return only ? formatDate(only) : null;
}
