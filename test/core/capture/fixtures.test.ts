import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CaptureIssue, captureRows, parseCaptureStream, parseCaptureText } from '@vigil/core/capture';
import { describe, expect, it } from 'vitest';

const fixture = (path: string) =>
  fileURLToPath(new URL(`../../../../shared/fixtures/sagemaker/${path}`, import.meta.url));
const PACKT = fixture('capture-csv-packt/45-47-410-519762dc-1394-44c0-985a-957129a9c5e1.jsonl');
const CLARIFY = fixture('capture-jsonlines-clarify/28-32-105-b59d42b8-3dac-421a-a586-0c4effa143d2.jsonl');

async function* chunksOf(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('the real capture fixtures', () => {
  it('reads the text/csv capture of the Packt Boston-housing endpoint', () => {
    const issues: CaptureIssue[] = [];
    const records = parseCaptureText(readFileSync(PACKT, 'utf8'), 'packt.jsonl', (i) => issues.push(i));
    expect(issues).toEqual([]);
    expect(records).toEqual([
      {
        eventId: '44de16a8-6203-4a34-bf62-e52d6466a9f8',
        inferenceTime: '2021-07-07T16:45:47Z',
        inputs: [
          [
            '0.00632',
            '18.00',
            '2.310',
            '0',
            '0.5380',
            '6.5750',
            '65.20',
            '4.0900',
            '1',
            '296.0',
            '15.30',
            '4.98',
          ],
        ],
        outputs: [['30.413358688354492']],
        source: { key: 'packt.jsonl', line: 1 },
      },
    ]);
    expect(captureRows(records[0]!, 'START')[0]).toEqual([
      '30.413358688354492',
      '0.00632',
      '18.00',
      '2.310',
      '0',
      '0.5380',
      '6.5750',
      '65.20',
      '4.0900',
      '1',
      '296.0',
      '15.30',
      '4.98',
    ]);
  });

  it('reads the application/jsonlines capture of the Clarify endpoint, splitting the two-record request', () => {
    const issues: CaptureIssue[] = [];
    const records = parseCaptureText(readFileSync(CLARIFY, 'utf8'), 'clarify.jsonl', (i) => issues.push(i));
    expect(issues).toEqual([]);
    expect(records).toHaveLength(2);
    const [single, batch] = records;
    expect(single!.eventId).toBe('50ef5ec7-4d6b-4606-b13d-803c7416f853');
    // Numbers read as CSV would read them: as written.
    expect(single!.inputs).toEqual([
      ['28', '2', '133937', '9', '13', '2', '0', '0', '4', '1', '15024', '0', '55', '37'],
    ]);
    expect(single!.outputs).toEqual([['1', '0.989977359771728']]);
    expect(single!.outputJson).toEqual([{ predicted_label: 1, score: 0.989977359771728 }]);

    expect(batch!.eventId).toBe('74e40c99-2d94-4a6d-a21e-f0222769012e');
    expect(batch!.inferenceTime).toBe('2023-01-19T05:28:32Z');
    expect(batch!.source).toEqual({ key: 'clarify.jsonl', line: 2 });
    // Input line i pairs with output line i: the 43-year-old's row gets the 0.504 score.
    expect(batch!.inputs).toEqual([
      ['28', '2', '133937', '9', '13', '2', '0', '0', '4', '1', '15024', '0', '55', '37'],
      ['43', '2', '72338', '12', '14', '2', '12', '0', '1', '1', '0', '0', '40', '37'],
    ]);
    expect(batch!.outputs).toEqual([
      ['1', '0.989977359771728'],
      ['1', '0.504138827323913'],
    ]);
    expect(batch!.outputJson).toEqual([
      { predicted_label: 1, score: 0.989977359771728 },
      { predicted_label: 1, score: 0.504138827323913 },
    ]);
    expect(captureRows(batch!, 'END')[1]).toEqual([
      '43',
      '2',
      '72338',
      '12',
      '14',
      '2',
      '12',
      '0',
      '1',
      '1',
      '0',
      '0',
      '40',
      '37',
      '1',
      '0.504138827323913',
    ]);
  });

  it('streams the fixtures identically whatever the chunk size', async () => {
    for (const path of [PACKT, CLARIFY]) {
      const bytes = new Uint8Array(readFileSync(path));
      const whole = parseCaptureText(new TextDecoder().decode(bytes), 'k', () => {});
      for (const size of [1, 7, 64, 4096]) {
        const streamed = [];
        for await (const record of parseCaptureStream(chunksOf(bytes, size), 'k', () => {}))
          streamed.push(record);
        expect(streamed).toEqual(whole);
      }
    }
  });
});
