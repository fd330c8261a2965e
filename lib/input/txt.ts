import type { InputItem } from "../extract/types";
import type { Line } from "./lines";
import type { SourceMetadata } from "./sources";

export type TxtMode = "paragraphs" | "lines";

function isBlank(text: string): boolean {
  return text.trim() === "";
}

/**
 * The .txt rule: items are paragraphs, blocks of non-empty lines separated by blank lines, their lines joined
 * with a space. A file with no blank line between two non-empty lines (a single block, like the sample) has one
 * item per line instead.
 */
export async function detectTxtMode(lines: AsyncIterable<Line>): Promise<TxtMode> {
  let seenContent = false;
  let blankAfterContent = false;
  for await (const line of lines) {
    if (isBlank(line.text)) {
      if (seenContent) blankAfterContent = true;
    } else {
      if (blankAfterContent) return "paragraphs";
      seenContent = true;
    }
  }
  return "lines";
}

/**
 * Items of a .txt file, ids by position. `sources` holds metadata by non-empty line number (1-based); an item
 * takes the entry of its first line.
 */
export async function* parseTxt(
  lines: AsyncIterable<Line>,
  mode: TxtMode,
  sources: ReadonlyMap<number, SourceMetadata>,
): AsyncGenerator<InputItem> {
  let position = 0;
  let nonEmptyLine = 0;
  let block: string[] = [];
  let blockFirstLine = 0;

  const item = (text: string, firstNonEmptyLine: number): InputItem => {
    position++;
    const source = sources.get(firstNonEmptyLine);
    return {
      id: String(position),
      text,
      title: source?.title ?? null,
      published: source?.published ?? null,
      url: source?.url ?? null,
      publisher: source?.publisher ?? null,
    };
  };

  for await (const line of lines) {
    if (isBlank(line.text)) {
      if (block.length > 0) yield item(block.join(" "), blockFirstLine);
      block = [];
      continue;
    }
    nonEmptyLine++;
    const text = line.text.trim();
    if (mode === "lines") {
      yield item(text, nonEmptyLine);
      continue;
    }
    if (block.length === 0) blockFirstLine = nonEmptyLine;
    block.push(text);
  }
  if (block.length > 0) yield item(block.join(" "), blockFirstLine);
}
