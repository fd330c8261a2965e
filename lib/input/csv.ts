import type { InputItem } from "../extract/types";
import { InputError } from "./errors";
import { toItem } from "./fields";
import type { Line } from "./lines";

export interface CsvRecord {
  fields: string[];
  /** Line where the record starts (a quoted cell may span several lines). */
  line: number;
}

/** RFC 4180 records: comma-separated, `"`-quoted cells with `""` for a quote, quoted cells may span lines. */
export async function* parseCsvRecords(lines: AsyncIterable<Line>, file: string): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let cell = "";
  let quoted = false;
  let inQuotes = false;
  let startLine = 0;

  for await (const { text, number } of lines) {
    if (!inQuotes) {
      startLine = number;
      fields = [];
      cell = "";
      quoted = false;
    } else {
      cell += "\n";
    }
    // Slices between delimiters rather than appending character by character: large files stay fast.
    let i = 0;
    for (;;) {
      if (inQuotes) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          cell += text.slice(i);
          break;
        }
        cell += text.slice(i, quote);
        if (text[quote + 1] === '"') {
          cell += '"';
          i = quote + 2;
          continue;
        }
        inQuotes = false;
        i = quote + 1;
        if (i >= text.length) break;
        if (text[i] !== ",") {
          throw new InputError(file, number, `unexpected ${JSON.stringify(text[i])} after a closing quote`);
        }
      } else if (cell === "" && !quoted && text[i] === '"') {
        inQuotes = true;
        quoted = true;
        i++;
        continue;
      } else {
        const comma = text.indexOf(",", i);
        if (comma === -1) {
          cell += text.slice(i);
          break;
        }
        cell += text.slice(i, comma);
        i = comma;
      }
      fields.push(cell);
      cell = "";
      quoted = false;
      i++;
    }
    if (inQuotes) continue;
    fields.push(cell);
    yield { fields, line: startLine };
  }
  if (inQuotes) throw new InputError(file, startLine, "a quoted cell is never closed");
}

/** A CSV file with a header row naming its columns; `text` is required, id, title, published, url, publisher optional. */
export async function* parseCsv(lines: AsyncIterable<Line>, file: string): AsyncGenerator<InputItem> {
  let header: string[] | undefined;
  let position = 0;
  for await (const record of parseCsvRecords(lines, file)) {
    if (record.fields.length === 1 && record.fields[0]!.trim() === "") continue;
    if (!header) {
      header = record.fields.map((name) => name.trim().toLowerCase());
      const duplicate = header.find((name, index) => header!.indexOf(name) !== index);
      if (duplicate !== undefined)
        throw new InputError(file, record.line, `column "${duplicate}" appears twice in the header`);
      if (!header.includes("text")) {
        throw new InputError(
          file,
          record.line,
          `no "text" column in the header (found: ${record.fields.map((name) => JSON.stringify(name)).join(", ")})`,
        );
      }
      continue;
    }
    if (record.fields.length > header.length) {
      throw new InputError(
        file,
        record.line,
        `row has ${record.fields.length} cells but the header has ${header.length} columns`,
      );
    }
    const row: Record<string, unknown> = {};
    header.forEach((name, index) => {
      const value = record.fields[index];
      row[name] = name === "text" ? (value ?? "") : value === undefined || value === "" ? null : value;
    });
    position++;
    yield toItem(row, file, record.line, position);
  }
  if (!header) throw new InputError(file, undefined, "no header row");
}
