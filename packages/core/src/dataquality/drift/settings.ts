import type { DriftFeatureType, DriftMethod } from './method.ts';
import { DEFAULT_DRIFT_METHOD, DRIFT_METHOD_NAMES, driftMethod } from './registry.ts';

/**
 * A method and/or a threshold. Without a method, the type's (or Vigil's default) method is used;
 * without a threshold, the method's default.
 */
export interface DriftMethodChoice {
  method?: string;
  threshold?: number;
}

/**
 * Which method judges which feature: per feature, else per type, else Vigil's default; and
 * whether drift verdicts also go to constraint_violations.json.
 */
export interface DriftSettings {
  numerical?: DriftMethodChoice;
  categorical?: DriftMethodChoice;
  features?: Readonly<Record<string, DriftMethodChoice>>;
  /** Vigil's drift verdicts become baseline_drift_check violations (off: SageMaker's files stay SageMaker's). */
  violations?: boolean;
}

/**
 * The method and threshold that judge one feature, or why none can. The method is the feature's,
 * else its type's, else Vigil's default for the type; the threshold is the feature's, else the
 * type's when the feature did not name its own method, else the method's default.
 *
 * @example
 * ```ts
 * resolveDriftChoice({ features: { f3: { method: 'ks' } } }, 'f3', 'numerical'); // { method: ks, threshold: 0.05 }
 * ```
 */
export function resolveDriftChoice(
  settings: DriftSettings,
  feature: string,
  type: DriftFeatureType,
):
  | { method: DriftMethod; threshold: number }
  | { notComputed: string; methodName: string; threshold: number } {
  const own = settings.features?.[feature];
  const typeChoice = settings[type];
  const name = own?.method ?? typeChoice?.method ?? DEFAULT_DRIFT_METHOD[type];
  const chosenThreshold = own?.threshold ?? (own?.method === undefined ? typeChoice?.threshold : undefined);
  const method = driftMethod(name);
  if (!method) {
    return {
      notComputed: `unknown drift method "${name}": use one of ${DRIFT_METHOD_NAMES.join(', ')}`,
      methodName: name,
      threshold: chosenThreshold ?? Number.NaN,
    };
  }
  const threshold = chosenThreshold ?? method.defaultThreshold;
  if (!method.types.includes(type)) {
    return {
      notComputed: `${method.name} applies to ${method.types.join(' and ')} features, and "${feature}" is ${type}: choose another method for it`,
      methodName: method.name,
      threshold,
    };
  }
  return { method, threshold };
}
