import type { FilterNotice } from "@/lib/filters";

/** Says which parts of the link were ignored, so a mistyped link is visibly not the view it asked for. */
export function FilterNotices({ notices }: { notices: readonly FilterNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <section className="notices" role="alert" aria-labelledby="notices-title">
      <h2 id="notices-title">Some filters in the link were ignored</h2>
      <ul>
        {notices.map((n, i) => (
          <li key={`${n.param}-${i}`}>
            <code>{n.param}</code>: {n.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
