import { esc } from "./svg";

export interface SnippetOptions {
  /** The embed page's absolute URL. */
  url: string;
  title: string;
  width: number;
  height: number;
}

/**
 * The iframe to paste: responsive (full width of its container up to `width`), lazily loaded, with a
 * title for screen readers. It needs no script; the height is a starting point.
 */
export function iframeSnippet({ url, title, width, height }: SnippetOptions): string {
  return (
    `<iframe src="${esc(url)}" title="${esc(title)}" width="${width}" height="${height}" loading="lazy" ` +
    `style="width:100%;max-width:${width}px;height:${height}px;border:0"></iframe>`
  );
}

/** The script to paste instead: it inserts the iframe and keeps its height in step with the content. */
export function scriptSnippet({ url, title, height }: SnippetOptions, scriptUrl: string): string {
  return (
    `<script src="${esc(scriptUrl)}" data-keyfigures-embed="${esc(url)}" data-title="${esc(title)}" ` +
    `data-height="${height}" async></script>`
  );
}
