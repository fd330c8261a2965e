import { esc } from "./svg";

export interface EmbedPage {
  title: string;
  /** The view in words: places, metrics, period. */
  subtitle: string;
  /** The widget drawn for narrow frames (under 520 px) and for wider ones. */
  narrowSvg: string;
  wideSvg: string;
  sourceLine: string;
  /** The dashboard view this widget comes from. */
  fullViewHref: string;
}

/** Posts the page's height to the embedding page, which keeps the iframe as tall as the content. */
const RESIZE_SCRIPT =
  "(function(){if(window.parent===window)return;var last=0;function post(){var h=Math.ceil(document.body.getBoundingClientRect().height);" +
  'if(h!==last){last=h;window.parent.postMessage({type:"keyfigures:height",height:h},"*")}}' +
  'if(window.ResizeObserver)new ResizeObserver(post).observe(document.body);addEventListener("load",post);post()})();';

const STYLE = `*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;color:#1f2937;background:#fff;line-height:1.4}
.kf-embed{padding:12px 14px;max-width:1200px;min-width:0}
h1{font-size:1.1rem;margin:0 0 2px}
.kf-sub{margin:0 0 8px;color:#4b5563;font-size:.85rem}
.kf-figure{margin:0}.kf-figure svg{display:block;width:100%;height:auto;max-width:960px}
.kf-wide{display:none}
@media (min-width:520px){.kf-narrow{display:none}.kf-wide{display:block}}
.kf-source{margin:8px 0 0;font-size:.8rem;color:#4b5563}
a{color:#1d4ed8}`;

/** A complete, script-free-to-read HTML page for one widget: the SVG is in the markup itself. */
export function embedPageHtml(page: EmbedPage): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(page.title)} · Keyfigures</title><style>${STYLE}</style></head>
<body><main class="kf-embed"><h1>${esc(page.title)}</h1><p class="kf-sub">${esc(page.subtitle)}</p>
<figure class="kf-figure"><div class="kf-narrow">${page.narrowSvg}</div><div class="kf-wide">${page.wideSvg}</div></figure>
<p class="kf-source">${esc(page.sourceLine)} · <a href="${esc(page.fullViewHref)}" target="_blank" rel="noopener">Full view and sources on Keyfigures</a></p>
</main><script>${RESIZE_SCRIPT}</script></body></html>`;
}
