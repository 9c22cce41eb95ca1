import { coalitionCount } from './coalitions.ts';

/** What one explanation run will cost in model calls, planned before any call is made. */
export interface ExplanationCostPlan {
  /** Records the configuration asked to explain (capped by what the window holds). */
  requestedRecords: number;
  /** Records that will be explained: fewer than requested when the budget says so. */
  records: number;
  coalitionsPerRecord: number;
  backgroundRows: number;
  /** records × coalitions: the model invocations the budget bounds. */
  invocations: number;
  /** Rows the model scores: invocations × background rows, plus the records and the background. */
  predictions: number;
  budget: number;
  /** True when the budget reduced the records. */
  reduced: boolean;
}

/**
 * Plans the model calls of a KernelSHAP run: `records × coalitions` invocations, each scoring
 * one synthetic row per background row. When that exceeds the budget, fewer records are explained
 * (at least one) instead of failing.
 *
 * @example
 * ```ts
 * planExplanationCost({ records: 100, featureCount: 10, backgroundRows: 1, budget: 50_000 });
 * // { records: 48, coalitionsPerRecord: 1022, invocations: 49056, reduced: true, ... }
 * ```
 */
export function planExplanationCost(input: {
  records: number;
  featureCount: number;
  backgroundRows: number;
  budget: number;
  numSamples?: number;
}): ExplanationCostPlan {
  const coalitions = Math.max(coalitionCount(input.featureCount, input.numSamples), 1);
  const affordable = Math.max(1, Math.floor(input.budget / coalitions));
  const records = Math.min(input.records, affordable);
  const invocations = records * coalitions;
  return {
    requestedRecords: input.records,
    records,
    coalitionsPerRecord: coalitions,
    backgroundRows: input.backgroundRows,
    invocations,
    predictions: invocations * input.backgroundRows + records + input.backgroundRows,
    budget: input.budget,
    reduced: records < input.records,
  };
}

/** One line for logs and the CLI: what will be called, and whether the budget cut the sample. */
export function describeCostPlan(plan: ExplanationCostPlan): string {
  const base = `Plan: ${plan.records} records × ${plan.coalitionsPerRecord} coalitions = ${plan.invocations} model invocations (${plan.predictions} rows scored with ${plan.backgroundRows} baseline rows), budget ${plan.budget}`;
  return plan.reduced
    ? `${base}; over budget with ${plan.requestedRecords} records, so ${plan.records} are sampled instead`
    : base;
}
