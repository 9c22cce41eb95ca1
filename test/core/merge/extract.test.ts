import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CaptureIssue, parseCaptureLine, parseCaptureText } from '@vigil/core/capture';
import {
  buildCaptureExtract,
  captureKeyOfExtract,
  extractKeyFor,
  extractRecords,
  parseExtract,
  serializeExtract,
} from '@vigil/core/merge';
import { ProfileBuilder, type RowValue } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

const fixture = (path: string) =>
  fileURLToPath(new URL(`../../../../shared/fixtures/sagemaker/${path}`, import.meta.url));
const KEY = 'capture/ep/AllTraffic/2023/01/19/05/28-32-105-b59d42b8.jsonl';
const EXTRACT_KEY = extractKeyFor(KEY);

describe('extract keys', () => {
  it('lives under extracts/ beside the profile and maps back to the capture key', () => {
    expect(EXTRACT_KEY).toBe(
      'extracts/capture/ep/AllTraffic/2023/01/19/05/28-32-105-b59d42b8.jsonl.extract.jsonl',
    );
    expect(captureKeyOfExtract(EXTRACT_KEY)).toBe(KEY);
    expect(captureKeyOfExtract('profiles/x.json')).toBeUndefined();
  });
});

describe('capture extracts', () => {
  it('round-trips both real fixtures, the two-record request and its JSON outputs included', () => {
    for (const path of [
      'capture-jsonlines-clarify/28-32-105-b59d42b8-3dac-421a-a586-0c4effa143d2.jsonl',
      'capture-csv-packt/45-47-410-519762dc-1394-44c0-985a-957129a9c5e1.jsonl',
    ]) {
      const records = parseCaptureText(readFileSync(fixture(path), 'utf8'), KEY, () => {});
      const text = serializeExtract(buildCaptureExtract(records, KEY));
      const extract = parseExtract(text, EXTRACT_KEY);
      expect(extract.issues).toEqual([]);
      expect(extract.captureKey).toBe(KEY);
      expect(extractRecords(extract)).toEqual(records);
    }
  });

  it('writes one row per sub-record after a header carrying the parse issues', () => {
    const records = parseCaptureText(
      readFileSync(
        fixture('capture-jsonlines-clarify/28-32-105-b59d42b8-3dac-421a-a586-0c4effa143d2.jsonl'),
        'utf8',
      ),
      KEY,
      () => {},
    );
    const issue: CaptureIssue = {
      reason: 'malformed-line',
      key: KEY,
      line: 3,
      message: 'the line is not valid JSON',
    };
    const lines = serializeExtract(buildCaptureExtract(records, KEY, [issue]))
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0]!)).toEqual({ vigilExtract: 1, captureKey: KEY, rows: 3, issues: [issue] });
    expect(JSON.parse(lines[3]!)).toEqual({
      eventId: '74e40c99-2d94-4a6d-a21e-f0222769012e',
      inferenceTime: '2023-01-19T05:28:32Z',
      line: 2,
      row: 1,
      input: [43, 2, 72338, 12, 14, 2, 12, 0, 1, 1, 0, 0, 40, 37],
      output: [1, 0.504138827323913],
      outputJson: { predicted_label: 1, score: 0.504138827323913 },
    });
    expect(parseExtract(lines.join('\n'), EXTRACT_KEY).issues).toEqual([issue]);
  });

  it('keeps inferenceId, input-only records and batch row ids', () => {
    const inputOnly = JSON.stringify({
      captureData: {
        endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2\n3,4', encoding: 'CSV' },
      },
      eventMetadata: { eventId: 'e', inferenceId: 'i-7' },
      eventVersion: '0',
    });
    const batch = JSON.stringify({
      captureData: {
        batchTransformOutput: {
          data: '{"SageMakerInferenceId":"r1","SageMakerOutput":{"p":1},"features":[1]}\n{"SageMakerOutput":{"p":0},"features":[2]}',
          encoding: 'JSON',
        },
      },
      eventMetadata: { eventId: 'b' },
    });
    const records = [inputOnly, batch].map(
      (text, i) => parseCaptureLine(text, { key: KEY, line: i + 1 }).record!,
    );
    const back = extractRecords(
      parseExtract(serializeExtract(buildCaptureExtract(records, KEY)), EXTRACT_KEY),
    );
    expect(back).toEqual(records);
    expect(back[0]!.outputs).toEqual([]);
    expect(back[1]!.rowIds).toEqual(['r1', undefined]);
  });

  it('reports a damaged extract instead of failing: bad lines, no header, cut short', () => {
    const records = parseCaptureText(
      readFileSync(
        fixture('capture-jsonlines-clarify/28-32-105-b59d42b8-3dac-421a-a586-0c4effa143d2.jsonl'),
        'utf8',
      ),
      KEY,
      () => {},
    );
    const lines = serializeExtract(buildCaptureExtract(records, KEY)).trimEnd().split('\n');
    const damaged = parseExtract([lines[0], lines[1], '{"eventId":', lines[2]].join('\n'), EXTRACT_KEY);
    expect(damaged.rows).toHaveLength(2);
    expect(damaged.issues.map((i) => [i.reason, i.key, i.line])).toEqual([
      ['malformed-line', EXTRACT_KEY, 3],
      ['malformed-line', EXTRACT_KEY, 4],
    ]);
    expect(damaged.issues[1]!.message).toContain('announces 3 rows but holds 2');
    const headless = parseExtract(lines.slice(1).join('\n'), EXTRACT_KEY);
    expect(headless.captureKey).toBe(KEY);
    expect(headless.rows).toHaveLength(3);
    expect(headless.issues.map((i) => i.line)).toEqual([1]);
  });
});

describe('non-finite numbers in an extract', () => {
  it('keeps a JSON payload’s overflowing number as non-finite rather than turning it into a missing null', () => {
    const line = JSON.stringify({
      captureData: {
        endpointInput: {
          observedContentType: 'application/json',
          mode: 'INPUT',
          data: '[1e400, -1e400, 2.5]',
          encoding: 'JSON',
        },
      },
      eventMetadata: { eventId: 'e-1', inferenceTime: '2024-05-01T12:10:00Z' },
      eventVersion: '0',
    });
    const parsed = parseCaptureLine(line, { key: KEY, line: 1 });
    if (!parsed.record) throw new Error(`capture line did not parse: ${parsed.issue?.reason}`);
    const text = serializeExtract(buildCaptureExtract([parsed.record], KEY));
    expect(text).not.toContain('null');
    const [record] = extractRecords(parseExtract(text, EXTRACT_KEY));
    const builder = new ProfileBuilder();
    builder.addRow((record?.inputs[0] ?? []) as RowValue[]);
    expect(builder.build().columns.map((c) => [c.nonFinite, c.present])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
  });
});
