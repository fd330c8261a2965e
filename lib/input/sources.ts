import { readFile } from "node:fs/promises";

import { z } from "zod";

import { InputError } from "./errors";
import { parsePublished } from "./fields";

const entry = z.object({
  line: z.number().int().min(1),
  url: z.string().nullish(),
  publisher: z.string().nullish(),
  published: z.string().nullish(),
  headline: z.string().nullish(),
});

export interface SourceMetadata {
  title: string | null;
  url: string | null;
  publisher: string | null;
  published: string | null;
}

/** `NAME.sources.json` beside `NAME.txt`: what is known of each item's source, by non-empty line number. */
export function sidecarPath(file: string): string {
  return file.replace(/\.txt$/i, ".sources.json");
}

/** Reads the sidecar of a .txt file, or returns an empty map when there is none. */
export async function readSidecar(file: string): Promise<Map<number, SourceMetadata>> {
  const sidecar = sidecarPath(file);
  let raw: string;
  try {
    raw = await readFile(sidecar, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Map();
    throw new InputError(sidecar, undefined, `cannot read: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new InputError(sidecar, undefined, `malformed JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = z.array(entry).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      sidecar,
      undefined,
      `expected an array of {line, url, publisher, published, headline}: ${issue?.path.join(".")}: ${issue?.message}`,
      { cause: parsed.error },
    );
  }
  const byLine = new Map<number, SourceMetadata>();
  for (const source of parsed.data) {
    byLine.set(source.line, {
      title: source.headline?.trim() || null,
      url: source.url?.trim() || null,
      publisher: source.publisher?.trim() || null,
      published: parsePublished(source.published ?? null, sidecar, undefined),
    });
  }
  return byLine;
}
