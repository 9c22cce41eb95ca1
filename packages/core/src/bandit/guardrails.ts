import type { VariantWeight } from '../ports/endpoint-weights.ts';

/** The bounds every shift of weights respects. */
export interface Guardrails {
  /** No variant's share goes below it (a challenger keeps learning; the champion stays warm). */
  minWeight: number;
  maxWeight: number;
  /** The largest change of any one variant's share in one shift. */
  maxStep: number;
  /** The least time between two shifts. */
  cooldownMinutes: number;
}

/** What the guardrails know about the moment. */
export interface GuardContext {
  now: Date;
  /** When the weights last moved. */
  lastShiftAt?: Date;
  /** The endpoint's guardrail alarms now in ALARM. */
  alarmsInAlarm: readonly string[];
}

/** The guarded decision: the weights to set, or why none are. */
export type GuardOutcome =
  | { action: 'shift'; weights: VariantWeight[] }
  | { action: 'hold'; reason: string; weights: VariantWeight[] };

/** A change smaller than this on every variant is not worth an endpoint update. */
export const MATERIAL_CHANGE = 1e-3;

/**
 * Bounds a proposed split by the guardrails. It holds (keeps the current weights) while any
 * guardrail alarm is in ALARM, during the cool-down, when the bounds leave no split, or when the
 * change is immaterial. Otherwise each variant's share is confined to
 * [max(minWeight, current − maxStep), min(maxWeight, current + maxStep)] (a variant outside
 * [minWeight, maxWeight] moves one step towards it), and the result is the closest split to the
 * proposal inside those bounds: wᵢ = clamp(pᵢ + λ) with λ found so the shares sum to 1 (the
 * Euclidean projection onto the bounded simplex).
 *
 * @example
 * ```ts
 * guardWeights(
 *   [{ variant: 'A', weight: 0.5 }, { variant: 'B', weight: 0.5 }],
 *   [{ variant: 'A', weight: 0.9 }, { variant: 'B', weight: 0.1 }],
 *   { minWeight: 0.05, maxWeight: 0.95, maxStep: 0.1, cooldownMinutes: 60 },
 *   { now, alarmsInAlarm: [] },
 * ); // { action: 'shift', weights: [A 0.6, B 0.4] }
 * ```
 */
export function guardWeights(
  current: readonly VariantWeight[],
  proposed: readonly VariantWeight[],
  guard: Guardrails,
  context: GuardContext,
): GuardOutcome {
  const hold = (reason: string): GuardOutcome => ({
    action: 'hold',
    reason,
    weights: current.map((w) => ({ ...w })),
  });
  if (context.alarmsInAlarm.length > 0) {
    return hold(
      `guardrail alarm in ALARM: ${context.alarmsInAlarm.join(', ')}; shifting stops until it clears`,
    );
  }
  if (context.lastShiftAt) {
    const until = context.lastShiftAt.getTime() + guard.cooldownMinutes * 60_000;
    if (context.now.getTime() < until) return hold(`cool-down until ${new Date(until).toISOString()}`);
  }
  const wanted = new Map(proposed.map((p) => [p.variant, p.weight]));
  const bounds = current.map((c) => {
    let lo = Math.max(guard.minWeight, c.weight - guard.maxStep);
    let hi = Math.min(guard.maxWeight, c.weight + guard.maxStep);
    if (lo > hi) {
      const towards = c.weight < guard.minWeight ? c.weight + guard.maxStep : c.weight - guard.maxStep;
      lo = towards;
      hi = towards;
    }
    return { lo, hi, p: wanted.get(c.variant) ?? c.weight };
  });
  const sumLo = bounds.reduce((s, b) => s + b.lo, 0);
  const sumHi = bounds.reduce((s, b) => s + b.hi, 0);
  if (sumLo > 1 + 1e-12 || sumHi < 1 - 1e-12) {
    return hold(
      `the guardrails leave no split summing to 1 (bounds sum to ${sumLo.toFixed(3)}…${sumHi.toFixed(3)}): check minWeight and maxWeight against the number of variants`,
    );
  }
  const total = (lambda: number) => bounds.reduce((s, b) => s + clamp(b.p + lambda, b.lo, b.hi), 0);
  let low = -2;
  let high = 2;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (total(mid) < 1) low = mid;
    else high = mid;
  }
  const lambda = (low + high) / 2;
  const weights = current.map((c, i) => {
    const b = bounds[i]!;
    return { variant: c.variant, weight: round(clamp(b.p + lambda, b.lo, b.hi)) };
  });
  const moved = Math.max(...weights.map((w, i) => Math.abs(w.weight - current[i]!.weight)));
  if (moved < MATERIAL_CHANGE) return hold('the guarded split is the current one (no material change)');
  return { action: 'shift', weights };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
