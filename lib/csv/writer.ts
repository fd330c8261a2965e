/** A CSV cell: text, a number, or nothing. Numbers are written as numbers and never neutralised. */
export type CsvValue = string | number | null | undefined;

export interface CsvColumn<T> {
  header: string;
  /** The HXL hashtag with attributes, written in the second header row. */
  hxl: string;
  value: (row: T) => CsvValue;
}

const FORMULA_START = /^[ \t\r\n]*[=+\-@]|^[\t\r]/;
const LINE_BREAK = /(\r\n|\r|\n)/;

/**
 * Text a spreadsheet would run as a formula gets a leading apostrophe: a line starting with = + - @
 * (also after spaces), or with a tab or carriage return. Every line of a multi-line cell is checked,
 * because some importers split cells on line breaks.
 */
export function neutraliseFormula(text: string): string {
  const lines = text
    .split(LINE_BREAK)
    .map((part, index) => (index % 2 === 0 && FORMULA_START.test(part) ? `'${part}` : part))
    .join("");
  return lines.startsWith("\r") ? `'${lines}` : lines;
}

/** One cell as RFC 4180 writes it: quoted when it holds a comma, quote or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`CSV: cannot write the number ${value}`);
    return String(value);
  }
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A header row, a row of HXL hashtags, then one line per row; lines end in CRLF (RFC 4180). */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  let out = csvLine(columns.map((c) => c.header)) + csvLine(columns.map((c) => c.hxl));
  for (const row of rows) out += csvLine(columns.map((c) => c.value(row)));
  return out;
}
