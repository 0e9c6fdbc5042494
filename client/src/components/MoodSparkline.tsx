import { chronological, type MoodPoint } from '../lib/person';

const WIDTH = 96;
const HEIGHT = 24;

/** The valence of the recent readings as a tiny line (-1 at the bottom, 1 at the top), the latest as a dot. */
export function MoodSparkline({ readings }: { readings: ReadonlyArray<MoodPoint> }) {
  const ordered = chronological(readings);
  if (ordered.length < 2) return null;
  const step = WIDTH / (ordered.length - 1);
  const points = ordered.map((r, i) => {
    const valence = Math.max(-1, Math.min(1, r.valence));
    return [i * step, ((1 - valence) / 2) * (HEIGHT - 4) + 2] as const;
  });
  const [lastX, lastY] = points[points.length - 1] ?? [0, 0];
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Mood over the last ${ordered.length} readings`}
    >
      <line x1={0} x2={WIDTH} y1={HEIGHT / 2} y2={HEIGHT / 2} className="sparkline-zero" />
      <polyline points={points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')} />
      <circle cx={lastX} cy={lastY} r={2.5} />
    </svg>
  );
}
