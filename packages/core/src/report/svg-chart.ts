import { escapeHtml } from '../escape/html.ts';
import type { CategoricalBucket, KllBucket } from './statistics-shape.ts';

const WIDTH = 520;
const HEIGHT = 180;
const PAD = 30;
const BASELINE_COLOR = '#6b7280';
const CURRENT_COLOR = '#dc2626';

/**
 * Overlaid histograms of a numeric feature: baseline and current KLL buckets drawn as densities
 * on a common axis (each file's buckets span its own min–max, so raw counts are not comparable).
 *
 * @example
 * ```ts
 * const svg = numericChart(baselineBuckets, currentBuckets);
 * ```
 */
export function numericChart(baseline: readonly KllBucket[], current: readonly KllBucket[]): string {
  const all = [...baseline, ...current];
  const lo = Math.min(...all.map((b) => b.lower_bound));
  const hi = Math.max(...all.map((b) => b.upper_bound));
  const span = hi - lo || 1;
  const densities = (buckets: readonly KllBucket[]) => {
    const total = buckets.reduce((s, b) => s + b.count, 0) || 1;
    return buckets.map((b) => ({
      ...b,
      density: b.count / total / Math.max(b.upper_bound - b.lower_bound, span / 1000),
    }));
  };
  const series = [densities(baseline), densities(current)];
  const top = Math.max(...series.flat().map((b) => b.density)) || 1;
  const x = (v: number) => PAD + ((v - lo) / span) * (WIDTH - 2 * PAD);
  const y = (d: number) => HEIGHT - PAD - (d / top) * (HEIGHT - 2 * PAD);
  const bars = series.flatMap((buckets, i) =>
    buckets.map((b) => {
      const color = i === 0 ? BASELINE_COLOR : CURRENT_COLOR;
      const width = Math.max(x(b.upper_bound) - x(b.lower_bound), 1);
      return `<rect x="${fmt(x(b.lower_bound))}" y="${fmt(y(b.density))}" width="${fmt(width)}" height="${fmt(HEIGHT - PAD - y(b.density))}" fill="${color}" fill-opacity="0.45" stroke="${color}"/>`;
    }),
  );
  const axis = `<text x="${PAD}" y="${HEIGHT - 8}" font-size="11">${escapeHtml(short(lo))}</text><text x="${WIDTH - PAD}" y="${HEIGHT - 8}" font-size="11" text-anchor="end">${escapeHtml(short(hi))}</text>`;
  return frame(`${bars.join('')}${axis}`);
}

/**
 * Side-by-side bars of category frequencies, baseline against current.
 *
 * @example
 * ```ts
 * const svg = categoricalChart([{ value: 'sun', count: 30 }], [{ value: 'sun', count: 90 }]);
 * ```
 */
export function categoricalChart(
  baseline: readonly CategoricalBucket[],
  current: readonly CategoricalBucket[],
): string {
  const share = (buckets: readonly CategoricalBucket[]) => {
    const total = buckets.reduce((s, b) => s + b.count, 0) || 1;
    return new Map(buckets.map((b) => [b.value, b.count / total]));
  };
  const [base, cur] = [share(baseline), share(current)];
  const values = [...new Set([...base.keys(), ...cur.keys()])].slice(0, 24);
  const top = Math.max(...base.values(), ...cur.values(), 0.0001);
  const slot = (WIDTH - 2 * PAD) / Math.max(values.length, 1);
  const bar = (value: number, i: number, offset: number, color: string) => {
    const h = (value / top) * (HEIGHT - 2 * PAD - 10);
    return `<rect x="${fmt(PAD + i * slot + offset)}" y="${fmt(HEIGHT - PAD - h)}" width="${fmt(slot * 0.4)}" height="${fmt(h)}" fill="${color}"/>`;
  };
  const parts = values.flatMap((v, i) => [
    bar(base.get(v) ?? 0, i, slot * 0.1, BASELINE_COLOR),
    bar(cur.get(v) ?? 0, i, slot * 0.5, CURRENT_COLOR),
    `<text x="${fmt(PAD + i * slot + slot / 2)}" y="${HEIGHT - 10}" font-size="11" text-anchor="middle">${escapeHtml(v.slice(0, 12))}</text>`,
  ]);
  return frame(parts.join(''));
}

function frame(body: string): string {
  const legend = `<rect x="${WIDTH - 170}" y="6" width="10" height="10" fill="${BASELINE_COLOR}"/><text x="${WIDTH - 155}" y="15" font-size="11">baseline</text><rect x="${WIDTH - 90}" y="6" width="10" height="10" fill="${CURRENT_COLOR}"/><text x="${WIDTH - 75}" y="15" font-size="11">current</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img">${body}${legend}<line x1="${PAD}" y1="${HEIGHT - PAD}" x2="${WIDTH - PAD}" y2="${HEIGHT - PAD}" stroke="#111"/></svg>`;
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();
const short = (n: number) =>
  Math.abs(n) >= 1e5 || (Math.abs(n) < 1e-2 && n !== 0)
    ? n.toExponential(2)
    : String(Math.round(n * 100) / 100);
