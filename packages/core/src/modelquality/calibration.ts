import { InputError } from '../errors/vigil-error.ts';
import { toJacksonJson } from '../json/jackson.ts';
import { scoreOrder } from './ranking.ts';

/** The baseline file holding the calibration, beside statistics.json and constraints.json. */
export const CALIBRATION_FILE = 'calibration.json';

/**
 * An isotonic (monotone non-decreasing) map from a model's score to the probability that the label
 * is positive, fitted on the baseline: the points of a piecewise-linear function, clipped outside
 * `[thresholds[0], thresholds[last]]` — as scikit-learn's IsotonicRegression(out_of_bounds='clip'),
 * which NannyML's CBPE uses.
 */
export interface Calibration {
  method: 'isotonic';
  itemCount: number;
  thresholds: number[];
  values: number[];
}

/**
 * Fits the calibration by pool-adjacent-violators on (score, label) pairs; only the points where
 * the fitted step function changes are kept, so interpolating between them reproduces it.
 *
 * @example
 * ```ts
 * const calibration = fitIsotonicCalibration([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
 * calibrate(calibration, 0.375); // 0.5 (0.35 and 0.4 pool into one block)
 * ```
 */
export function fitIsotonicCalibration(scores: ArrayLike<number>, labels: ArrayLike<number>): Calibration {
  const descending = scoreOrder(Float64Array.from(scores));
  // Blocks of pooled unique scores: [first score, last score, label sum, weight].
  const blocks: [number, number, number, number][] = [];
  for (let k = descending.length - 1; k >= 0; k--) {
    const i = descending[k] as number;
    const x = scores[i] as number;
    const y = labels[i] as number;
    const last = blocks[blocks.length - 1];
    if (last && last[1] === x) {
      last[2] += y;
      last[3] += 1;
    } else blocks.push([x, x, y, 1]);
    // Pool while the previous block's mean exceeds the last one's.
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1] as [number, number, number, number];
      const a = blocks[blocks.length - 2] as [number, number, number, number];
      if (a[2] / a[3] <= b[2] / b[3]) break;
      blocks.splice(blocks.length - 2, 2, [a[0], b[1], a[2] + b[2], a[3] + b[3]]);
    }
  }
  const thresholds: number[] = [];
  const values: number[] = [];
  for (const [first, last, sum, weight] of blocks) {
    thresholds.push(first);
    values.push(sum / weight);
    if (last !== first) {
      thresholds.push(last);
      values.push(sum / weight);
    }
  }
  return { method: 'isotonic', itemCount: scores.length, thresholds, values };
}

/**
 * The calibrated probability of a score: linear between the fitted points, clipped outside.
 *
 * @example
 * ```ts
 * calibrate({ method: 'isotonic', itemCount: 4, thresholds: [0, 1], values: [0.2, 0.6] }, 0.5); // 0.4
 * ```
 */
export function calibrate(calibration: Calibration, score: number): number {
  const { thresholds, values } = calibration;
  const count = thresholds.length;
  if (count === 0) return Number.NaN;
  if (score <= (thresholds[0] as number)) return values[0] as number;
  if (score >= (thresholds[count - 1] as number)) return values[count - 1] as number;
  let low = 0;
  let high = count - 1;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if ((thresholds[mid] as number) <= score) low = mid;
    else high = mid;
  }
  const x0 = thresholds[low] as number;
  const x1 = thresholds[high] as number;
  const y0 = values[low] as number;
  const y1 = values[high] as number;
  return x1 === x0 ? y1 : y0 + ((score - x0) * (y1 - y0)) / (x1 - x0);
}

/**
 * calibration.json, written beside the baseline's statistics.json (Jackson style like the rest).
 *
 * @example
 * ```ts
 * calibrationJson(calibration); // '{\n  "version" : 0.0,\n  "method" : "isotonic",\n …'
 * ```
 */
export function calibrationJson(calibration: Calibration): string {
  return toJacksonJson({
    version: 0,
    method: calibration.method,
    item_count: BigInt(calibration.itemCount),
    thresholds: calibration.thresholds,
    values: calibration.values,
  });
}

/**
 * Reads calibration.json; throws InputError, naming the fix, when it does not hold a calibration.
 *
 * @example
 * ```ts
 * const calibration = parseCalibration(new TextDecoder().decode(await store.get('baseline/calibration.json')));
 * ```
 */
export function parseCalibration(text: string): Calibration {
  const fix = 'regenerate the baseline with `vigil baseline model-quality --probability-attribute …`';
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(`calibration.json is not valid JSON: ${fix}`, { cause: error });
  }
  const { thresholds, values, method } = document ?? {};
  const numbers = (v: unknown): v is number[] =>
    Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (
    method !== 'isotonic' ||
    !numbers(thresholds) ||
    !numbers(values) ||
    thresholds.length !== values.length
  ) {
    throw new InputError(`calibration.json is not an isotonic calibration: ${fix}`);
  }
  return { method, itemCount: Number(document.item_count ?? 0), thresholds, values };
}
