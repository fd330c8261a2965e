import { EmbedDialog } from "@/components/embed/EmbedDialog";
import { cardWidget } from "@/components/embed/widgets";
import type { FigureRow } from "@/db/queries/figures";
import type { Filters } from "@/lib/filters";
import {
  describeFigure,
  figureParts,
  figurePhrase,
  formatAsOf,
  formatDate,
  metricLabel,
  placePhrase,
} from "@/lib/format";
import { placeLabel, type Change, type MetricCard } from "@/lib/series";

import { Sparkline } from "./Sparkline";

const MAX_OTHERS = 3;

function sources(n: number): string {
  return `${n} ${n === 1 ? "source" : "sources"}`;
}

function ChangeLine({ change }: { change: Change }) {
  const since = change.previous.date ? ` since ${formatDate(change.previous.date)}` : "";
  if (!change.comparable) {
    const when = change.previous.date ? ` (${formatDate(change.previous.date)})` : "";
    return (
      <p className="card-change">
        Change not shown: the previous figure{when} is not comparable — {change.reason}.
      </p>
    );
  }
  const sign = change.percent > 0 ? "+" : "";
  const direction = change.percent > 10 ? "trend-up" : change.percent < -25 ? "trend-down" : "";
  return (
    <p className="card-change">
      <span className={direction}>
        {sign}
        {change.percent.toFixed(0)}%
      </span>{" "}
      {since.trim()} — {change.trend}
    </p>
  );
}

function Card({ card, filters }: { card: MetricCard<FigureRow>; filters: Filters }) {
  const { headline } = card;
  const widget = cardWidget(card.metric);
  const f = headline.figure;
  const { quantity, rest } = figureParts(f);
  const place = placeLabel(f);
  const id = `card-${card.metric}`;
  const others = card.others.slice(0, MAX_OTHERS);
  return (
    <article className="card" aria-labelledby={id}>
      <h3 id={id}>{metricLabel(card.metric)}</h3>
      <p className="card-headline" title={describeFigure(f)}>
        <span className="card-number">{quantity}</span>
        {` ${rest}${place ? ` ${placePhrase(f.metric, place)}` : ""}`}
      </p>
      <p className="card-meta">{`${formatAsOf(f.date)} · ${sources(headline.sourceCount)}`}</p>
      <p className="card-basis">
        {card.figureCount === 1
          ? "The only figure in view."
          : `${card.basis === "latest" ? "Latest" : "Highest"} of ${card.figureCount} figures from ${sources(card.sourceCount)}${card.basis === "highest" ? " (none dated)" : ""}; figures are not added up.`}
      </p>
      {card.change ? <ChangeLine change={card.change} /> : null}
      <Sparkline points={card.sparkline} label={`${metricLabel(card.metric)} over time`} />
      {widget ? <EmbedDialog widget={widget} filters={filters} /> : null}
      {others.length > 0 ? (
        <ul className="card-others" aria-label={`Other ${metricLabel(card.metric).toLowerCase()} figures`}>
          {others.map((claim) => {
            const otherPlace = placeLabel(claim.figure);
            return (
              <li key={claim.key}>
                {[
                  `${figurePhrase(claim.figure)}${otherPlace ? ` ${placePhrase(claim.figure.metric, otherPlace)}` : ""}`,
                  formatAsOf(claim.figure.date),
                  ...(claim.sourceCount > 1 ? [sources(claim.sourceCount)] : []),
                ].join(" · ")}
              </li>
            );
          })}
          {card.others.length > MAX_OTHERS ? (
            <li>and {card.others.length - MAX_OTHERS} more in the evidence below</li>
          ) : null}
        </ul>
      ) : null}
    </article>
  );
}

export function MetricCards({
  cards,
  filters,
}: {
  cards: readonly MetricCard<FigureRow>[];
  /** The view on screen, so each card's embed shows the same figures. */
  filters: Filters;
}) {
  return (
    <ul className="cards">
      {cards.map((card) => (
        <li key={card.metric}>
          <Card card={card} filters={filters} />
        </li>
      ))}
    </ul>
  );
}
