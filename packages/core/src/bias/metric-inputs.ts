import { BiasMetricError } from './errors.ts';
import type { Cell } from './values.ts';

/** The numeric feature matrix FlipTest runs its nearest-neighbour search on. */
export interface FeatureMatrix {
  readonly columns: readonly string[];
  /** One row per dataset row; `null` in a column that is not numeric or bool. */
  readonly rows: readonly (readonly number[])[];
  /** Names of the columns that are neither numeric nor bool (FlipTest refuses them). */
  readonly nonNumericColumns: readonly string[];
}

/**
 * What the metric functions take, as smclarify's `call_metric` hands it out. Every array has one
 * entry per dataset row.
 */
export interface MetricInputs {
  /** `sensitive_facet_index`: true for the rows of facet d (the selected values). */
  readonly facet: readonly boolean[];
  /** The column whose distribution KL/JS/LP/TVD/KS compare; the report passes `positiveLabel`. */
  readonly label?: readonly Cell[];
  readonly positiveLabel?: readonly boolean[];
  readonly positivePredictedLabel?: readonly boolean[];
  readonly groupVariable?: readonly Cell[];
  readonly features?: FeatureMatrix;
}

/**
 * A required input, or the error smclarify would raise on a missing argument.
 *
 * @example
 * ```ts
 * const label = need(inputs.positiveLabel, 'positive_label_index'); // or BiasMetricError
 * ```
 */
export function need<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new BiasMetricError(`${name} is required for this metric`);
  return value;
}

/**
 * n_a and n_d: the sizes of facet a (not selected) and facet d (selected).
 *
 * @example
 * ```ts
 * facetSizes([true, false, false]); // { na: 2, nd: 1 }
 * ```
 */
export function facetSizes(facet: readonly boolean[]): { na: number; nd: number } {
  let nd = 0;
  for (const f of facet) if (f) nd++;
  return { na: facet.length - nd, nd };
}

/** Confusion-matrix counts of one facet side. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/**
 * TP/FP/FN/TN of facet a and of facet d.
 *
 * @example
 * ```ts
 * confusionByFacet([false, true], [true, true], [true, false]);
 * // { a: { tp: 1, fp: 0, fn: 0, tn: 0 }, d: { tp: 0, fp: 0, fn: 1, tn: 0 } }
 * ```
 */
export function confusionByFacet(
  facet: readonly boolean[],
  label: readonly boolean[],
  predicted: readonly boolean[],
): { a: Confusion; d: Confusion } {
  // A loop, not arquero's groupby().count() (50–70× slower): every metric of every bootstrap
  // resample calls this.
  const a: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const d: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < facet.length; i++) {
    const side = facet[i] ? d : a;
    if (label[i]) {
      if (predicted[i]) side.tp++;
      else side.fn++;
    } else if (predicted[i]) side.fp++;
    else side.tn++;
  }
  return { a, d };
}
