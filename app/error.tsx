"use client";

/** Shown when a page cannot be rendered, e.g. when the database cannot be reached. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section className="notices" role="alert" aria-labelledby="error-title">
      <h1 id="error-title">The dashboard could not be shown</h1>
      <p>
        Reading the figures failed. If the database is being loaded or restarted, try again in a moment.
        {error.digest ? ` (Error reference ${error.digest}; the server log has the details.)` : ""}
      </p>
      <p>
        <button type="button" onClick={reset}>
          Try again
        </button>
      </p>
    </section>
  );
}
