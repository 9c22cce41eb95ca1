import { type CaptureIssue, parseCaptureText } from '@vigil/core/capture';
import { buildCaptureExtract, extractKeyFor, readWindowRecords, serializeExtract } from '@vigil/core/merge';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const captureLine = (eventId: string, inferenceTime?: string) =>
  JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2', encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: '0.5', encoding: 'CSV' },
    },
    eventMetadata: inferenceTime ? { eventId, inferenceTime } : { eventId },
    eventVersion: '0',
  });

const folder = 'capture/ep/AllTraffic';
const window = { start: new Date('2024-05-01T13:00:00Z'), end: new Date('2024-05-01T15:00:00Z') };

async function seeded(): Promise<MemoryStore> {
  const store = new MemoryStore('memory://test', { chunking: 37 });
  const files: Record<string, string[]> = {
    // The last file of 12h was flushed after 13:00: its late record belongs to the window.
    '2024/05/01/12/55-00-000-a.jsonl': [
      captureLine('early', '2024-05-01T12:55:00Z'),
      captureLine('spill', '2024-05-01T13:00:30Z'),
    ],
    '2024/05/01/11/10-00-000-old.jsonl': [captureLine('old', '2024-05-01T11:10:00Z')],
    '2024/05/01/13/05-00-000-b.jsonl': [
      captureLine('b1', '2024-05-01T13:05:00Z'),
      'not json',
      captureLine('untimed'),
    ],
    '2024/05/01/14/59-00-000-c.jsonl': [
      captureLine('c1', '2024-05-01T14:59:59Z'),
      captureLine('c-late', '2024-05-01T15:00:00Z'),
    ],
    '2024/05/01/15/00-00-000-d.jsonl': [captureLine('d1', '2024-05-01T15:00:01Z')],
  };
  for (const [path, lines] of Object.entries(files))
    await store.put(`${folder}/${path}`, `${lines.join('\n')}\n`);
  return store;
}

describe('readWindowRecords', () => {
  it('keeps records by inferenceTime, reads the spill-over folder, and counts what it leaves out', async () => {
    const store = await seeded();
    const result = await readWindowRecords(store, {
      capturePrefix: 'capture',
      endpoint: 'ep',
      variant: 'AllTraffic',
      window,
      source: 'capture',
    });
    expect(result.records.map((r) => r.eventId)).toEqual(['spill', 'b1', 'untimed', 'c1']);
    expect(result.recordsOutsideWindow).toBe(2); // early, c-late; old and d1 are in folders not read
    expect(result.filesOutsideWindowFolders).toEqual([`${folder}/2024/05/01/12/55-00-000-a.jsonl`]);
    expect(result.files).toBe(3);
    expect(result.issues).toEqual([
      expect.objectContaining({
        reason: 'malformed-line',
        key: `${folder}/2024/05/01/13/05-00-000-b.jsonl`,
        line: 2,
      }),
    ]);
  });

  it('reads the same records from the extracts as from raw capture', async () => {
    const store = await seeded();
    for await (const info of store.list('capture/')) {
      const issues: CaptureIssue[] = [];
      const text = new TextDecoder().decode(await store.get(info.key));
      const records = parseCaptureText(text, info.key, (i) => issues.push(i));
      await store.put(
        extractKeyFor(info.key),
        serializeExtract(buildCaptureExtract(records, info.key, issues)),
      );
    }
    const options = { capturePrefix: 'capture', endpoint: 'ep', variant: 'AllTraffic', window } as const;
    const raw = await readWindowRecords(store, { ...options, source: 'capture' });
    const fromExtracts = await readWindowRecords(store, { ...options, source: 'extracts' });
    expect(fromExtracts).toEqual(raw);
  });

  it('reads only the window folders when spill-over is off', async () => {
    const store = await seeded();
    const result = await readWindowRecords(store, {
      capturePrefix: 'capture',
      endpoint: 'ep',
      variant: 'AllTraffic',
      window,
      source: 'capture',
      spilloverHours: 0,
    });
    expect(result.records.map((r) => r.eventId)).toEqual(['b1', 'untimed', 'c1']);
    expect(result.filesOutsideWindowFolders).toEqual([]);
  });
});
