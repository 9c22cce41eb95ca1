import { seededRandom } from '../random/seeded-random.ts';
import type { MetricNumber } from './divide.ts';
import type { MetricInputs } from './metric-inputs.ts';
import type { BiasMetric } from './registry.ts';
import type { Cell } from './values.ts';

export { seededRandom } from '../random/seeded-random.ts';

/** How to bootstrap: resample count, two-sided confidence and the seed that makes it repeatable. */
export interface BootstrapOptions {
  readonly resamples: number;
  readonly confidence: number;
  readonly seed: number;
}

/** A percentile interval of one metric. */
export interface BootstrapInterval {
  readonly lower: number;
  readonly upper: number;
}

/**
 * A 32-bit FNV-1a hash, to derive one independent stream per facet from the configured seed.
 *
 * @example
 * ```ts
 * hashText('post_training|sex|F'); // the same 32-bit unsigned integer on every run
 * ```
 */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Percentile bootstrap intervals of several metrics on one facet: each resample draws n rows with
 * replacement and computes every metric on it; a resample on which a metric fails (an empty group)
 * does not count for that metric. FlipTest is left out (its nearest-neighbour search is quadratic).
 * Returns one interval per metric name, absent when no resample produced a value.
 *
 * @example
 * ```ts
 * const intervals = bootstrapIntervals(metrics, { facet, positiveLabel }, { resamples: 500, confidence: 0.95, seed: 1 });
 * intervals.get('DPL'); // { lower: -0.21, upper: 0.04 }
 * ```
 */
export function bootstrapIntervals(
  metrics: readonly BiasMetric[],
  inputs: MetricInputs,
  options: BootstrapOptions,
): Map<string, BootstrapInterval> {
  const eligible = metrics.filter((m) => m.name !== 'FT');
  const samples = new Map<string, number[]>(eligible.map((m) => [m.name, []]));
  const n = inputs.facet.length;
  const random = seededRandom(options.seed);
  const index = new Int32Array(n);
  for (let b = 0; b < options.resamples; b++) {
    for (let i = 0; i < n; i++) index[i] = Math.floor(random() * n);
    const resampled: MetricInputs = {
      facet: pick(inputs.facet, index)!,
      label: pick(inputs.label, index),
      positiveLabel: pick(inputs.positiveLabel, index),
      positivePredictedLabel: pick(inputs.positivePredictedLabel, index),
      groupVariable: pick(inputs.groupVariable, index),
    };
    for (const m of eligible) {
      let value: MetricNumber;
      try {
        value = m.compute(resampled);
      } catch {
        continue;
      }
      const x = Number(value);
      if (!Number.isNaN(x)) samples.get(m.name)!.push(x);
    }
  }
  const alpha = (1 - options.confidence) / 2;
  const intervals = new Map<string, BootstrapInterval>();
  for (const [name, values] of samples) {
    if (values.length === 0) continue;
    values.sort((x, y) => x - y);
    intervals.set(name, { lower: quantile(values, alpha), upper: quantile(values, 1 - alpha) });
  }
  return intervals;
}

function pick<T extends Cell>(values: readonly T[] | undefined, index: Int32Array): T[] | undefined {
  if (!values) return undefined;
  const out = new Array<T>(index.length);
  for (let i = 0; i < index.length; i++) out[i] = values[index[i]!]!;
  return out;
}

/**
 * numpy's default (linear) quantile of sorted values.
 *
 * @example
 * ```ts
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 * ```
 */
export function quantile(sorted: readonly number[], q: number): number {
  const at = q * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.ceil(at);
  const lo = sorted[below]!;
  const hi = sorted[above]!;
  if (lo === hi) return lo;
  return lo + (hi - lo) * (at - below);
}
