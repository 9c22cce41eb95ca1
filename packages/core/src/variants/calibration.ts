import { ObjectNotFoundError } from '../errors/vigil-error.ts';
import { joinKey } from '../layout/keys.ts';
import { CALIBRATION_FILE, type Calibration, parseCalibration } from '../modelquality/calibration.ts';
import type { ObjectStore } from '../ports/object-store.ts';

/**
 * The calibration.json of a model-quality baseline folder, for estimates before labels; undefined
 * when the folder has none (the comparison then goes without estimates).
 *
 * @example
 * ```ts
 * const calibration = await readCalibration(store, 'baselines/churn/model-quality');
 * ```
 */
export async function readCalibration(store: ObjectStore, folder: string): Promise<Calibration | undefined> {
  try {
    return parseCalibration(new TextDecoder().decode(await store.get(joinKey(folder, CALIBRATION_FILE))));
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw error;
  }
}
