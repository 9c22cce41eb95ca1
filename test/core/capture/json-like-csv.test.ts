import { type CaptureIssue, captureRows, parseCaptureLine, parseCaptureText } from '@vigil/core/capture';
import { IssueTally, profileDataset } from '@vigil/core/dataquality';
import { parseGroundTruthLine } from '@vigil/core/groundtruth';
import { ProfileBuilder, profileToJson } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

const source = { key: 'k.jsonl', line: 1 };

function line(
  input: { data: string; type: string; encoding: string },
  output?: { data: string; type: string; encoding: string },
) {
  const event = (p: { data: string; type: string; encoding: string }, mode: string) => ({
    observedContentType: p.type,
    mode,
    data: p.data,
    encoding: p.encoding,
  });
  return JSON.stringify({
    captureData: {
      endpointInput: event(input, 'INPUT'),
      ...(output ? { endpointOutput: event(output, 'OUTPUT') } : {}),
    },
    eventMetadata: { eventId: 'e-1', inferenceTime: '2024-05-01T12:00:00Z' },
    eventVersion: '0',
  });
}
const csv = (data: string) => ({ data, type: 'text/csv', encoding: 'CSV' });
const json = (data: string) => ({ data, type: 'application/json', encoding: 'JSON' });
const jsonl = (data: string) => ({ data, type: 'application/jsonlines', encoding: 'JSON' });

/** The same values, written the same way, as CSV and as a JSON features array. */
const VALUES = [
  ['50010.0', '50010', '-0.5', '0', 'x', 'true', '1.25e3'],
  ['12.000', '-7', '3.5', '-0', 'y', 'false', '7'],
  ['0.0', '900719925474099300', '2', '1', 'z', 'true', '-2.5E-2'],
];

function profileOf(lines: string[]) {
  const issues: CaptureIssue[] = [];
  const records = parseCaptureText(`${lines.join('\n')}\n`, 'k.jsonl', (i) => issues.push(i));
  expect(issues).toEqual([]);
  const builder = new ProfileBuilder([]);
  for (const r of records) for (const row of captureRows(r, 'START')) builder.addRow(row);
  return profileToJson(builder.build());
}

describe('JSON payloads read as CSV payloads of the same values', () => {
  it('profiles a JSON capture exactly as the CSV capture of the same texts (50010.0 is Fractional)', () => {
    const asCsv = profileOf(VALUES.map((v) => line(csv(v.join(',')))));
    const asJson = profileOf(
      VALUES.map((v) =>
        line(json(`{"features":[${v.map((x) => (/^[a-z]$/.test(x) ? `"${x}"` : x)).join(',')}]}`)),
      ),
    );
    expect(asJson).toEqual(asCsv);
    expect(asJson.columns[0]!.types.fractional).toBe(3);
    expect(asJson.columns[0]!.types.integral).toBe(0);
    expect(asJson.columns[1]!.types.integral).toBe(3);
  });

  it('keeps an object record in document order, integer-like keys included', () => {
    const { record } = parseCaptureLine(
      line(jsonl('{"zip":"02139","10":50010.0,"2":3}\n{"zip":"10001","10":7,"2":-1.50}')),
      source,
    );
    expect(record?.inputs).toEqual([
      ['02139', '50010.0', '3'],
      ['10001', '7', '-1.50'],
    ]);
  });

  it('keeps nested values as compact JSON in document order with numbers as written', () => {
    const { record } = parseCaptureLine(
      line(json('{"id": 1, "meta": {"z": 1.0, "1": [2, 3.50]}, "tag": null}'), json('{"score": 0.50}')),
      source,
    );
    expect(record?.inputs).toEqual([['1', '{"z":1.0,"1":[2,3.50]}', null]]);
    expect(record?.outputs).toEqual([['0.50']]);
    // The parsed JSON, for JSON-path addressing, is what JSON.parse gives.
    expect(record?.outputJson).toEqual([{ score: 0.5 }]);
  });

  it('reads the instances and predictions conventions in document order', () => {
    const { record } = parseCaptureLine(
      line(
        json('{"instances":[{"b":1.0,"a":2},{"b":3,"a":4.0}]}'),
        json('{"predictions":[{"score":0.9,"label":1.0},{"score":0.1,"label":0}]}'),
      ),
      source,
    );
    expect(record?.inputs).toEqual([
      ['1.0', '2'],
      ['3', '4.0'],
    ]);
    expect(record?.outputs).toEqual([
      ['0.9', '1.0'],
      ['0.1', '0'],
    ]);
  });

  it('reads batch transform JSON rows in document order', () => {
    const data =
      '{"SageMakerInferenceId":"id-1","SageMakerOutput":{"score":1.0},"zip":"02139","10":5.0,"2":7}\n';
    const parsed = parseCaptureLine(
      JSON.stringify({
        captureData: { batchTransformOutput: { data, encoding: 'JSON' } },
        eventMetadata: { eventId: 'b-1' },
        eventVersion: '0',
      }),
      source,
    );
    expect(parsed.record).toMatchObject({
      inputs: [['02139', '5.0', '7']],
      outputs: [['1.0']],
      rowIds: ['id-1'],
    });
  });

  it('still counts malformed JSON payloads, naming the field and offset but no data', () => {
    for (const bad of [
      '{"features":[1,2]',
      '{"a":01}',
      '[1,]',
      '{"a":1}}',
      '"\u0001"',
      '{"a":.5}',
      '[1e]',
      'nan',
      '[-NaN]',
      '[Infinit]',
    ]) {
      const parsed = parseCaptureLine(line(json(bad)), source);
      expect(parsed.issue?.reason, bad).toBe('undecodable-payload');
      expect(parsed.issue?.message).toMatch(
        /^captureData\.endpointInput\.data is not valid JSON \(Invalid JSON at offset \d+/,
      );
    }
  });

  it("reads a bare NaN document as one non-finite value, as Python's json.dumps writes it", () => {
    expect(parseCaptureLine(line(json('NaN')), source).record?.inputs).toEqual([['NaN']]);
  });

  it('reads a JSON ground-truth label as written, its JSON as JSON.parse gives it', () => {
    const labelLine = JSON.stringify({
      groundTruthData: { data: '{"label": 1.0, "weight": 2}', encoding: 'JSON' },
      eventMetadata: { eventId: 'g' },
      eventVersion: '0',
    });
    expect(parseGroundTruthLine(labelLine, source).labels).toEqual([
      { id: 'g', eventId: 'g', values: ['1.0', '2'], json: { label: 1, weight: 2 }, source },
    ]);
  });

  it('profiles a JSON Lines baseline dataset as written and in document order', async () => {
    const text = '{"zip":"02139","10":50010.0,"2":1}\n{"zip":"10001","10":50011.0,"2":2}\n';
    async function* chunks() {
      yield new TextEncoder().encode(text);
    }
    const { profile, names } = await profileDataset(
      chunks(),
      { format: 'jsonl', header: false },
      new IssueTally(),
    );
    expect(names).toEqual(['zip', '10', '2']);
    const ten = profileToJson(profile).columns[1]!;
    expect([ten.types.fractional, ten.types.integral]).toEqual([2, 0]);
  });
});
