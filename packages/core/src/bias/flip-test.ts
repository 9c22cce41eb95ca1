import { divide } from './divide.ts';
import { BiasMetricError } from './errors.ts';
import { facetSizes, type MetricInputs, need } from './metric-inputs.ts';

// smclarify's FT_DEFAULT_NEIGHBOR, FT_MIN_NEIGHBOR and FT_SAMPLES_COUNT_THRESHOLD.
const DEFAULT_NEIGHBORS = 5;
const MIN_NEIGHBORS = 1;
const SAMPLES_COUNT_THRESHOLD = 9;
/**
 * Vigil's bound on the brute-force neighbour search (row pairs × features), about a minute of
 * work: beyond it FT fails on its own, with the fix in the message, instead of timing the run out.
 */
export const FLIP_TEST_WORK_LIMIT = 2e9;

/**
 * FlipTest: a k-nearest-neighbour classifier fitted on facet a (features → the model's
 * predictions) predicts every facet-d row. FT = (FS⁺ − FS⁻) / n_d, where FS⁺ counts the d rows the
 * model calls positive and their neighbours negative, FS⁻ the reverse. k = 5 when facet a has more than 9 rows, else 1. Neighbours are
 * ordered by Euclidean distance, ties by row order (a stable sort), which reproduced every
 * smclarify oracle; scikit-learn's kd-tree may break heavy ties differently.
 *
 * @example
 * ```ts
 * flipTest({ facet: [false, true], positivePredictedLabel: [true, false],
 *   features: { columns: ['x'], rows: [[0], [0]], nonNumericColumns: [] } }); // -1
 * ```
 */
export function flipTest(inputs: MetricInputs): number {
  const predicted = need(inputs.positivePredictedLabel, 'positive_predicted_label_index');
  const features = need(inputs.features, 'df');
  const { na, nd } = facetSizes(inputs.facet);
  if (nd === 0) throw new BiasMetricError('Facet set is empty');
  if (na === 0) throw new BiasMetricError('Negated Facet set is empty');
  if (features.nonNumericColumns.length > 0)
    throw new BiasMetricError('FlipTest does not support non-numeric columns');
  if (features.columns.length === 0)
    throw new BiasMetricError('FlipTest needs at least one feature column besides the facet and the labels');
  const work = na * nd * features.columns.length;
  if (work > FLIP_TEST_WORK_LIMIT)
    throw new BiasMetricError(
      `FlipTest would compare ${na} × ${nd} rows over ${features.columns.length} features, more than Vigil computes in one run: analyse a sample, or leave FT out of the methods`,
    );
  const aRows: number[] = [];
  const dRows: number[] = [];
  inputs.facet.forEach((d, i) => {
    (d ? dRows : aRows).push(i);
  });
  for (const row of features.rows)
    if (row.some((v) => Number.isNaN(v))) throw new BiasMetricError('Input X contains NaN.');

  const k = na > SAMPLES_COUNT_THRESHOLD ? DEFAULT_NEIGHBORS : MIN_NEIGHBORS;
  let flippedPositive = 0;
  let flippedNegative = 0;
  for (const i of dRows) {
    const votes = nearestVotes(features.rows, aRows, features.rows[i]!, predicted, k);
    const neighbours = votes * 2 > k;
    const model = predicted[i]!;
    if (model && !neighbours) flippedPositive++;
    if (!model && neighbours) flippedNegative++;
  }
  return divide(flippedPositive - flippedNegative, nd);
}

/**
 * How many of the k nearest facet-a rows the model predicted positive. A row replaces a kept
 * neighbour only when strictly closer, so among equal distances the earlier row wins.
 */
function nearestVotes(
  rows: readonly (readonly number[])[],
  candidates: readonly number[],
  x: readonly number[],
  predicted: readonly boolean[],
  k: number,
): number {
  const bestDistance: number[] = [];
  const bestRow: number[] = [];
  for (const j of candidates) {
    const y = rows[j]!;
    let distance = 0;
    for (let c = 0; c < x.length; c++) distance += (x[c]! - y[c]!) ** 2;
    if (bestDistance.length === k && distance >= bestDistance[k - 1]!) continue;
    let at = bestDistance.length;
    while (at > 0 && bestDistance[at - 1]! > distance) at--;
    bestDistance.splice(at, 0, distance);
    bestRow.splice(at, 0, j);
    if (bestDistance.length > k) {
      bestDistance.pop();
      bestRow.pop();
    }
  }
  let votes = 0;
  for (const j of bestRow) if (predicted[j]) votes++;
  return votes;
}
