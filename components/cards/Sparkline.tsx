import { formatDate, formatNumber } from "@/lib/format";
import type { SparkPoint } from "@/lib/series";

const WIDTH = 120;
const HEIGHT = 32;

/** A tiny line of earlier comparable figures; its text alternative lists every point. */
export function Sparkline({ points, label }: { points: readonly SparkPoint[]; label: string }) {
  if (points.length < 2) return null;
  const values = points.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const coords = points.map((p, i) => {
    const x = (i / (points.length - 1)) * (WIDTH - 4) + 2;
    const y = HEIGHT - 2 - ((p.value - min) / span) * (HEIGHT - 4);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const description = `${label}: ${points.map((p) => `${formatNumber(p.value)} on ${formatDate(p.date)}`).join(", ")}`;
  return (
    <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={description}>
      <title>{description}</title>
      <polyline points={coords.join(" ")} fill="none" stroke="currentColor" strokeWidth={2} />
    </svg>
  );
}
