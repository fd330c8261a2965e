/** Text and attribute values made safe for XML/HTML. */
export function esc(text: string | number): string {
  return String(text)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Fonts resvg finds on this machine first, so the PNG and the browser show the same letters. */
export const FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

export const INK = "#1f2937";
export const MUTED = "#4b5563";
export const GRID = "#d1d5db";

/** Shortens a label to about `max` characters, keeping it readable. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

export interface SvgFrame {
  width: number;
  height: number;
  title: string;
  description: string;
  body: string;
  /** A unique prefix for ids, so two SVGs in one page never share one. */
  id: string;
}

export function svgDocument({ width, height, title, description, body, id }: SvgFrame): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `role="img" aria-labelledby="${id}-t ${id}-d" font-family="${esc(FONT_FAMILY)}">` +
    `<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(description)}</desc>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`
  );
}
