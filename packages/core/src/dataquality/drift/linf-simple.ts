import { simpleLInfinity } from './linf.ts';
import type { DriftMethod } from './method.ts';

/** SageMaker's L∞ distance with comparison_method Simple: no small-sample correction. */
export const lInfinitySimple: DriftMethod = {
  name: 'linf_simple',
  summary: "SageMaker's L∞ distance, Simple (uncorrected)",
  types: ['numerical', 'categorical'],
  defaultThreshold: 0.1,
  driftWhen: 'above',
  guarded: true,
  compute(input) {
    return { value: simpleLInfinity(input).value };
  },
};
