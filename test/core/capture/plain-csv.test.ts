import {
  type CaptureIssue,
  type CaptureRecord,
  captureRows,
  emptyPlainCsvCapture,
  isNotUtf8Line,
  lineBlocks,
  type PlainCsvCapture,
  parseCaptureLine,
  parseCaptureLineOrPlainCsv,
} from '@vigil/core/capture';
import { IssueTally, profileCaptureChunks } from '@vigil/core/dataquality';
import { ProfileBuilder, serializeProfile } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

const next = (() => {
  let seed = 29;
  return () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
})();
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

function payload(width: number): Record<string, unknown> {
  const fields = Array.from({ length: width }, () =>
    next() < 0.7 ? (next() * 100).toFixed(3) : pick(['', 'red', '-', ' 4', 'true', '1e3']),
  );
  let data = fields.join(',');
  const shape = next();
  if (shape < 0.05) data += '\r';
  else if (shape < 0.08) data = `${data}\n${data}`;
  else if (shape < 0.1) data = `"a,b",${data}`;
  else if (shape < 0.12) data = pick(['', '\r']);
  const encoding = pick(['CSV', 'CSV', 'csv', 'JSON', 'BASE64', undefined, 'XML']);
  return {
    observedContentType: pick([
      'text/csv',
      'text/csv; charset=utf-8',
      'TEXT/CSV',
      'application/json',
      undefined,
    ]),
    mode: 'INPUT',
    data: encoding === 'BASE64' ? btoa(data) : data,
    encoding,
  };
}

/** Capture lines of many shapes: plain CSV mostly, and every way a line can leave the plain path. */
function captureText(n: number): string {
  const lines = Array.from({ length: n }, (_, i) => {
    const r = next();
    if (r < 0.01) return '';
    if (r < 0.02) return '{"captureData":';
    if (r < 0.025) return '[1]';
    const captureData: Record<string, unknown> = {};
    if (next() < 0.95) captureData.endpointInput = payload(next() < 0.9 ? 5 : 3);
    if (next() < 0.8) captureData.endpointOutput = payload(next() < 0.95 ? 1 : 2);
    const eventMetadata = next() < 0.98 ? { eventId: `e${i}` } : { eventId: '' };
    return JSON.stringify({ captureData, eventMetadata, eventVersion: '0' });
  });
  return `\uFEFF${lines.join('\r\n')}`;
}

async function* chunksOf(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('parseCaptureLineOrPlainCsv', () => {
  it('gives plain lines as the texts of parseCaptureLine’s fields, and every other line as parseCaptureLine does', () => {
    const plain: PlainCsvCapture = emptyPlainCsvCapture();
    let plainLines = 0;
    for (const [i, line] of captureText(3000).slice(1).split('\r\n').entries()) {
      if (line === '') continue;
      const expected = parseCaptureLine(line, { key: 'k', line: i + 1 });
      const parsed = parseCaptureLineOrPlainCsv(line, 'k', i + 1, plain);
      if (parsed !== undefined) {
        expect(parsed).toEqual(expected);
        continue;
      }
      plainLines++;
      const record = expected.record as CaptureRecord;
      expect(record.inputs).toEqual([plain.input.slice(plain.inputStart, plain.inputEnd).split(',')]);
      const outputs =
        plain.output === undefined ? [] : [plain.output.slice(plain.outputStart, plain.outputEnd).split(',')];
      expect(record.outputs).toEqual(outputs);
    }
    expect(plainLines).toBeGreaterThan(500);
  });
});

describe('profileCaptureChunks', () => {
  it('profiles plain lines in place exactly as their parsed records, at any chunk size', async () => {
    const bytes = new TextEncoder().encode(captureText(2000));
    for (const outputColumns of ['START', 'END', 'NONE'] as const) {
      const results = [];
      for (const [size, keep] of [
        [1 << 20, []],
        [1 << 20, undefined],
        [7, undefined],
      ] as const) {
        const builder = new ProfileBuilder();
        const tally = new IssueTally();
        const kept: CaptureRecord[] | undefined = keep ? [] : undefined;
        const counts = await profileCaptureChunks(chunksOf(bytes, size), 'k', builder, {
          outputColumns,
          tally,
          ...(kept ? { keep: kept } : {}),
        });
        results.push({ profile: serializeProfile(builder.build()), counts, total: tally.total });
      }
      // The first run keeps records, which takes the general path for every line.
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
      expect(results[0]?.counts.issues.length).toBeGreaterThan(20);
    }
  });

  it('profiles the same rows as captureRows of the parsed records', async () => {
    const text = captureText(500);
    const bytes = new TextEncoder().encode(text);
    const expected = new ProfileBuilder();
    const issues: CaptureIssue[] = [];
    for (const [i, line] of text.slice(1).split('\r\n').entries()) {
      if (line === '') continue;
      const parsed = parseCaptureLine(line, { key: 'k', line: i + 1 });
      if (parsed.record) for (const row of captureRows(parsed.record, 'START')) expected.addRow(row);
      else issues.push(parsed.issue);
    }
    const builder = new ProfileBuilder();
    const counts = await profileCaptureChunks(chunksOf(bytes, 4096), 'k', builder, {
      outputColumns: 'START',
      tally: new IssueTally(),
    });
    expect(counts.issues).toEqual(issues);
    expect(serializeProfile(builder.build())).toBe(serializeProfile(expected.build()));
  });
});

describe('lineBlocks', () => {
  it('decodes to whole-line texts whose concatenation is the decoded stream, at every cut', async () => {
    const text = 'a\r\nprémière 🎉\n\nlast';
    const bytes = new TextEncoder().encode(`\uFEFF${text}`);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const blocks: string[] = [];
      for await (const block of lineBlocks(chunksOf(bytes, Math.max(cut, 1)))) blocks.push(block);
      expect(blocks.join('')).toBe(text);
      for (const block of blocks.slice(0, -1)) expect(block.endsWith('\n')).toBe(true);
    }
  });

  it('marks each line whose bytes are not UTF-8 instead of decoding it with U+FFFD, at every chunk size', async () => {
    // a + a cut euro sign | 0xFF b | a lone UTF-8 lead byte at the end, then a valid line.
    const bytes = new Uint8Array([0x61, 0xe2, 0x82, 0x0a, 0xff, 0x62, 0x0a, 0x6f, 0x6b, 0x0a, 0xc3]);
    for (const size of [1, 2, 3, 8, 11]) {
      let joined = '';
      for await (const block of lineBlocks(chunksOf(bytes, size))) joined += block;
      const lines = joined.split('\n');
      expect(lines.map(isNotUtf8Line)).toEqual([true, true, false, true]);
      expect(lines[2]).toBe('ok');
    }
  });
});
