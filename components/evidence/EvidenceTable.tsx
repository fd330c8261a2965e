import Link from "next/link";
import type { EvidenceEntry } from "@/db/queries/dashboard";
import type { EvidenceRow } from "@/db/queries/figures";
import {
  describeFigure,
  figurePhrase,
  formatAsOf,
  formatDate,
  formatPeriod,
  highlightQuote,
  metricLabel,
} from "@/lib/format";
import { placeLabel } from "@/lib/series";

function SourceSentence({ figure }: { figure: EvidenceRow }) {
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

function sourceName(figure: EvidenceRow): string {
  const s = figure.source;
  if (s.title) return s.title;
  if (s.sourceFile && s.externalId) return `${s.sourceFile}, item ${s.externalId}`;
  return `Document ${s.documentId}`;
}

function Source({ figure }: { figure: EvidenceRow }) {
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

function Competing({ entry }: { entry: EvidenceEntry }) {
  if (entry.competing.length === 0) return <span>None in view</span>;
  return (
    <ul className="competing">
      {entry.competing.map((o) => (
        <li key={o.id}>{`${figurePhrase(o)} (${sourceName(o)})`}</li>
      ))}
      {entry.moreCompeting > 0 ? <li>{`and ${entry.moreCompeting} more`}</li> : null}
    </ul>
  );
}

/** The newest figures in view with the sentence each was read from, the quote marked, and its source. */
export function EvidenceTable({ entries, inView }: { entries: readonly EvidenceEntry[]; inView: number }) {
  return (
    <div className="table-wrap">
      <table>
        <caption>
          {inView} {inView === 1 ? "figure" : "figures"} in view, each with its source sentence
          {entries.length < inView ? ` (the newest ${entries.length} are listed)` : ""}
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
          {entries.map((entry) => {
            const f = entry.figure;
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
                  <Competing entry={entry} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
