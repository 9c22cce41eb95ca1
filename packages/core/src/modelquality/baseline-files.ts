import { ObjectNotFoundError } from '../errors/vigil-error.ts';
import { joinKey } from '../layout/keys.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { CALIBRATION_FILE, type Calibration, parseCalibration } from './calibration.ts';
import { type ModelQualityConstraints, parseConstraints } from './constraints.ts';

/** What a monitor run takes from a model-quality baseline folder. */
export interface LoadedBaseline {
  constraints: ModelQualityConstraints;
  /** Constraints left out because they did not parse (named, so the run can report them). */
  ignoredConstraints: string[];
  /** Present when the baseline was made with probabilities (binary): enables the estimate. */
  calibration?: Calibration;
  /** Why the calibration could not be used, when the file exists but does not parse. */
  calibrationProblem?: string;
}

/**
 * Reads `constraints.json` (SageMaker's or Vigil's) and, when present, `calibration.json` from a
 * baseline folder. A missing constraints.json throws ObjectNotFoundError (the run fails with that
 * reason); a calibration that does not parse is reported, not fatal (the run just cannot estimate).
 *
 * @example
 * ```ts
 * const baseline = await loadModelQualityBaseline(store, 'baselines/churn/model-quality');
 * ```
 */
export async function loadModelQualityBaseline(store: ObjectStore, prefix: string): Promise<LoadedBaseline> {
  const decoder = new TextDecoder();
  const key = joinKey(prefix, 'constraints.json');
  const text = decoder.decode(await store.get(key));
  const { constraints, ignored } = parseConstraints(text, `${store.location.replace(/\/$/, '')}/${key}`);
  const loaded: LoadedBaseline = { constraints, ignoredConstraints: ignored };
  try {
    loaded.calibration = parseCalibration(decoder.decode(await store.get(joinKey(prefix, CALIBRATION_FILE))));
  } catch (error) {
    if (!(error instanceof ObjectNotFoundError)) loaded.calibrationProblem = (error as Error).message;
  }
  return loaded;
}
