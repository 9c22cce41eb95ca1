import {
  createDataQualityBaseline,
  type DataQualityBaseline,
  parseConstraintsFile,
  parseStatisticsFile,
} from '@vigil/core/dataquality';
import { type Profile, ProfileBuilder } from '@vigil/core/profile';
import { formatG6, gaussian, WORKLOAD_COLUMNS, workloadRow } from '../../../../bench/drift-workload.ts';
import { seededRandom } from '../../../../bench/generate-capture.ts';

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** Values as pandas' `%.6g` leaves them, read back as numbers. */
const asWritten = (row: number[]) => row.map((x) => Number(formatG6(x)));

/**
 * The issue-10 workload's baseline (reference rows, standard normal) made by
 * `createDataQualityBaseline` from CSV, as `vigil baseline data-quality` makes it.
 */
export async function workloadBaseline(rows: number, seed: number): Promise<DataQualityBaseline> {
  const normal = gaussian(seededRandom(seed));
  const lines = [WORKLOAD_COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) lines.push(asWritten(workloadRow(normal, false)).join(','));
  const files = await createDataQualityBaseline(once(`${lines.join('\n')}\n`), {
    format: 'csv',
    header: true,
  });
  return {
    statistics: parseStatisticsFile(files.statistics),
    constraints: parseConstraintsFile(files.constraints),
  };
}

/** A window's profile: the drifted current window, or (drifted false) the reference's distribution. */
export function workloadWindow(rows: number, seed: number, drifted: boolean): Profile {
  const normal = gaussian(seededRandom(seed));
  const builder = new ProfileBuilder(WORKLOAD_COLUMNS);
  for (let i = 0; i < rows; i++) builder.addRow(asWritten(workloadRow(normal, drifted)));
  return builder.build();
}
