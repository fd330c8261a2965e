import Link from "next/link";
export interface RegionLink {
  code: string;
  name: string;
  figureCount?: number;
}

/** Where a region sits (country → admin1 → district) and the places below it that hold figures. */
export function RegionNav({ path, below }: { path: readonly RegionLink[]; below: readonly RegionLink[] }) {
  return (
    <>
      <nav className="breadcrumbs" aria-label="Region">
        <ol>
          <li>
            <Link href="/">All places</Link>
          </li>
          {path.map((r, i) => (
            <li key={r.code}>
              {i === path.length - 1 ? (
                <span aria-current="page">{r.name}</span>
              ) : (
                <Link href={`/regions/${r.code}`}>{r.name}</Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {below.length > 0 ? (
        <nav aria-label="Places below">
          <p>
            Places below with figures:{" "}
            {below.map((r, i) => (
              <span key={r.code}>
                {i > 0 ? " · " : ""}
                <Link href={`/regions/${r.code}`}>
                  {r.name} ({r.figureCount})
                </Link>
              </span>
            ))}
          </p>
        </nav>
      ) : null}
    </>
  );
}
