import { silentLog } from '@vigil/core';
import { type CaptureIssue, captureLines, isNotUtf8Line, parseCaptureBatches } from '@vigil/core/capture';
import { IssueTally, profileCaptureObject, profileDataset } from '@vigil/core/dataquality';
import { readWindowLabels } from '@vigil/core/groundtruth';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** `montréal` as Latin-1 writes it: é is the single byte 0xE9, which is not UTF-8. */
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const captureLine = (id: string, data: string) =>
  `${JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data, encoding: 'CSV' },
    },
    eventMetadata: { eventId: id, inferenceTime: '2024-05-01T12:00:00Z' },
    eventVersion: '0',
  })}\n`;

/** Three capture lines, the middle one in Latin-1. */
const file = concat(
  utf8(captureLine('a', '1,québec')),
  latin1(captureLine('b', '2,montréal')),
  utf8(captureLine('c', '3,\uFFFD')),
);

async function* chunksOf(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('capture lines whose bytes are not UTF-8', () => {
  it.each([1, 7, 64, 100_000])(
    'are counted as not-utf8 and the rest still read (chunks of %i bytes)',
    async (size) => {
      const issues: CaptureIssue[] = [];
      const records = [];
      for await (const batch of parseCaptureBatches(chunksOf(file, size), 'k.jsonl', (i) => issues.push(i))) {
        records.push(...batch);
      }
      expect(records.map((r) => r.inputs)).toEqual([[['1', 'québec']], [['3', '\uFFFD']]]);
      expect(issues).toEqual([expect.objectContaining({ reason: 'not-utf8', key: 'k.jsonl', line: 2 })]);
      expect(issues[0]?.message).not.toContain('montr');
    },
  );

  it('keeps a valid U+FFFD, which is UTF-8, as text', async () => {
    const lines: string[] = [];
    for await (const line of captureLines(chunksOf(utf8('x\uFFFDy\n'), 2))) lines.push(line);
    expect(lines).toEqual(['x\uFFFDy']);
    expect(isNotUtf8Line(lines[0] as string)).toBe(false);
  });

  it('are reported as skipped by profile-capture, which profiles the other records', async () => {
    const store = new MemoryStore('memory://t', { chunking: 50 });
    const key = 'capture/ep/AllTraffic/2024/05/01/12/a.jsonl';
    store.objects.set(key, file);
    const result = await profileCaptureObject({ store, log: silentLog }, { key, expectedBytes: file.length });
    expect(result.records).toBe(2);
    expect(result.skipped).toEqual([{ reason: 'not-utf8', count: 1, examples: [`${key}:2`] }]);
  });

  it('in a ground-truth file are counted as not-utf8', async () => {
    const store = new MemoryStore();
    const label = (id: string, data: string) =>
      `${JSON.stringify({ groundTruthData: { data, encoding: 'CSV' }, eventMetadata: { eventId: id }, eventVersion: '0' })}\n`;
    store.objects.set(
      'gt/ep/2024/05/01/13/0000.jsonl',
      concat(utf8(label('a', 'oui')), latin1(label('b', 'montréal')), utf8(label('c', 'non'))),
    );
    const window = { start: new Date('2024-05-01T13:00:00Z'), end: new Date('2024-05-01T14:00:00Z') };
    const { labels, issues } = await readWindowLabels(store, { prefix: 'gt/ep', window });
    expect(labels.map((l) => l.values)).toEqual([['oui'], ['non']]);
    expect(issues).toEqual([expect.objectContaining({ reason: 'not-utf8', line: 2 })]);
  });

  it('in a baseline dataset are counted as not-utf8', async () => {
    const tally = new IssueTally();
    const bytes = concat(utf8('city,n\nquébec,1\n'), latin1('montréal,2\n'), utf8('laval,3\n'));
    const { profile } = await profileDataset(
      chunksOf(bytes, 5),
      { format: 'csv', header: true },
      tally,
      'b.csv',
    );
    expect(profile.itemCount).toBe(2);
    expect(tally.toSkipped()).toEqual([{ reason: 'not-utf8', count: 1, examples: ['b.csv:3'] }]);
  });
});
