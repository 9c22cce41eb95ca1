import { crossesThreshold } from '../dataquality/drift/method.ts';
import { DEFAULT_DRIFT_METHOD, driftMethod } from '../dataquality/drift/registry.ts';
import { sampleFromValues } from '../dataquality/drift/weighted-sample.ts';
import { toClassName, toNumber } from '../modelquality/labeled-prediction.ts';
import type { ProblemType } from '../modelquality/problem-type.ts';
import { VariantComparisonError } from './errors.ts';
import type { VariantPrediction } from './predictions.ts';

/** What a variant predicted: scores or values summarised, or classes counted. */
export type PredictionDistribution =
  | {
      type: 'numerical';
      count: number;
      mean: number;
      standardDeviation: number;
      /** The 10th, 25th, 50th, 75th and 90th percentiles (linear interpolation, numpy's default). */
      quantiles: { p10: number; p25: number; p50: number; p75: number; p90: number };
    }
  | { type: 'categorical'; count: number; classes: Record<string, number> };

/** The drift of a variant's predictions from the champion's, by a method of the drift registry. */
export interface PredictionDrift {
  method: string;
  value: number;
  threshold: number;
  drifted: boolean;
}

/**
 * The values a variant's prediction distribution is made of: the positive-class probability of a
 * binary problem when every prediction carries one, the predicted value of a regression, else
 * the predicted class.
 *
 * @example
 * ```ts
 * predictionValues('Regression', [{ id: 'a', prediction: 3.5 }]); // { type: 'numerical', values: [3.5] }
 * ```
 */
export function predictionValues(
  problemType: ProblemType,
  predictions: readonly VariantPrediction[],
): { type: 'numerical'; values: number[] } | { type: 'categorical'; values: string[] } {
  const withProbability = predictions.filter((p) => p.probability !== undefined);
  if (
    problemType === 'BinaryClassification' &&
    withProbability.length === predictions.length &&
    predictions.length > 0
  ) {
    return { type: 'numerical', values: withProbability.map((p) => p.probability as number) };
  }
  if (problemType === 'Regression') {
    const values: number[] = [];
    for (const p of predictions) {
      const n = toNumber(p.prediction);
      if (n !== undefined) values.push(n);
    }
    return { type: 'numerical', values };
  }
  const values: string[] = [];
  for (const p of predictions) {
    const c = toClassName(p.prediction);
    if (c !== undefined) values.push(c);
  }
  return { type: 'categorical', values };
}

/**
 * Summarises prediction values.
 *
 * @example
 * ```ts
 * predictionDistribution({ type: 'categorical', values: ['1', '0', '1'] }); // { type: 'categorical', count: 3, classes: { 0: 1, 1: 2 } }
 * ```
 */
export function predictionDistribution(values: ReturnType<typeof predictionValues>): PredictionDistribution {
  if (values.type === 'categorical') {
    const classes: Record<string, number> = {};
    for (const v of [...values.values].sort()) classes[v] = (classes[v] ?? 0) + 1;
    return { type: 'categorical', count: values.values.length, classes };
  }
  const sorted = Float64Array.from(values.values).sort();
  const n = sorted.length;
  let mean = 0;
  for (const v of sorted) mean += v / n;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) ** 2;
  const q = (p: number) => {
    if (n === 0) return Number.NaN;
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
  };
  return {
    type: 'numerical',
    count: n,
    mean: n ? mean : Number.NaN,
    standardDeviation: n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN,
    quantiles: { p10: q(0.1), p25: q(0.25), p50: q(0.5), p75: q(0.75), p90: q(0.9) },
  };
}

/**
 * The drift of a variant's prediction values from the champion's (the reference), with a method of
 * the drift registry: by default Wasserstein (normed by the champion's standard deviation) for
 * numbers and Jensen–Shannon for classes, at the method's default threshold. The sampling-noise
 * guard of the data-quality monitor is not applied: the value is reported as computed.
 * Undefined when either side is empty or the method cannot compute it.
 *
 * @example
 * ```ts
 * predictionDrift(predictionValues(pt, champion), predictionValues(pt, shadow))?.value;
 * ```
 */
export function predictionDrift(
  reference: ReturnType<typeof predictionValues>,
  current: ReturnType<typeof predictionValues>,
  methodName?: string,
): PredictionDrift | undefined {
  if (reference.type !== current.type || reference.values.length === 0 || current.values.length === 0) {
    return undefined;
  }
  const name = methodName ?? DEFAULT_DRIFT_METHOD[reference.type];
  const method = driftMethod(name);
  if (!method)
    throw new VariantComparisonError(`Unknown drift method "${name}": use one of the drift registry's`);
  if (!method.types.includes(reference.type)) return undefined;
  let outcome: ReturnType<typeof method.compute>;
  if (reference.type === 'categorical') {
    const counts = (values: readonly string[]) => {
      const map = new Map<string, number>();
      for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
      return map;
    };
    outcome = method.compute({
      type: 'categorical',
      reference: counts(reference.values),
      current: counts(current.values as string[]),
    });
  } else {
    const values = reference.values;
    let mean = 0;
    for (const v of values) mean += v / values.length;
    let ss = 0;
    for (const v of values) ss += (v - mean) ** 2;
    outcome = method.compute({
      type: 'numerical',
      reference: sampleFromValues(values),
      current: sampleFromValues(current.values as number[]),
      referenceStd: Math.sqrt(ss / values.length),
    });
  }
  if ('notComputed' in outcome) return undefined;
  const threshold = method.defaultThreshold;
  return {
    method: method.name,
    value: outcome.value,
    threshold,
    drifted: crossesThreshold(method, outcome, threshold),
  };
}

/** How often a shadow agreed with the champion on the same requests. */
export interface ShadowAgreement {
  /** Requests both answered (joined on inferenceId, else eventId). */
  pairs: number;
  /** Share of pairs with the same prediction (same class; for numbers, within 1e-9 relative). */
  agreementRate: number;
  /** Mean |shadow − champion| of numeric predictions (regression, or binary scores). */
  meanAbsoluteDifference?: number;
}

/**
 * The agreement of a shadow variant with the champion on the requests both served. SageMaker
 * copies each request to the shadow; the two capture records share the request's inferenceId when
 * the caller set one, which is what pairs them (else the eventId, when a capture setup keeps it).
 *
 * @example
 * ```ts
 * shadowAgreement(championPredictions, shadowPredictions); // { pairs: 1200, agreementRate: 0.97, … }
 * ```
 */
export function shadowAgreement(
  champion: readonly VariantPrediction[],
  shadow: readonly VariantPrediction[],
): ShadowAgreement {
  const byId = new Map<string, VariantPrediction>();
  for (const p of champion) byId.set(p.id, p);
  let pairs = 0;
  let agree = 0;
  let numeric = 0;
  let absDiff = 0;
  for (const s of shadow) {
    const c = byId.get(s.id);
    if (!c) continue;
    pairs++;
    const a = toNumber(c.prediction);
    const b = toNumber(s.prediction);
    if (a !== undefined && b !== undefined) {
      if (Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))) agree++;
    } else if (
      toClassName(c.prediction) !== undefined &&
      toClassName(c.prediction) === toClassName(s.prediction)
    ) {
      agree++;
    }
    const sa = c.probability ?? a;
    const sb = s.probability ?? b;
    if (sa !== undefined && sb !== undefined) {
      numeric++;
      absDiff += Math.abs(sb - sa);
    }
  }
  const result: ShadowAgreement = { pairs, agreementRate: pairs ? agree / pairs : Number.NaN };
  if (numeric > 0) result.meanAbsoluteDifference = absDiff / numeric;
  return result;
}
