import { InputError } from '../errors/vigil-error.ts';
import { type RawValue, toNumber } from '../modelquality/labeled-prediction.ts';
import type { ModelRecord, ModelValue } from '../ports/model-invoker.ts';
import type { ClarifyAnalysisConfig } from './analysis-config.ts';
import { evaluatePath } from './json-path.ts';
import { splitCsv } from './model-codec.ts';

/** Feature rows of a data set, ready to explain, with what was skipped and why. */
export interface FeatureDataset {
  featureNames: string[];
  rows: ModelRecord[];
  /** Rows left out (reason → count): wrong column count, missing values, unparsable lines. */
  skipped: Record<string, number>;
}

/**
 * A feature value as the model receives it: numbers (and numeric text) as numbers, other text as
 * text; missing values (null, empty text, booleans are kept as 0/1) give undefined.
 *
 * @example
 * ```ts
 * [toModelValue('3.5'), toModelValue('red'), toModelValue('')]; // [3.5, 'red', undefined]
 * ```
 */
export function toModelValue(value: unknown): ModelValue | undefined {
  // Numbers, booleans and numeric text read as a model-quality cell does; other text stays text.
  const n = toNumber(value as RawValue);
  if (n !== undefined || typeof value !== 'string') return n;
  const text = value.trim();
  return text === '' ? undefined : text;
}

/**
 * Reads a Clarify data set (CSV, or JSON Lines with `features` as the JMESPath of the feature
 * array) into feature rows: the label, predicted-label and excluded columns are dropped. A CSV
 * header row is recognised when it equals `headers` or when its cells are text over numeric data.
 * Bad rows are counted in `skipped`, never fatal.
 *
 * @example
 * ```ts
 * const data = readFeatureDataset('age,income,label\n30,5.5,1\n41,7.25,0', { dataset_type: 'text/csv', label: 'label', ... });
 * // data.featureNames = ['age', 'income'], data.rows = [[30, 5.5], [41, 7.25]]
 * ```
 */
export function readFeatureDataset(text: string, config: ClarifyAnalysisConfig): FeatureDataset {
  const lines = text.split(/\r?\n/).filter((line) => line.trim().length > 0);
  if (lines.length === 0) throw new InputError('The data set is empty: give a file with at least one record');
  const skipped: Record<string, number> = {};
  const skip = (reason: string): void => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  const type = config.dataset_type.split(';')[0]!.trim();
  if (type === 'application/jsonlines' || type === 'application/x-jsonlines') {
    return readJsonLines(lines, config, skip, skipped);
  }
  if (type !== 'text/csv') {
    throw new InputError(
      `dataset_type ${config.dataset_type} is not supported for explanations: use text/csv or application/jsonlines`,
    );
  }
  let cells = lines.map(splitCsv);
  const first = cells[0]!;
  const looksLikeHeader =
    (config.headers !== undefined && first.every((c, i) => c.trim() === config.headers![i])) ||
    (cells.length > 1 &&
      first.some(
        (c, i) =>
          toModelValue(c) !== undefined &&
          typeof toModelValue(c) === 'string' &&
          typeof toModelValue(cells[1]![i]) === 'number',
      ));
  const headerRow = looksLikeHeader ? first.map((c) => c.trim()) : undefined;
  if (looksLikeHeader) cells = cells.slice(1);
  const width = first.length;
  const names = config.headers?.length === width ? config.headers : (headerRow ?? placeholderNames(width));
  const dropped = droppedColumns(names, config);
  const keep = names.map((_, i) => i).filter((i) => !dropped.has(i));
  const rows: ModelRecord[] = [];
  for (const row of cells) {
    if (row.length !== width) {
      skip('wrong-column-count');
      continue;
    }
    const values = keep.map((i) => toModelValue(row[i]));
    if (values.some((v) => v === undefined)) {
      skip('missing-value');
      continue;
    }
    rows.push(values as ModelValue[]);
  }
  return { featureNames: keep.map((i) => names[i]!), rows, skipped };
}

function readJsonLines(
  lines: string[],
  config: ClarifyAnalysisConfig,
  skip: (reason: string) => void,
  skipped: Record<string, number>,
): FeatureDataset {
  const path = config.features ?? 'features';
  const rows: ModelRecord[] = [];
  let width: number | undefined;
  for (const line of lines) {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skip('malformed-line');
      continue;
    }
    const features = evaluatePath(json, path);
    if (!Array.isArray(features)) {
      skip('no-features');
      continue;
    }
    width ??= features.length;
    if (features.length !== width) {
      skip('wrong-column-count');
      continue;
    }
    const values = features.map(toModelValue);
    if (values.some((v) => v === undefined)) {
      skip('missing-value');
      continue;
    }
    rows.push(values as ModelValue[]);
  }
  const count = width ?? 0;
  return { featureNames: featureNamesFor(count, config), rows, skipped };
}

/**
 * Feature names for `count` feature columns: the config's headers without the label and
 * excluded columns when they fit, else `column_0`, `column_1`, … as Clarify names them.
 */
export function featureNamesFor(
  count: number,
  config: Pick<ClarifyAnalysisConfig, 'headers' | 'label' | 'predicted_label' | 'excluded_columns'>,
): string[] {
  const headers = config.headers;
  if (headers?.length === count) return [...headers];
  if (headers) {
    const dropped = droppedColumns(headers, config);
    const kept = headers.filter((_, i) => !dropped.has(i));
    if (kept.length === count) return kept;
  }
  return placeholderNames(count);
}

function placeholderNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `column_${i}`);
}

function droppedColumns(
  names: readonly string[],
  config: Pick<ClarifyAnalysisConfig, 'label' | 'predicted_label' | 'excluded_columns'>,
): Set<number> {
  const dropped = new Set<number>();
  const add = (column: string | number | undefined): void => {
    if (column === undefined) return;
    const index = typeof column === 'number' ? column : names.indexOf(column);
    if (index >= 0 && index < names.length) dropped.add(index);
  };
  add(config.label);
  add(config.predicted_label);
  for (const column of config.excluded_columns ?? []) add(column);
  return dropped;
}
