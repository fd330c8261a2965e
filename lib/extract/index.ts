import type { ExtractedFigure, InputItem } from "./types";

export const EXTRACTOR_VERSION = "0.0.1";

/** Finds every count of affected people in one item. Pure and deterministic; never throws. */
export function extract(item: InputItem): ExtractedFigure[] {
  void item;
  return [];
}
