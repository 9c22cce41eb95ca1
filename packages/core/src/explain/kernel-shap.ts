import type { ModelInvoker, ModelRecord, ModelValue } from '../ports/model-invoker.ts';
import { type CoalitionPlan, coalitionCount, planCoalitions } from './coalitions.ts';
import { weightedLeastSquares } from './least-squares.ts';
import { linkFor } from './link.ts';
import { seededRandom } from './prng.ts';

/** The rows absent features are drawn from, with their weights (k-means cluster sizes, or 1 each). */
export interface Background {
  rows: readonly ModelRecord[];
  /** Relative weights, one per row; normalized to sum 1. Defaults to equal weights. */
  weights?: readonly number[];
}

export interface KernelShapOptions {
  /** Coalitions per instance; default min(2M + 2048, 2^M − 2) (Clarify's num_samples). */
  numSamples?: number;
  /** Attribute log-odds instead of the model's output (Clarify's use_logit). */
  useLogit?: boolean;
  /** Seed of the coalition sampler; only matters above 11 features. Default 0. */
  seed?: number;
  /** Synthetic rows handed to the invoker per call (instances are grouped up to this). Default 100,000. */
  rowsPerCall?: number;
}

/** Attributions of a set of instances. */
export interface KernelShapResult {
  /** link(Σ_b w_b f(b)), one per model output (label). */
  expectedValues: number[];
  /** local[i][d][j]: attribution of feature j to output d of instance i. */
  local: number[][][];
  /** f(x) of every instance, before the link. */
  outputs: number[][];
  /** Synthetic rows scored (coalitions × background rows, plus the instances and the background). */
  rowsScored: number;
}

/**
 * KernelSHAP as shap's KernelExplainer and SageMaker Clarify compute it: for each instance, the
 * varying features' coalitions are planned (exact enumeration up to 11 features by default),
 * each coalition is scored over the weighted background, and the SHAP values solve the
 * kernel-weighted least-squares problem with the efficiency constraint
 * Σ_j φ_j = link(f(x)) − link(E_b f(b)).
 *
 * @example
 * ```ts
 * const invoker = functionInvoker((x) => 2 * Number(x[0]) - Number(x[1]));
 * const result = await kernelShap(invoker, [[1, 1]], { rows: [[0, 0]] });
 * // result.local[0][0] = [2, -1], result.expectedValues = [0]
 * ```
 */
export async function kernelShap(
  invoker: ModelInvoker,
  instances: readonly ModelRecord[],
  background: Background,
  options: KernelShapOptions = {},
): Promise<KernelShapResult> {
  const link = linkFor(options.useLogit ?? false);
  const bgRows = background.rows;
  const bgWeights = normalizedWeights(bgRows.length, background.weights);
  const random = seededRandom(options.seed ?? 0);
  const rowsPerCall = options.rowsPerCall ?? 100_000;

  const scored = await invoker.invoke([...bgRows, ...instances]);
  const labelCount = scored[0]?.length ?? 0;
  const fnull = new Array<number>(labelCount).fill(0);
  for (let b = 0; b < bgRows.length; b++) {
    for (let d = 0; d < labelCount; d++) fnull[d]! += bgWeights[b]! * scored[b]![d]!;
  }
  const outputs = scored.slice(bgRows.length);
  const expectedValues = fnull.map(link);
  let rowsScored = scored.length;

  const local: number[][][] = new Array(instances.length);
  let group: PendingInstance[] = [];
  let groupRows = 0;
  const flush = async (): Promise<void> => {
    if (group.length === 0) return;
    const synthetic: ModelRecord[] = [];
    for (const pending of group) synthetic.push(...syntheticRows(pending, bgRows));
    const results = await invoker.invoke(synthetic);
    rowsScored += synthetic.length;
    let offset = 0;
    for (const pending of group) {
      const count = pending.plan.masks.length * bgRows.length;
      const ey = averageOverBackground(results, offset, pending.plan.masks.length, bgWeights, labelCount);
      offset += count;
      const totals = attributionTotals(outputs[pending.index]!, expectedValues, link);
      local[pending.index] = solveInstance(pending, ey, totals, expectedValues, link);
    }
    group = [];
    groupRows = 0;
  };

  for (let i = 0; i < instances.length; i++) {
    const x = instances[i]!;
    const varying = varyingFeatures(x, bgRows);
    const m = varying.length;
    if (m <= 1) {
      local[i] = singleFeature(x.length, varying, attributionTotals(outputs[i]!, expectedValues, link));
      continue;
    }
    const plan = planCoalitions(m, coalitionCount(m, options.numSamples), random);
    const rows = plan.masks.length * bgRows.length;
    if (groupRows > 0 && groupRows + rows > rowsPerCall) await flush();
    group.push({ index: i, x, varying, plan });
    groupRows += rows;
  }
  await flush();
  return { expectedValues, local, outputs, rowsScored };
}

interface PendingInstance {
  index: number;
  x: ModelRecord;
  varying: number[];
  plan: CoalitionPlan;
}

/** Features whose instance value differs from at least one background row (shap's varying groups). */
export function varyingFeatures(x: ModelRecord, background: readonly ModelRecord[]): number[] {
  const varying: number[] = [];
  for (let j = 0; j < x.length; j++) {
    if (background.some((row) => !sameValue(x[j]!, row[j]!))) varying.push(j);
  }
  return varying;
}

// numpy.isclose(a, b, equal_nan=True) for numbers (rtol 1e-5, atol 1e-8); equality otherwise.
function sameValue(a: ModelValue, b: ModelValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
  }
  return a === b;
}

function normalizedWeights(count: number, weights?: readonly number[]): number[] {
  const raw = weights && weights.length === count ? weights : new Array<number>(count).fill(1);
  const total = raw.reduce((s, w) => s + w, 0);
  return raw.map((w) => w / total);
}

function syntheticRows(pending: PendingInstance, background: readonly ModelRecord[]): ModelRecord[] {
  const rows: ModelRecord[] = [];
  for (const mask of pending.plan.masks) {
    for (const bg of background) {
      const row = bg.slice();
      for (let k = 0; k < pending.varying.length; k++) {
        if (mask[k] === 1) {
          const j = pending.varying[k]!;
          row[j] = pending.x[j]!;
        }
      }
      rows.push(row);
    }
  }
  return rows;
}

function averageOverBackground(
  results: number[][],
  offset: number,
  coalitions: number,
  weights: readonly number[],
  labelCount: number,
): Float64Array[] {
  const ey = Array.from({ length: labelCount }, () => new Float64Array(coalitions));
  const n = weights.length;
  for (let k = 0; k < coalitions; k++) {
    for (let b = 0; b < n; b++) {
      const out = results[offset + k * n + b]!;
      for (let d = 0; d < labelCount; d++) ey[d]![k]! += weights[b]! * out[d]!;
    }
  }
  return ey;
}

/**
 * Per model output, what an instance's attributions add up to: link(f(x)) − link(E_b f(b)), the
 * expected value `expectedValues[d]` being already linked.
 */
function attributionTotals(
  fx: readonly number[],
  expectedValues: readonly number[],
  link: (p: number) => number,
): number[] {
  return fx.map((out, d) => link(out) - expectedValues[d]!);
}

function solveInstance(
  pending: PendingInstance,
  ey: Float64Array[],
  totals: readonly number[],
  expectedValues: readonly number[],
  link: (p: number) => number,
): number[][] {
  const { masks, weights } = pending.plan;
  const m = pending.varying.length;
  const last = m - 1;
  // Eliminate the last feature with the efficiency constraint: φ_last = Δ − Σ φ_others.
  const design = masks.map((mask) => {
    const row = new Float64Array(last);
    for (let j = 0; j < last; j++) row[j] = mask[j]! - mask[last]!;
    return row;
  });
  return totals.map((delta, d) => {
    const base = expectedValues[d]!;
    const y = masks.map((mask, k) => link(ey[d]![k]!) - base - mask[last]! * delta);
    const beta = weightedLeastSquares(design, y, weights);
    const phi = new Array<number>(pending.x.length).fill(0);
    let sum = 0;
    for (let j = 0; j < last; j++) {
      phi[pending.varying[j]!] = beta[j]!;
      sum += beta[j]!;
    }
    phi[pending.varying[last]!] = delta - sum;
    return phi.map((v) => (Math.abs(v) < 1e-10 ? 0 : v));
  });
}

function singleFeature(featureCount: number, varying: number[], totals: readonly number[]): number[][] {
  return totals.map((total) => {
    const phi = new Array<number>(featureCount).fill(0);
    if (varying.length === 1) phi[varying[0]!] = total;
    return phi;
  });
}
