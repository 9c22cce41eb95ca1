import { type CaptureRecord, decodePayload, parseCaptureLine } from '@vigil/core/capture';
import { describe, expect, it } from 'vitest';

const source = { key: 'capture/ep/AllTraffic/2024/05/01/13/00-00-000-x.jsonl', line: 3 };

interface EventData {
  observedContentType?: string;
  mode?: string;
  data: unknown;
  encoding?: string;
}

function line(input?: EventData, output?: EventData, metadata: Record<string, unknown> = {}): string {
  const captureData: Record<string, unknown> = {};
  if (input) captureData.endpointInput = { mode: 'INPUT', ...input };
  if (output) captureData.endpointOutput = { mode: 'OUTPUT', ...output };
  return JSON.stringify({
    captureData,
    eventMetadata: { eventId: 'e-1', inferenceTime: '2024-05-01T13:05:00Z', ...metadata },
    eventVersion: '0',
  });
}

const csv = (data: string, contentType = 'text/csv'): EventData => ({
  observedContentType: contentType,
  data,
  encoding: 'CSV',
});
const json = (data: string, contentType = 'application/json'): EventData => ({
  observedContentType: contentType,
  data,
  encoding: 'JSON',
});
const base64 = (text: string, contentType: string): EventData => ({
  observedContentType: contentType,
  data: btoa(String.fromCharCode(...new TextEncoder().encode(text))),
  encoding: 'BASE64',
});

function record(text: string): CaptureRecord {
  const parsed = parseCaptureLine(text, source);
  if (!parsed.record) throw new Error(`expected a record, got ${JSON.stringify(parsed.issue)}`);
  return parsed.record;
}

function reason(text: string): string | undefined {
  return parseCaptureLine(text, source).issue?.reason;
}

describe('parseCaptureLine', () => {
  it('splits a multi-record CSV request and pairs output line i with input line i', () => {
    const r = record(line(csv('1,2,3\r\n4,5,6\n7,8,9\n'), csv('0.1\n0.2\n0.3\n', 'text/csv; charset=utf-8')));
    expect(r.inputs).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
    ]);
    expect(r.outputs).toEqual([['0.1'], ['0.2'], ['0.3']]);
    expect(r.outputJson).toBeUndefined();
  });

  it('keeps CSV field text as sent, with RFC-4180 quoting', () => {
    const r = record(line(csv('" a, b",007,,"say ""hi""",1e3'), csv('x')));
    expect(r.inputs).toEqual([[' a, b', '007', '', 'say "hi"', '1e3']]);
  });

  it('reads one-line CSV answers to a CSV batch as one value per record (XGBoost style)', () => {
    const r = record(line(csv('1,2\n3,4\n5,6'), csv('0.1,0.7,0.4')));
    expect(r.outputs).toEqual([['0.1'], ['0.7'], ['0.4']]);
  });

  it('reports a response whose record count differs from the request', () => {
    const parsed = parseCaptureLine(line(csv('1,2\n3,4\n5,6'), csv('0.1\n0.2')), source);
    expect(parsed.issue).toMatchObject({ reason: 'record-count-mismatch', key: source.key, line: 3 });
    expect(parsed.issue?.message).toContain('3 record(s) but the response 2');
  });

  it('decodes base64 payloads by their content type, UTF-8 included', () => {
    const r = record(
      line(
        base64('1,héllo\n2,wörld\n', 'text/csv'),
        base64('{"score":0.25}\n{"score":0.75}', 'application/jsonlines'),
      ),
    );
    expect(r.inputs).toEqual([
      ['1', 'héllo'],
      ['2', 'wörld'],
    ]);
    expect(r.outputs).toEqual([['0.25'], ['0.75']]);
    expect(r.outputJson).toEqual([{ score: 0.25 }, { score: 0.75 }]);
  });

  it('counts undecodable and unsupported payloads, naming the field but not the data', () => {
    const bad = parseCaptureLine(
      line({ observedContentType: 'text/csv', data: '%%%not base64', encoding: 'BASE64' }),
      source,
    );
    expect(bad.issue?.reason).toBe('undecodable-payload');
    expect(bad.issue?.message).not.toContain('%%%');
    const latin1 = { observedContentType: 'text/csv', data: btoa('\xff\xfe'), encoding: 'BASE64' };
    expect(reason(line(latin1))).toBe('undecodable-payload');
    expect(reason(line(base64('abc', 'application/x-npy')))).toBe('unsupported-content-type');
    expect(reason(line(json('{"features":[1,'), json('{}')))).toBe('undecodable-payload');
    expect(reason(line(json('{"a":1}\n{oops', 'application/jsonlines')))).toBe('undecodable-payload');
    expect(reason(line({ observedContentType: 'text/csv', data: 42, encoding: 'CSV' }))).toBe(
      'malformed-line',
    );
    expect(reason(line({ observedContentType: 'text/csv', data: '1', encoding: 'GZIP' }))).toBe(
      'undecodable-payload',
    );
  });

  it('reads content types with parameters and any case, and falls back on the encoding', () => {
    expect(record(line(csv('1,2', 'TEXT/CSV; charset=UTF-8'))).inputs).toEqual([['1', '2']]);
    expect(record(line(json('{"features":[1,2]}', 'application/x-jsonlines'))).inputs).toEqual([['1', '2']]);
    // SageMaker writes CSV/JSON encodings only for content types configured as CSV/JSON.
    expect(record(line(csv('1,2', 'text/plain'))).inputs).toEqual([['1', '2']]);
    expect(record(line({ data: '[3,4]', encoding: 'JSON' })).inputs).toEqual([['3', '4']]);
  });

  it('reads the JSON record shapes it documents', () => {
    expect(
      record(
        line(json('{"instances":[[1,2],[3,4]]}'), json('{"predictions":[{"score":0.1},{"score":0.9}]}')),
      ),
    ).toMatchObject({
      inputs: [
        ['1', '2'],
        ['3', '4'],
      ],
      outputs: [['0.1'], ['0.9']],
      outputJson: [{ score: 0.1 }, { score: 0.9 }],
    });
    expect(record(line(json('[[1,"a"],[2,"b"]]'))).inputs).toEqual([
      ['1', 'a'],
      ['2', 'b'],
    ]);
    expect(record(line(json('[1,2,3]'))).inputs).toEqual([['1', '2', '3']]);
    expect(record(line(json('{"age":41,"city":"Oslo","vip":true,"tags":["a"],"x":null}'))).inputs).toEqual([
      ['41', 'Oslo', true, '["a"]', null],
    ]);
    expect(record(line(json('7'), json('{"predicted_label":1,"score":0.98}'))).outputs).toEqual([
      ['1', '0.98'],
    ]);
    // JSON Lines sent as application/json still reads line by line.
    expect(record(line(json('{"features":[1]}\n{"features":[2]}\n'))).inputs).toEqual([['1'], ['2']]);
  });

  it("reads NaN and ±Infinity in JSON payloads as Python's json.dumps and Spark write them", () => {
    // json.dumps([float('nan'), float('inf')]) is '[NaN, Infinity]'; Spark's JSON reader accepts it.
    expect(record(line(json('[NaN, Infinity, -Infinity, +Infinity, 1.5]'))).inputs).toEqual([
      ['NaN', 'Infinity', '-Infinity', '+Infinity', '1.5'],
    ]);
    const answered = record(line(json('{"instances":[[NaN,2]]}'), json('{"predictions":[{"score":NaN}]}')));
    expect(answered.inputs).toEqual([['NaN', '2']]);
    expect(answered.outputs).toEqual([['NaN']]);
    expect(answered.outputJson).toEqual([{ score: Number.NaN }]);
    expect(record(line(json('{"a":-Infinity}\n{"a":2.5}', 'application/jsonlines'))).inputs).toEqual([
      ['-Infinity'],
      ['2.5'],
    ]);
    // Other words are still not JSON.
    expect(reason(line(json('[nan, 1]')))).toBe('undecodable-payload');
    expect(reason(line(json('[-NaN, 1]')))).toBe('undecodable-payload');
  });

  it('keeps eventId, inferenceId and inferenceTime', () => {
    const r = record(line(csv('1'), csv('0'), { inferenceId: 'req-9' }));
    expect(r).toMatchObject({
      eventId: 'e-1',
      inferenceId: 'req-9',
      inferenceTime: '2024-05-01T13:05:00Z',
      source,
    });
  });

  it('reads input-only and output-only capture', () => {
    const inputOnly = record(line(csv('1,2\n3,4')));
    expect(inputOnly.outputs).toEqual([]);
    const outputOnly = record(line(undefined, csv('0.5\n0.6')));
    expect(outputOnly.inputs).toEqual([[], []]);
    expect(outputOnly.outputs).toEqual([['0.5'], ['0.6']]);
  });

  it('counts lines that are not capture records', () => {
    expect(reason('{"captureData":')).toBe('malformed-line');
    expect(reason('[1,2]')).toBe('malformed-line');
    expect(reason('{"captureData":{},"eventVersion":"0"}')).toBe('malformed-line');
    expect(reason('{"eventMetadata":{"eventId":"e"}}')).toBe('missing-capture-data');
    expect(reason('{"captureData":{},"eventMetadata":{"eventId":"e"}}')).toBe('missing-capture-data');
    expect(reason(line(csv('')))).toBe('missing-capture-data');
  });
});

describe('batch transform records', () => {
  const batchLine = (
    data: string,
    encoding: string,
    metadata: Record<string, unknown> = { eventId: 'b-1' },
  ) =>
    JSON.stringify({
      captureData: { batchTransformOutput: { data, encoding } },
      eventMetadata: metadata,
      eventVersion: '0',
    });

  it('splits SageMakerOutput from the joined input and keeps SageMakerInferenceId per row', () => {
    const data =
      '{"SageMakerInferenceId":"id-1","SageMakerInferenceTime":"2023-01-21T01:00:00Z","SageMakerOutput":{"predicted_label":1,"score":0.8},"features":[5,6]}\n' +
      '{"SageMakerInferenceId":"id-2","SageMakerInferenceTime":"2023-01-21T01:00:00Z","SageMakerOutput":{"predicted_label":0,"score":0.1},"features":[7,8]}\n';
    const r = record(batchLine(data, 'JSON'));
    expect(r.inputs).toEqual([
      ['5', '6'],
      ['7', '8'],
    ]);
    expect(r.outputs).toEqual([
      ['1', '0.8'],
      ['0', '0.1'],
    ]);
    expect(r.outputJson).toEqual([
      { predicted_label: 1, score: 0.8 },
      { predicted_label: 0, score: 0.1 },
    ]);
    expect(r.rowIds).toEqual(['id-1', 'id-2']);
    expect(r.inferenceTime).toBe('2023-01-21T01:00:00Z');
  });

  it('takes a JSON row without SageMakerOutput as the answer alone', () => {
    const r = record(batchLine('{"predicted_label":1}', 'JSON', { eventId: 'b', inferenceId: '95' }));
    expect(r).toMatchObject({
      inferenceId: '95',
      inputs: [[]],
      outputs: [['1']],
      outputJson: [{ predicted_label: 1 }],
    });
    expect(r.rowIds).toBeUndefined();
  });

  it('recognises the id and time columns GenerateInferenceId appends to CSV rows', () => {
    const r = record(
      batchLine('0.9,1,2b9a3c1e-8f0d-4c5e-9a7b-1d2e3f4a5b6c,2023-01-21T01:02:03Z\n0.2,0\n', 'CSV'),
    );
    expect(r.outputs).toEqual([
      ['0.9', '1'],
      ['0.2', '0'],
    ]);
    expect(r.rowIds).toEqual(['2b9a3c1e-8f0d-4c5e-9a7b-1d2e3f4a5b6c', undefined]);
  });

  it('names a content type or encoding that is not text by its type, never its value (fuzz seed 72489094)', () => {
    const data = '-1.797693134862313e+308';
    const { problem } = decodePayload(
      { observedContentType: ['image/png'], data, encoding: { '': -1.797693134862313e308 } },
      'captureData.endpointInput',
    );
    expect(problem).toEqual({
      reason: 'unsupported-content-type',
      message:
        'captureData.endpointInput has content type of type array with encoding of type object: Vigil reads ' +
        'text/csv, application/json and application/jsonlines payloads (send one of these content types, or ' +
        'capture them as CSV/JSON)',
    });
    expect(decodePayload({ data, encoding: 'GZIP' }, 'f').problem?.message).toContain('with encoding "GZIP"');
  });
});
