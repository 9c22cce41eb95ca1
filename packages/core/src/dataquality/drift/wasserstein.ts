import { distanceMethod } from './method-kinds.ts';
import { walkCdfs } from './weighted-sample.ts';

/**
 * Wasserstein-1 distance (earth mover's distance, ∫ |F_ref − F_cur| dx) divided by the
 * reference's standard deviation: how far, in reference standard deviations, the window's mass
 * moved. A mean shift of 0.2σ gives 0.2. Evidently's and Azure ML's default for numbers (0.1).
 */
export const wasserstein = distanceMethod(['numerical'], {
  name: 'wasserstein',
  summary: 'Wasserstein distance / reference std: how many reference σ the mass moved (0.2 = 0.2σ shift)',
  guarded: true,
  compute(input) {
    if (!(input.referenceStd > 0))
      return {
        notComputed: 'the reference is constant (standard deviation 0): use linf or psi for this feature',
      };
    let area = 0;
    walkCdfs(input.reference, input.current, (x, fa, fb, next) => {
      if (Number.isFinite(next)) area += Math.abs(fa - fb) * (next - x);
    });
    return { value: area / input.referenceStd };
  },
});
