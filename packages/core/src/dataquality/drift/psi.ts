import { binShares, EMPTY_BIN_SHARE, referenceQuantileEdges } from './binning.ts';
import { distanceMethod } from './method-kinds.ts';

/**
 * Population Stability Index over the reference's decile bins: Σ (c − r) ln(c / r), an empty
 * bin's share taken as 1e-4. The credit-scoring convention reads < 0.1 as stable, 0.1–0.25 as a
 * moderate shift and > 0.25 as a major one; a 0.2σ mean shift gives about 0.04.
 */
export const psi = distanceMethod(['numerical'], {
  name: 'psi',
  summary: 'Population Stability Index over reference deciles (0.1 moderate, 0.25 major shift)',
  guarded: true,
  compute(input) {
    const edges = referenceQuantileEdges(input.reference);
    const reference = binShares(input.reference, edges);
    const current = binShares(input.current, edges);
    let value = 0;
    reference.forEach((r, i) => {
      const ri = r > 0 ? r : EMPTY_BIN_SHARE;
      const ci = (current[i] ?? 0) > 0 ? (current[i] as number) : EMPTY_BIN_SHARE;
      value += (ci - ri) * Math.log(ci / ri);
    });
    return { value };
  },
});
