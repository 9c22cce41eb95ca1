import {
  type DriftFeatureType,
  type DriftInput,
  type DriftMethod,
  type DriftOutcome,
  wrongType,
} from './method.ts';

/**
 * What a method's file says about it; the rest of its `DriftMethod` follows from the kind of
 * value it computes. `compute` sees only inputs of the types the method applies to: the others
 * are answered with `wrongType` before it is called.
 */
export interface DriftMethodSpec<T extends DriftFeatureType> {
  name: string;
  summary: string;
  compute(input: Extract<DriftInput, { type: T }>): DriftOutcome;
  decide?: DriftMethod['decide'];
}

/**
 * A method whose value is a distance between the reference and the window: it drifts above its
 * threshold, 0.1 by default. It says whether it is `guarded` (see `DriftMethod`).
 *
 * @example
 * ```ts
 * const method = distanceMethod(['numerical'], { name: 'mean_shift', summary: '…', guarded: true, compute });
 * method.driftWhen; // 'above'
 * ```
 */
export function distanceMethod<T extends DriftFeatureType>(
  types: readonly T[],
  spec: DriftMethodSpec<T> & { guarded: boolean },
): DriftMethod {
  return driftMethodOf(types, spec, { defaultThreshold: 0.1, driftWhen: 'above', guarded: spec.guarded });
}

/**
 * A method whose value is a test's p-value: it drifts below its threshold, 0.05 by default. A
 * p-value accounts for sample size itself, so the noise guard does not apply.
 *
 * @example
 * ```ts
 * const method = pValueMethod(['categorical'], { name: 'g_test', summary: '…', compute });
 * method.driftWhen; // 'below'
 * ```
 */
export function pValueMethod<T extends DriftFeatureType>(
  types: readonly T[],
  spec: DriftMethodSpec<T>,
): DriftMethod {
  return driftMethodOf(types, spec, { defaultThreshold: 0.05, driftWhen: 'below', guarded: false });
}

function driftMethodOf<T extends DriftFeatureType>(
  types: readonly T[],
  spec: DriftMethodSpec<T>,
  kind: Pick<DriftMethod, 'defaultThreshold' | 'driftWhen' | 'guarded'>,
): DriftMethod {
  const applies = (input: DriftInput): input is Extract<DriftInput, { type: T }> =>
    (types as readonly DriftFeatureType[]).includes(input.type);
  return {
    ...spec,
    types,
    ...kind,
    compute: (input) => (applies(input) ? spec.compute(input) : wrongType(spec.name, input.type)),
  };
}
