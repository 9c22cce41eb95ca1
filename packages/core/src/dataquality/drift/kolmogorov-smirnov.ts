import { ksPValue, ksStatistic } from './kolmogorov.ts';
import { pValueMethod } from './method-kinds.ts';

/**
 * Smallest KS statistic D that counts as drift, whatever the p-value: with a million rows a
 * 0.02σ shift (D ≈ 0.008) is significant but not worth an alarm; a 0.2σ shift gives D ≈ 0.08.
 */
export const KS_EFFECT_FLOOR = 0.05;

/**
 * Two-sample Kolmogorov–Smirnov test: the value is the asymptotic p-value of D = sup |F_ref − F_cur|
 * (drift below the threshold, 0.05), and D must also reach KS_EFFECT_FLOOR.
 */
export const kolmogorovSmirnov = pValueMethod(['numerical'], {
  name: 'ks',
  summary: `Kolmogorov–Smirnov p-value (drift below threshold) with D ≥ ${KS_EFFECT_FLOOR} so huge windows do not flag trivia`,
  compute(input) {
    const d = ksStatistic(input.reference, input.current);
    return { value: ksPValue(d, input.reference.total, input.current.total), effect: d };
  },
  decide(outcome, threshold) {
    return outcome.value < threshold && (outcome.effect ?? 0) >= KS_EFFECT_FLOOR;
  },
});
