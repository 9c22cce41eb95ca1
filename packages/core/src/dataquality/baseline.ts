import type { SkippedInput } from '../events/monitoring-execution.ts';
import { toJacksonJson } from '../json/jackson.ts';
import type { Profile } from '../profile/profile.ts';
import { suggestConstraints } from './constraints.ts';
import { type DatasetFormat, profileDataset } from './dataset.ts';
import { IssueTally } from './issue-tally.ts';
import { statisticsFromProfile } from './statistics.ts';

/** A data-quality baseline as SageMaker's baselining job writes it. */
export interface DataQualityBaselineFiles {
  /** statistics.json text. */
  statistics: string;
  /** constraints.json text. */
  constraints: string;
  profile: Profile;
  names: string[];
  skipped: SkippedInput[];
}

/**
 * Baselines a dataset as SageMaker's `suggest_baseline` does: profiles it and renders
 * statistics.json and suggested constraints.json (Jackson layout, SageMaker's key order).
 *
 * @example
 * ```ts
 * const files = await createDataQualityBaseline(store.stream(key), { format: 'csv', header: false });
 * await store.put('baseline/statistics.json', files.statistics);
 * ```
 */
export async function createDataQualityBaseline(
  chunks: AsyncIterable<Uint8Array>,
  format: DatasetFormat,
  source = 'dataset',
): Promise<DataQualityBaselineFiles> {
  const tally = new IssueTally();
  const { profile, names } = await profileDataset(chunks, format, tally, source);
  return {
    statistics: toJacksonJson(statisticsFromProfile(profile, names)),
    constraints: toJacksonJson(suggestConstraints(profile, names)),
    profile,
    names,
    skipped: tally.toSkipped(),
  };
}
