import { BaselineValidationError, InputError, ObjectNotFoundError } from '../errors/vigil-error.ts';
import { joinKey } from '../layout/keys.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { parseConstraintsFile, parseStatisticsFile } from './baseline-files.ts';
import type { DataQualityBaseline } from './checks.ts';

/** A baseline read from a folder, with constraints.json's text to copy into reports. */
export interface LoadedBaseline extends DataQualityBaseline {
  constraintsText?: string;
}

async function readText(store: ObjectStore, key: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await store.get(key));
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw error;
  }
}

/**
 * Reads `statistics.json` and `constraints.json` from a baseline folder (SageMaker-made or
 * Vigil-made). Either may be absent (statistics alone allow type, completeness and drift checks;
 * constraints alone allow all but drift); throws InputError when both are absent, and
 * BaselineValidationError (an InputError) naming the file and field when one is not valid.
 *
 * @example
 * ```ts
 * const baseline = await readDataQualityBaseline(store, 'baselines/churn');
 * ```
 */
export async function readDataQualityBaseline(store: ObjectStore, folder: string): Promise<LoadedBaseline> {
  const statisticsKey = joinKey(folder, 'statistics.json');
  const constraintsKey = joinKey(folder, 'constraints.json');
  const [statisticsText, constraintsText] = await Promise.all([
    readText(store, statisticsKey),
    readText(store, constraintsKey),
  ]);
  if (statisticsText === undefined && constraintsText === undefined) {
    throw new InputError(
      `No baseline at ${store.location}/${joinKey(folder)}: expected statistics.json and constraints.json there; ` +
        'create them with `vigil baseline data-quality` or copy a SageMaker baseline',
    );
  }
  const where = (key: string) => `${store.location}/${key}`;
  // The file's own name is the start of the message: a bad field gets the folder before it, a file
  // that is not JSON at all gets its whole location.
  const located = <T>(parse: () => T, key: string): T => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof BaselineValidationError)) throw error;
      const prefix = error.path ? `${where(joinKey(folder))}/` : `${where(key)}: `;
      throw new BaselineValidationError(`${prefix}${error.message}`, {
        cause: error,
        file: where(key),
        path: error.path,
      });
    }
  };
  return {
    statistics:
      statisticsText === undefined
        ? undefined
        : located(() => parseStatisticsFile(statisticsText), statisticsKey),
    constraints:
      constraintsText === undefined
        ? undefined
        : located(() => parseConstraintsFile(constraintsText), constraintsKey),
    constraintsText,
  };
}
