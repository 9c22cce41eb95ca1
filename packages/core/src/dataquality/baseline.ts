import type { SkippedInput } from '../events/monitoring-execution.ts';
import { SkippedInputTally } from '../events/skipped-input-tally.ts';
import { toJacksonJson } from '../json/jackson.ts';
import type { Profile } from '../profile/profile.ts';
import { columnNotes } from './column-notes.ts';
import { suggestConstraints } from './constraints.ts';
import { type DatasetFormat, profileDataset } from './dataset.ts';
import { commonWidth, describeRaggedRows, fitProfileToWidth, type RaggedRows } from './ragged-rows.ts';
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
  /** CSV rows counted against the header's columns (or, without a header, most rows' width). */
  raggedRows?: RaggedRows;
  /**
   * What the user should know about the baseline: ragged rows, non-finite values, columns
   * inferred String because of a few texts (quoting them: for the CLI, never for logs).
   */
  notes: string[];
}

/**
 * Baselines a dataset as SageMaker's `suggest_baseline` does: profiles it and renders
 * statistics.json and suggested constraints.json (Jackson layout, SageMaker's key order). CSV
 * rows are counted against the header's columns (without a header, the width most rows have):
 * short rows count their absent values as missing, long rows' extra values are left out, and
 * `notes` says how many there were, rather than inventing a feature `_c3`.
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
  const tally = new SkippedInputTally();
  const dataset = await profileDataset(chunks, format, tally, source);
  let profile = dataset.profile;
  let raggedRows: RaggedRows | undefined;
  const notes: string[] = [];
  if (format.format === 'csv') {
    const width = dataset.headerColumns ?? commonWidth(profile.rowWidths) ?? profile.columns.length;
    const fitted = fitProfileToWidth(profile, width, { alwaysTrim: dataset.headerColumns !== undefined });
    profile = fitted.profile;
    raggedRows = fitted.ragged;
    const columns =
      dataset.headerColumns !== undefined
        ? `the header's ${width} columns`
        : `the ${width} columns most rows have`;
    const rowNote = describeRaggedRows(fitted.ragged, profile.itemCount, columns);
    if (rowNote) notes.push(rowNote);
  }
  const names = dataset.names.slice(0, profile.columns.length);
  notes.push(...columnNotes(profile, names));
  return {
    statistics: toJacksonJson(statisticsFromProfile(profile, names)),
    constraints: toJacksonJson(suggestConstraints(profile, names)),
    profile,
    names,
    skipped: tally.toSkipped(),
    raggedRows,
    notes,
  };
}
