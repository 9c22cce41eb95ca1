import { csvRecords } from '../capture/csv-text.ts';
import { captureLines } from '../capture/lines.ts';
import { InputError } from '../errors/vigil-error.ts';
import type { Profile } from '../profile/profile.ts';
import { ProfileBuilder, type RowValue } from '../profile/profile-builder.ts';
import type { IssueTally } from './issue-tally.ts';

/** How a baseline dataset is laid out (SageMaker's dataset_format). */
export interface DatasetFormat {
  format: 'csv' | 'jsonl';
  /** CSV only: the first line names the columns (else `_c0`, `_c1`, …). */
  header: boolean;
}

/** A profiled dataset and its column names. */
export interface ProfiledDataset {
  profile: Profile;
  names: string[];
  /** CSV with a header: how many columns the header names. */
  headerColumns?: number;
}

function jsonValue(value: unknown): RowValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/**
 * Profiles a dataset streamed as chunks: CSV (RFC 4180 quoting within a line; an empty field is
 * missing) or JSON Lines (one object per line, its keys are the columns in first-seen order; an
 * array line is positional). A line that does not parse is counted in `tally` and skipped.
 *
 * @example
 * ```ts
 * const { profile, names } = await profileDataset(store.stream(key), { format: 'csv', header: true }, tally);
 * ```
 */
export async function profileDataset(
  chunks: AsyncIterable<Uint8Array>,
  format: DatasetFormat,
  tally: IssueTally,
  source = 'dataset',
): Promise<ProfiledDataset> {
  const names: string[] = [];
  let headerColumns: number | undefined;
  const builder = new ProfileBuilder(names);
  const index = new Map<string, number>();
  let lineNumber = 0;
  let expectHeader = format.format === 'csv' && format.header;
  for await (const line of captureLines(chunks)) {
    lineNumber++;
    if (line.trim().length === 0) continue;
    if (format.format === 'csv') {
      const fields = csvRecords(line)[0] ?? [];
      if (expectHeader) {
        names.push(...fields);
        headerColumns = fields.length;
        expectHeader = false;
        continue;
      }
      builder.addRow(fields);
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      tally.add('malformed-line', `${source}:${lineNumber}`);
      continue;
    }
    if (Array.isArray(parsed)) {
      builder.addRow(parsed.map(jsonValue));
    } else if (typeof parsed === 'object' && parsed !== null) {
      const row: RowValue[] = new Array(index.size).fill(null);
      for (const [key, value] of Object.entries(parsed)) {
        let i = index.get(key);
        if (i === undefined) {
          i = index.size;
          index.set(key, i);
          names[i] = key;
        }
        row[i] = jsonValue(value);
      }
      builder.addRow(row);
    } else {
      tally.add('malformed-line', `${source}:${lineNumber}`);
    }
  }
  const profile = builder.build();
  if (profile.itemCount === 0) {
    throw new InputError(`${source} has no data rows: check the file and --format / --no-header`);
  }
  return { profile, names: profile.columns.map((c) => c.name), headerColumns };
}
