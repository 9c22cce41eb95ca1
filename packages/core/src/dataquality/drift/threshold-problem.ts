import { driftMethod } from './registry.ts';

/**
 * Why `threshold` cannot go with `method`, or undefined: a method that compares a p-value (its
 * verdict is "below") needs a threshold of at most 1, or every window would drift.
 *
 * @example
 * ```ts
 * thresholdProblem('ks', 5); // 'ks compares a p-value with its threshold: use a threshold between 0 and 1, got 5'
 * ```
 */
export function thresholdProblem(
  method: string | undefined,
  threshold: number | undefined,
): string | undefined {
  if (method === undefined || threshold === undefined || threshold <= 1) return undefined;
  if (driftMethod(method)?.driftWhen !== 'below') return undefined;
  return `${method} compares a p-value with its threshold: use a threshold between 0 and 1, got ${threshold}`;
}
