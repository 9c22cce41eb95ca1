import { ConfigError } from '../errors/vigil-error.ts';
import type { SkippedInput } from '../events/monitoring-execution.ts';
import { SkippedInputTally } from '../events/skipped-input-tally.ts';
import type { AnalysisConfig } from './analysis-config.ts';
import { jsonColumn, textColumn } from './column-types.ts';
import { parseCsv } from './csv.ts';
import type { Series } from './values.ts';

/** A dataset read for bias analysis: typed columns, plus the rows that could not be used. */
export interface BiasDataset {
  readonly columns: Series[];
  readonly rowCount: number;
  readonly skipped: SkippedInput[];
}

/**
 * Reads a Clarify dataset (`text/csv` with or without a header row, or `application/jsonlines`)
 * into typed columns as pandas would type them. A row with the wrong number of fields or a line
 * that is not JSON is skipped and counted, never fatal.
 *
 * @example
 * ```ts
 * const data = readBiasDataset('age,approved\n31,1\n45,0\n', { dataset_type: 'text/csv' });
 * data.columns.map((c) => c.dtype); // ['int64', 'int64']
 * ```
 */
export function readBiasDataset(
  text: string,
  config: Pick<AnalysisConfig, 'dataset_type' | 'headers' | 'features' | 'label' | 'predicted_label'>,
): BiasDataset {
  const type = config.dataset_type ?? guessType(text);
  if (type === 'text/csv') return readCsv(text, config.headers);
  if (type === 'application/jsonlines') return readJsonLines(text, config);
  throw new ConfigError(
    `dataset_type "${type}" is not supported for bias analysis: convert the dataset to text/csv or application/jsonlines`,
    { path: 'dataset_type' },
  );
}

function guessType(text: string): 'text/csv' | 'application/jsonlines' {
  return text.trimStart().startsWith('{') ? 'application/jsonlines' : 'text/csv';
}

function readCsv(text: string, headers: readonly string[] | undefined): BiasDataset {
  const rows = parseCsv(text);
  let names = headers ? [...headers] : rows.shift();
  if (!names) return { columns: [], rowCount: 0, skipped: [] };
  // A dataset that carries the configured header row: drop it instead of reading it as data.
  if (
    headers &&
    rows[0] &&
    rows[0].length === names.length &&
    rows[0].every((f, i) => f.trim() === names![i])
  )
    rows.shift();
  names = names.map((n) => n.trim());
  const skipped = new SkippedInputTally();
  const good: string[][] = [];
  rows.forEach((row, i) => {
    if (row.length === names.length) good.push(row);
    else
      skipped.add('wrong number of columns', `row ${i + 1}: ${row.length} fields, expected ${names.length}`);
  });
  return {
    columns: names.map((name, j) =>
      textColumn(
        name,
        good.map((r) => r[j]!),
      ),
    ),
    rowCount: good.length,
    skipped: skipped.toSkipped(),
  };
}

function readJsonLines(
  text: string,
  config: Pick<AnalysisConfig, 'headers' | 'features' | 'label' | 'predicted_label'>,
): BiasDataset {
  const skipped = new SkippedInputTally();
  const records: Record<string, unknown>[] = [];
  const lines = text.split('\n');
  let featureCount = -1;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped.add('line is not JSON', `line ${i + 1}`);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      skipped.add('line is not a JSON object', `line ${i + 1}`);
      return;
    }
    const record = flatRecord(value as Record<string, unknown>, config);
    if (!record) {
      skipped.add(`"${config.features}" is not an array of features`, `line ${i + 1}`);
      return;
    }
    const n = Object.keys(record).length;
    if (config.features && featureCount >= 0 && n !== featureCount) {
      skipped.add('wrong number of features', `line ${i + 1}`);
      return;
    }
    featureCount = n;
    records.push(record);
  });
  const names: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  return {
    columns: names.map((name) =>
      jsonColumn(
        name,
        records.map((r) => r[name]),
      ),
    ),
    rowCount: records.length,
    skipped: skipped.toSkipped(),
  };
}

// One JSON Lines record as named cells: the features array named by `headers`, then label and
// predicted label named by their path; without `features`, the object's own top-level fields.
function flatRecord(
  value: Record<string, unknown>,
  config: Pick<AnalysisConfig, 'headers' | 'features' | 'label' | 'predicted_label'>,
): Record<string, unknown> | undefined {
  if (!config.features) return { ...value };
  const features = pathValue(value, config.features);
  if (!Array.isArray(features)) return undefined;
  const headers = config.headers ?? [];
  const record: Record<string, unknown> = {};
  features.forEach((f, j) => {
    record[headers[j] ?? `column_${j}`] = f;
  });
  for (const path of [config.label, config.predicted_label])
    if (typeof path === 'string') record[path] = pathValue(value, path);
  return record;
}

/**
 * The value at a simple JMESPath (`a.b`, `a[0]`, `a.b[1].c`) in a parsed JSON value.
 *
 * @example
 * ```ts
 * pathValue({ data: { features: [1, 2] } }, 'data.features[1]'); // 2
 * ```
 */
export function pathValue(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    if (match[1]) current = (current as Record<string, unknown> | undefined)?.[match[1]];
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g))
      current = (current as unknown[] | undefined)?.[Number(index[1])];
  }
  return current;
}
