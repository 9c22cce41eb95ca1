import { csvRecords } from '../capture/csv-text.ts';
import { type JsonNode, JsonObject } from '../capture/json-node.ts';
import { jsonColumnValue } from '../capture/json-rows.ts';
import { JsonTextError, parseJsonText } from '../capture/json-text.ts';
import { captureLines, isNotUtf8Line } from '../capture/lines.ts';
import { InputError } from '../errors/vigil-error.ts';
import type { SkippedInputTally } from '../events/skipped-input-tally.ts';
import type { Profile } from '../profile/profile.ts';
import { ProfileBuilder, type RowValue } from '../profile/profile-builder.ts';

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

/**
 * Profiles a dataset streamed as chunks: CSV (RFC 4180 quoting within a line; an empty field is
 * missing) or JSON Lines (one object per line, its keys are the columns in first-seen order; an
 * array line is positional; numbers are read as written, as in CSV, so `1.0` is Fractional). A
 * line that does not parse is counted in `tally` and skipped. `NaN` and `±Infinity`, as Python's
 * `json.dumps` writes them, are non-finite numbers.
 *
 * @example
 * ```ts
 * const { profile, names } = await profileDataset(store.stream(key), { format: 'csv', header: true }, tally);
 * ```
 */
export async function profileDataset(
  chunks: AsyncIterable<Uint8Array>,
  format: DatasetFormat,
  tally: SkippedInputTally,
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
    if (isNotUtf8Line(line)) {
      tally.add('not-utf8', `${source}:${lineNumber}`);
      continue;
    }
    if (format.format === 'csv') {
      const fields = csvRecords(line)[0] ?? [];
      if (expectHeader) {
        names.push(...safeHeader(fields));
        headerColumns = fields.length;
        expectHeader = false;
        continue;
      }
      builder.addRow(fields);
      continue;
    }
    let parsed: JsonNode;
    try {
      parsed = parseJsonText(line, { nonFiniteNumbers: true });
    } catch (error) {
      if (!(error instanceof JsonTextError)) throw error;
      tally.add('malformed-line', `${source}:${lineNumber}`);
      continue;
    }
    if (Array.isArray(parsed)) {
      builder.addRow(parsed.map(jsonColumnValue));
    } else if (parsed instanceof JsonObject) {
      const row: RowValue[] = new Array(index.size).fill(null);
      parsed.keys.forEach((key, k) => {
        let i = index.get(key);
        if (i === undefined) {
          i = index.size;
          index.set(key, i);
          names[i] = key;
        }
        row[i] = jsonColumnValue(parsed.values[k]);
      });
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

/**
 * Header names as Spark's CSV reader makes them safe, and so as SageMaker names the features: an
 * empty name becomes `_c<i>`, and names that repeat (ignoring case, Spark's default) get their
 * column index appended (`a,A,b` → `a0,A1,b`), so that no two features share a name.
 *
 * @example
 * ```ts
 * safeHeader(['a', 'a', '', 'b']); // ['a0', 'a1', '_c2', 'b']
 * ```
 */
export function safeHeader(fields: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const field of fields)
    if (field !== '') seen.set(field.toLowerCase(), (seen.get(field.toLowerCase()) ?? 0) + 1);
  return fields.map((field, i) => {
    if (field === '') return `_c${i}`;
    return (seen.get(field.toLowerCase()) ?? 0) > 1 ? `${field}${i}` : field;
  });
}
