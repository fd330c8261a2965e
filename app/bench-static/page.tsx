// A page with no data, rendered once at build time: npm run bench measures the dashboard's routes beside it.
export const dynamic = "force-static";

export default function BenchStaticPage() {
  return (
    <main>
      <h1>Static baseline</h1>
      <p>A page Next.js serves from its build, for npm run bench to compare the dashboard with.</p>
    </main>
  );
}
