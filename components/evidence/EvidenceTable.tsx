import Link from "next/link";
import type { FigureRow } from "@/db/queries/figures";
import {
  describeFigure,
  figurePhrase,
  formatAsOf,
  formatDate,
  formatPeriod,
  highlightQuote,
  metricLabel,
} from "@/lib/format";
import { competingFigures, placeLabel } from "@/lib/series";

const MAX_COMPETING = 5;

function SourceSentence({ figure }: { figure: FigureRow }) {
  const parts = highlightQuote(figure.sentence, figure.quote, figure.quoteInSentence);
  if (!parts) {
    return (
      <blockquote>
        {figure.sentence} <mark>{figure.quote}</mark>
      </blockquote>
    );
  }
  return (
    <blockquote>
      {parts.before}
      <mark>{parts.quote}</mark>
      {parts.after}
    </blockquote>
  );
}

function sourceName(figure: FigureRow): string {
  const s = figure.source;
  if (s.title) return s.title;
  if (s.sourceFile && s.externalId) return `${s.sourceFile}, item ${s.externalId}`;
  return `Document ${s.documentId}`;
}

function Source({ figure }: { figure: FigureRow }) {
  const s = figure.source;
  const name = sourceName(figure);
  return (
    <>
      {s.url ? (
        <a href={s.url} rel="noopener noreferrer">
          {name}
        </a>
      ) : (
        <span>{name}</span>
      )}
      {s.publisher ? <div>{s.publisher}</div> : null}
      <div>{s.publishedDate ? `Published ${formatDate(s.publishedDate)}` : "Publication date unknown"}</div>
    </>
  );
}

function Competing({ figure, all }: { figure: FigureRow; all: readonly FigureRow[] }) {
  const others = competingFigures(figure, all);
  if (others.length === 0) return <span>None in view</span>;
  return (
    <ul className="competing">
      {others.slice(0, MAX_COMPETING).map((o) => (
        <li key={o.id}>{`${figurePhrase(o)} (${sourceName(o)})`}</li>
      ))}
      {others.length > MAX_COMPETING ? <li>{`and ${others.length - MAX_COMPETING} more`}</li> : null}
    </ul>
  );
}

/** Every figure in view with the sentence it was read from, the quote marked, and its source. */
export function EvidenceTable({ figures, limit }: { figures: readonly FigureRow[]; limit?: number }) {
  const shown = limit === undefined ? figures : figures.slice(0, limit);
  return (
    <div className="table-wrap">
      <table>
        <caption>
          {figures.length} {figures.length === 1 ? "figure" : "figures"} in view, each with its source
          sentence
          {shown.length < figures.length ? ` (the newest ${shown.length} are listed)` : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Place</th>
            <th scope="col">Date</th>
            <th scope="col">Source sentence</th>
            <th scope="col">Source</th>
            <th scope="col">Other sources, same place and date</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f) => {
            const place = placeLabel(f);
            const period = formatPeriod(f.periodStart, f.periodEnd);
            return (
              <tr key={f.id}>
                <th scope="row">
                  <span title={describeFigure(f)}>{figurePhrase(f, "full")}</span>
                  <div className="hint">
                    {metricLabel(f.metric)} · {f.kind}
                  </div>
                </th>
                <td>
                  {place ?? "Not stated"}
                  {f.regionCode && f.regionName ? (
                    <div className="hint">
                      <Link href={`/regions/${f.regionCode}`}>
                        {f.regionName} ({f.regionCode})
                      </Link>
                    </div>
                  ) : null}
                </td>
                <td className="num">
                  {formatAsOf(f.date)}
                  {period ? <div className="hint">period: {period}</div> : null}
                </td>
                <td>
                  <SourceSentence figure={f} />
                </td>
                <td>
                  <Source figure={f} />
                </td>
                <td>
                  <Competing figure={f} all={figures} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
