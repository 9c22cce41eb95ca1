import type { CaptureIssue, CaptureRecord, CaptureValue } from '../capture/types.ts';
import { captureKeyOfExtract } from './keys.ts';

/** One sub-record of a capture line, as kept in an extract. */
export interface ExtractRow {
  eventId: string;
  inferenceId?: string;
  inferenceTime?: string;
  /** 1-based line of the capture file. */
  line: number;
  /** 0-based sub-record of that line's request. */
  row: number;
  input: CaptureValue[];
  /** Absent when the output was not captured. */
  output?: CaptureValue[];
  /** The parsed JSON of the output row, when the output was JSON. */
  outputJson?: unknown;
  /** The row's own join id (batch transform). */
  rowId?: string;
}

/**
 * The compact extract of one capture file: what the later monitors need (ids, times, inputs,
 * outputs, the JSON of outputs) without re-reading raw capture, plus the issues met parsing it.
 */
export interface CaptureExtract {
  captureKey: string;
  issues: CaptureIssue[];
  rows: ExtractRow[];
}

const FORMAT_VERSION = 1;

/**
 * The extract of a parsed capture file: one row per sub-record.
 *
 * @example
 * ```ts
 * const issues: CaptureIssue[] = [];
 * const records = parseCaptureText(text, key, (i) => issues.push(i));
 * await store.put(extractKeyFor(key), serializeExtract(buildCaptureExtract(records, key, issues)));
 * ```
 */
export function buildCaptureExtract(
  records: readonly CaptureRecord[],
  key: string,
  issues: readonly CaptureIssue[] = [],
): CaptureExtract {
  const rows: ExtractRow[] = [];
  for (const record of records) {
    for (let i = 0; i < record.inputs.length; i++) {
      const row: ExtractRow = {
        eventId: record.eventId,
        line: record.source.line,
        row: i,
        input: record.inputs[i]!,
      };
      if (record.inferenceId !== undefined) row.inferenceId = record.inferenceId;
      if (record.inferenceTime !== undefined) row.inferenceTime = record.inferenceTime;
      if (record.outputs.length > 0) row.output = record.outputs[i]!;
      if (record.outputJson !== undefined) row.outputJson = record.outputJson[i];
      const rowId = record.rowIds?.[i];
      if (rowId !== undefined) row.rowId = rowId;
      rows.push(row);
    }
  }
  return { captureKey: key, issues: [...issues], rows };
}

/**
 * An extract as JSON Lines: a header line `{"vigilExtract":1,"captureKey":…,"rows":n,"issues":[…]}`,
 * then one line per row (non-finite numbers as the texts `"Infinity"`, `"-Infinity"`, `"NaN"`).
 *
 * @example
 * ```ts
 * serializeExtract({ captureKey: 'k', issues: [], rows: [] }); // '{"vigilExtract":1,"captureKey":"k","rows":0,"issues":[]}\n'
 * ```
 */
export function serializeExtract(extract: CaptureExtract): string {
  const header = {
    vigilExtract: FORMAT_VERSION,
    captureKey: extract.captureKey,
    rows: extract.rows.length,
    issues: extract.issues,
  };
  const lines = [JSON.stringify(header)];
  for (const row of extract.rows) lines.push(JSON.stringify(row, nonFiniteAsText));
  return `${lines.join('\n')}\n`;
}

/**
 * A JSON payload's overflowing number (`1e400`) parses to ±Infinity, which `JSON.stringify` would
 * write as `null`, a missing value. Written as its text instead, it reads back as a value that
 * every profiler counts as the same non-finite number.
 */
function nonFiniteAsText(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

/**
 * Reads an extract written by `serializeExtract`. Never throws: an unreadable line becomes a
 * `malformed-line` issue on `extractKey`; a missing header is an issue too, and the capture key is
 * then derived from `extractKey`.
 *
 * @example
 * ```ts
 * const extract = parseExtract(new TextDecoder().decode(await store.get(key)), key);
 * const records = extractRecords(extract);
 * ```
 */
export function parseExtract(text: string, extractKey: string): CaptureExtract {
  const extract: CaptureExtract = {
    captureKey: captureKeyOfExtract(extractKey) ?? extractKey,
    issues: [],
    rows: [],
  };
  const problem = (line: number, message: string) =>
    extract.issues.push({ reason: 'malformed-line', key: extractKey, line, message });
  const lines = text.split('\n');
  let expectedRows: number | undefined;
  lines.forEach((line, i) => {
    if (line.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problem(i + 1, 'the extract line is not valid JSON: re-run profile-capture on the capture file');
      return;
    }
    if (i === 0 && isHeader(value)) {
      extract.captureKey = value.captureKey;
      expectedRows = typeof value.rows === 'number' ? value.rows : undefined;
      if (Array.isArray(value.issues)) extract.issues.push(...(value.issues as CaptureIssue[]));
      return;
    }
    if (i === 0) problem(1, 'the extract has no header line: re-run profile-capture on the capture file');
    if (!isRow(value)) {
      problem(i + 1, 'the extract line is not an extract row: re-run profile-capture on the capture file');
      return;
    }
    extract.rows.push(value);
  });
  if (expectedRows !== undefined && expectedRows !== extract.rows.length) {
    problem(
      lines.length,
      `the extract announces ${expectedRows} rows but holds ${extract.rows.length}: it was cut short; ` +
        're-run profile-capture on the capture file',
    );
  }
  return extract;
}

/**
 * The capture records an extract holds, rebuilt with their original capture key and line numbers.
 *
 * @example
 * ```ts
 * extractRecords(buildCaptureExtract(records, key)); // deep-equals records (rowIds aside when absent)
 * ```
 */
export function extractRecords(extract: CaptureExtract): CaptureRecord[] {
  const records: CaptureRecord[] = [];
  let current: CaptureRecord | undefined;
  for (const row of extract.rows) {
    if (!current || row.row === 0 || current.source.line !== row.line) {
      current = {
        eventId: row.eventId,
        inputs: [],
        outputs: [],
        source: { key: extract.captureKey, line: row.line },
      };
      if (row.inferenceId !== undefined) current.inferenceId = row.inferenceId;
      if (row.inferenceTime !== undefined) current.inferenceTime = row.inferenceTime;
      records.push(current);
    }
    const index = current.inputs.length;
    current.inputs.push(row.input);
    if (row.output !== undefined) current.outputs.push(row.output);
    if ('outputJson' in row) {
      current.outputJson ??= [];
      current.outputJson.push(row.outputJson);
    }
    if (row.rowId !== undefined) {
      current.rowIds ??= [];
      current.rowIds[index] = row.rowId;
    }
  }
  for (const record of records) {
    if (record.rowIds)
      record.rowIds = Array.from({ length: record.inputs.length }, (_, i) => record.rowIds![i]);
  }
  return records;
}

function isHeader(value: unknown): value is { captureKey: string; rows?: unknown; issues?: unknown } {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as { vigilExtract?: unknown }).vigilExtract === FORMAT_VERSION &&
    typeof (value as { captureKey?: unknown }).captureKey === 'string'
  );
}

function isRow(value: unknown): value is ExtractRow {
  if (value === null || typeof value !== 'object') return false;
  const row = value as Partial<ExtractRow>;
  return (
    typeof row.eventId === 'string' &&
    typeof row.line === 'number' &&
    typeof row.row === 'number' &&
    Array.isArray(row.input) &&
    (row.output === undefined || Array.isArray(row.output))
  );
}
