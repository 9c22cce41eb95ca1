import { ksPValue, ksStatistic } from './kolmogorov.ts';
import { type DriftMethod, wrongType } from './method.ts';

/**
 * Smallest KS statistic D that counts as drift, whatever the p-value: with a million rows a
 * 0.02σ shift (D ≈ 0.008) is significant but not worth an alarm; a 0.2σ shift gives D ≈ 0.08.
 */
export const KS_EFFECT_FLOOR = 0.05;

/**
 * Two-sample Kolmogorov–Smirnov test: the value is the asymptotic p-value of D = sup |F_ref − F_cur|
 * (drift below the threshold, 0.05), and D must also reach KS_EFFECT_FLOOR.
 */
export const kolmogorovSmirnov: DriftMethod = {
  name: 'ks',
  summary: `Kolmogorov–Smirnov p-value (drift below threshold) with D ≥ ${KS_EFFECT_FLOOR} so huge windows do not flag trivia`,
  types: ['numerical'],
  defaultThreshold: 0.05,
  driftWhen: 'below',
  guarded: false,
  compute(input) {
    if (input.type !== 'numerical') return wrongType('ks', input.type);
    const d = ksStatistic(input.reference, input.current);
    return { value: ksPValue(d, input.reference.total, input.current.total), effect: d };
  },
  decide(outcome, threshold) {
    return outcome.value < threshold && (outcome.effect ?? 0) >= KS_EFFECT_FLOOR;
  },
};
