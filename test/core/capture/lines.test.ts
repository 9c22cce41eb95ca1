import { type CaptureIssue, captureLines, parseCaptureStream, parseCaptureText } from '@vigil/core/capture';
import { describe, expect, it } from 'vitest';

async function* chunksOf(bytes: Uint8Array, cuts: number[]): AsyncIterable<Uint8Array> {
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.subarray(start, cut);
    start = cut;
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const csvLine = (eventId: string, data: string) =>
  JSON.stringify({
    captureData: { endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data, encoding: 'CSV' } },
    eventMetadata: { eventId, inferenceTime: '2024-05-01T13:05:00Z' },
    eventVersion: '0',
  });

describe('captureLines', () => {
  const text = 'première ligne\r\nsecond 🎉 line\n\nlast without newline';
  const bytes = new TextEncoder().encode(text);
  const expected = ['première ligne', 'second 🎉 line', '', 'last without newline'];

  it('splits at every possible chunk boundary, UTF-8 and CRLF included', async () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(await collect(captureLines(chunksOf(bytes, [cut])))).toEqual(expected);
    }
  });

  it('splits one byte at a time', async () => {
    const cuts = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(await collect(captureLines(chunksOf(bytes, cuts)))).toEqual(expected);
  });

  it('yields no empty last line after a final newline, and drops a byte-order mark', async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a\r\nb\n')]);
    expect(await collect(captureLines(chunksOf(withBom, [1, 4])))).toEqual(['a', 'b']);
    expect(await collect(captureLines(chunksOf(new Uint8Array(), [])))).toEqual([]);
  });
});

describe('parseCaptureStream', () => {
  it('counts malformed lines with their line numbers and keeps the rest of the file', async () => {
    const text = [
      csvLine('e1', '1,2'),
      '{"captureData":{"endpointInput":', // cut short
      '',
      csvLine('e2', '3,4'),
      'not json at all',
      csvLine('e3', '5,6'),
    ].join('\r\n');
    const bytes = new TextEncoder().encode(text);
    const issues: CaptureIssue[] = [];
    const records = await collect(
      parseCaptureStream(chunksOf(bytes, [10, 200, 201]), 'k.jsonl', (i) => issues.push(i)),
    );
    expect(records.map((r) => [r.eventId, r.source.line, r.inputs])).toEqual([
      ['e1', 1, [['1', '2']]],
      ['e2', 4, [['3', '4']]],
      ['e3', 6, [['5', '6']]],
    ]);
    expect(issues.map((i) => [i.reason, i.key, i.line])).toEqual([
      ['malformed-line', 'k.jsonl', 2],
      ['malformed-line', 'k.jsonl', 5],
    ]);
    expect(parseCaptureText(text, 'k.jsonl', () => {})).toEqual(records);
  });

  it('stops reading when the consumer stops', async () => {
    let chunksRead = 0;
    async function* source() {
      for (let i = 0; i < 100; i++) {
        chunksRead++;
        yield new TextEncoder().encode(`${csvLine(`e${i}`, String(i))}\n`);
      }
    }
    for await (const record of parseCaptureStream(source(), 'k', () => {})) {
      if (record.eventId === 'e2') break;
    }
    expect(chunksRead).toBe(3);
  });
});
