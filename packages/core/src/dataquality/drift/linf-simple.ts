import { simpleLInfinity } from './linf.ts';
import { distanceMethod } from './method-kinds.ts';

/** SageMaker's L∞ distance with comparison_method Simple: no small-sample correction. */
export const lInfinitySimple = distanceMethod(['numerical', 'categorical'], {
  name: 'linf_simple',
  summary: "SageMaker's L∞ distance, Simple (uncorrected)",
  guarded: true,
  compute(input) {
    return { value: simpleLInfinity(input).value };
  },
});
