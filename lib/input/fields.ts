import type { InputItem } from "../extract/types";
import { InputError } from "./errors";

export const ITEM_FIELDS = ["id", "text", "title", "published", "url", "publisher"] as const;

const DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A YYYY-MM-DD date (a full ISO timestamp is cut to its date), or null when absent. */
export function parsePublished(value: string | null, file: string, line: number | undefined): string | null {
  if (value === null) return null;
  const match = DATE.exec(value.trim());
  const date = match?.[1];
  if (
    !date ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    throw new InputError(file, line, `"published" is not a date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  }
  return date;
}

function optionalString(
  record: Record<string, unknown>,
  field: string,
  file: string,
  line: number,
): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") {
    throw new InputError(file, line, `"${field}" must be a string or null, not ${JSON.stringify(value)}`);
  }
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** Checks one JSONL object or CSV row and turns it into an item; `position` is its 1-based index among items. */
export function toItem(
  record: Record<string, unknown>,
  file: string,
  line: number,
  position: number,
): InputItem {
  const text = record.text;
  if (typeof text !== "string") {
    throw new InputError(
      file,
      line,
      text === undefined ? `no "text" field` : `"text" must be a string, not ${JSON.stringify(text)}`,
    );
  }
  if (text.trim() === "") throw new InputError(file, line, `"text" is empty`);
  if (text.includes("\u0000")) throw new InputError(file, line, `"text" contains a NUL character`);
  const rawId = record.id;
  let id: string;
  if (rawId === undefined || rawId === null || rawId === "") id = String(position);
  else if (typeof rawId === "string" || typeof rawId === "number") id = String(rawId).trim();
  else throw new InputError(file, line, `"id" must be a string or number, not ${JSON.stringify(rawId)}`);
  return {
    id,
    text: text.trim(),
    title: optionalString(record, "title", file, line),
    published: parsePublished(optionalString(record, "published", file, line), file, line),
    url: optionalString(record, "url", file, line),
    publisher: optionalString(record, "publisher", file, line),
  };
}
