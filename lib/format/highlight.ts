export interface HighlightedSentence {
  before: string;
  quote: string;
  after: string;
}

/**
 * Splits a sentence around its quote. The stored offsets are trusted only when they point at the quote;
 * otherwise the quote is searched for, and null means it is not in the sentence at all.
 */
export function highlightQuote(
  sentence: string,
  quote: string,
  offsets?: { start: number; end: number },
): HighlightedSentence | null {
  let start = -1;
  if (offsets && sentence.slice(offsets.start, offsets.end) === quote) start = offsets.start;
  else start = sentence.indexOf(quote);
  if (start < 0 || quote === "") return null;
  return {
    before: sentence.slice(0, start),
    quote,
    after: sentence.slice(start + quote.length),
  };
}
