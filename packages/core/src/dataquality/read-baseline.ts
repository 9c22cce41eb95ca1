import { InputError, ObjectNotFoundError } from '../errors/vigil-error.ts';
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
 * constraints alone allow all but drift); throws InputError when both are absent or one does not
 * parse, saying which.
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
  const wrap = <T>(parse: () => T, key: string): T => {
    try {
      return parse();
    } catch (error) {
      throw new InputError(`${where(key)}: ${(error as Error).message}`, { cause: error });
    }
  };
  return {
    statistics:
      statisticsText === undefined
        ? undefined
        : wrap(() => parseStatisticsFile(statisticsText), statisticsKey),
    constraints:
      constraintsText === undefined
        ? undefined
        : wrap(() => parseConstraintsFile(constraintsText), constraintsKey),
    constraintsText,
  };
}
