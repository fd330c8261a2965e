import type { InputItem } from "../extract/types";
import { InputError } from "./errors";
import { toItem } from "./fields";
import type { Line } from "./lines";

/** One JSON object per non-blank line, with a string `text` and optional id, title, published, url, publisher. */
export async function* parseJsonl(lines: AsyncIterable<Line>, file: string): AsyncGenerator<InputItem> {
  let position = 0;
  for await (const line of lines) {
    if (line.text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch (error) {
      throw new InputError(file, line.number, `malformed JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new InputError(file, line.number, 'expected a JSON object with a "text" field');
    }
    position++;
    yield toItem(value as Record<string, unknown>, file, line.number, position);
  }
}
