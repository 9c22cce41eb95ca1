import { parseCaptureLine } from '../capture/parse-line.ts';
import { forEachCaptureLine } from '../capture/parse-stream.ts';
import {
  emptyPlainCsvCapture,
  type PlainCsvCapture,
  parseCaptureLineOrPlainCsv,
} from '../capture/plain-csv.ts';
import { captureRows, type OutputColumnsPosition } from '../capture/rows.ts';
import type { CaptureIssue, CaptureRecord, ParsedCaptureLine } from '../capture/types.ts';
import type { SkippedInputTally } from '../events/skipped-input-tally.ts';
import type { ProfileBuilder } from '../profile/profile-builder.ts';

/** What profiling one capture object found. */
export interface CaptureProfileCounts {
  records: number;
  rows: number;
  issues: CaptureIssue[];
  /** Lines read, blank ones included: where the next object's line numbers would start. */
  lines: number;
}

/**
 * Streams one capture object into a profile builder: each record's rows (output columns placed as
 * SageMaker's analyzer places them, default first) become profile rows. Unusable lines are
 * counted in `tally` under the capture parser's reason, never fatal. When `keep` is given the
 * parsed records are appended to it (for the capture extract).
 *
 * This is the hot loop of data-quality profiling, so a line of the common shape (one plain CSV
 * record in and out) is profiled straight from its payload texts, field by field, without the
 * record, arrays and strings a parsed record would cost; it profiles exactly as that record would.
 *
 * @example
 * ```ts
 * await profileCaptureChunks(store.stream(key), key, builder, { outputColumns: 'START', tally });
 * ```
 */
export async function profileCaptureChunks(
  chunks: AsyncIterable<Uint8Array>,
  key: string,
  builder: ProfileBuilder,
  options: { outputColumns: OutputColumnsPosition; tally: SkippedInputTally; keep?: CaptureRecord[] },
): Promise<CaptureProfileCounts> {
  const { outputColumns, tally, keep } = options;
  const issues: CaptureIssue[] = [];
  let records = 0;
  let rows = 0;
  const plain = emptyPlainCsvCapture();
  const addParsed = (parsed: ParsedCaptureLine): void => {
    if (parsed.issue) {
      issues.push(parsed.issue);
      tally.add(parsed.issue.reason, `${parsed.issue.key}:${parsed.issue.line}`);
      return;
    }
    records++;
    const recordRows = captureRows(parsed.record, outputColumns);
    for (const row of recordRows) builder.addRow(row);
    rows += recordRows.length;
    keep?.push(parsed.record);
  };
  const lines = await forEachCaptureLine(chunks, (line, lineNumber, ascii, at) => {
    if (keep) {
      addParsed(parseCaptureLine(line, { key, line: lineNumber }));
      return;
    }
    const parsed = parseCaptureLineOrPlainCsv(line, key, lineNumber, plain);
    if (parsed) {
      addParsed(parsed);
      return;
    }
    records++;
    rows++;
    const { input, output } = plain;
    // A payload still in the line (found by a template) is also the line's ASCII bytes from `at`.
    if (ascii !== undefined && input === line && (output === undefined || output === line)) {
      addAsciiRow(builder, plain, outputColumns, ascii, at);
      return;
    }
    if (output === undefined || outputColumns === 'NONE')
      builder.addCsvFields(input, plain.inputStart, plain.inputEnd);
    else if (outputColumns === 'START') {
      builder.addCsvFields(output, plain.outputStart, plain.outputEnd);
      builder.addCsvFields(input, plain.inputStart, plain.inputEnd);
    } else {
      builder.addCsvFields(input, plain.inputStart, plain.inputEnd);
      builder.addCsvFields(output, plain.outputStart, plain.outputEnd);
    }
    builder.endRow();
  });
  return { records, rows, issues, lines };
}

/**
 * Profiles a plain line's row whose payloads lie in the line itself, as the texts of `plain`,
 * reading its numbers from the line's ASCII bytes (`ascii[at + i]` is the line's character `i`).
 */
function addAsciiRow(
  builder: ProfileBuilder,
  plain: PlainCsvCapture,
  outputColumns: OutputColumnsPosition,
  ascii: Uint8Array,
  at: number,
): void {
  const { input, output } = plain;
  const inputStart = at + plain.inputStart;
  const inputEnd = at + plain.inputEnd;
  if (output === undefined || outputColumns === 'NONE')
    builder.addCsvFieldsAscii(ascii, inputStart, inputEnd, input, at);
  else if (outputColumns === 'START') {
    builder.addCsvFieldsAscii(ascii, at + plain.outputStart, at + plain.outputEnd, output, at);
    builder.addCsvFieldsAscii(ascii, inputStart, inputEnd, input, at);
  } else {
    builder.addCsvFieldsAscii(ascii, inputStart, inputEnd, input, at);
    builder.addCsvFieldsAscii(ascii, at + plain.outputStart, at + plain.outputEnd, output, at);
  }
  builder.endRow();
}
