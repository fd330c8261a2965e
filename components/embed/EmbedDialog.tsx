import { headers } from "next/headers";

import type { Filters } from "@/lib/filters";
import { metricLabel } from "@/lib/format";
import { originFromHeaders } from "@/lib/http/origin";

import { CopyButton } from "./CopyButton";
import { iframeSnippet, scriptSnippet } from "./snippets";
import { defaultSize, widgetPath, widgetTitle, widgetUrl, type EmbedWidget } from "./widgets";

export interface EmbedDialogProps {
  widget: EmbedWidget;
  /** The view on screen, so the embed shows the same figures. */
  filters: Filters;
}

export interface EmbedDialogViewProps extends EmbedDialogProps {
  /** This site's origin, for the absolute URLs the snippets need. */
  origin: string;
}

// Inline so the dialog reads well wherever it is placed, without rules in the global stylesheet.
const SNIPPET_STYLE = {
  display: "block",
  width: "100%",
  fontFamily: "monospace",
  fontSize: "0.8rem",
} as const;
const LABEL_STYLE = { display: "block", marginTop: "0.5rem" } as const;

function snippetId(widget: EmbedWidget, kind: string): string {
  return `embed-${widget.kind}-${widget.kind === "card" ? widget.metric : widget.chart}-${kind}`;
}

/**
 * The "Embed" control of a dashboard widget: a disclosure (works without JavaScript) holding the embed
 * link, image links and two snippets to copy — a plain iframe, and a script that keeps the height in step.
 */
export async function EmbedDialog({ widget, filters }: EmbedDialogProps) {
  return <EmbedDialogView widget={widget} filters={filters} origin={originFromHeaders(await headers())} />;
}

export function EmbedDialogView({ widget, filters, origin }: EmbedDialogViewProps) {
  const title = widgetTitle(widget, metricLabel);
  const url = widgetUrl(origin, widget, filters);
  const size = defaultSize(widget);
  const options = { url, title: `${title} · Keyfigures`, ...size };
  const iframeId = snippetId(widget, "iframe");
  const scriptId = snippetId(widget, "script");
  const path = (format: "html" | "svg" | "png") => widgetUrl("", widget, filters, format);
  return (
    <details className="embed-dialog" data-embed-url={url}>
      <summary>
        Embed<span className="visually-hidden"> {title.toLowerCase()}</span>
      </summary>
      <div role="group" aria-label={`Embed ${title.toLowerCase()}`}>
        <p>
          <a href={path("html")} data-embed-path={widgetPath(widget)}>
            Embed page
          </a>{" "}
          · <a href={path("svg")}>SVG image</a> · <a href={path("png")}>PNG image</a>
        </p>
        <label htmlFor={iframeId} style={LABEL_STYLE}>
          Iframe (no script needed)
        </label>
        <textarea
          id={iframeId}
          readOnly
          rows={3}
          style={SNIPPET_STYLE}
          defaultValue={iframeSnippet(options)}
        />
        <CopyButton targetId={iframeId} label="Copy iframe" />
        <label htmlFor={scriptId} style={LABEL_STYLE}>
          Script (keeps the height in step with the content)
        </label>
        <textarea
          id={scriptId}
          readOnly
          rows={3}
          defaultValue={scriptSnippet(options, `${origin}/embed.js`)}
        />
        <CopyButton targetId={scriptId} label="Copy script" />
      </div>
    </details>
  );
}
