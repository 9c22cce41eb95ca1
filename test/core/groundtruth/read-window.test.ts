import { readWindowLabels } from '@vigil/core/groundtruth';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const labelLine = (eventId: string, data: string) =>
  JSON.stringify({
    groundTruthData: { data, encoding: 'CSV' },
    eventMetadata: { eventId },
    eventVersion: '0',
  });

describe('readWindowLabels', () => {
  it('reads the hour folders of the label window, oldest first, and nothing outside it', async () => {
    const store = new MemoryStore('memory://test', { chunking: 37 });
    await store.put('gt/ep/2024/05/01/12/0000.jsonl', `${labelLine('before', '1')}\n`);
    await store.put('gt/ep/2024/05/01/13/0500.jsonl', `${labelLine('a', '1')}\n`);
    await store.put('gt/ep/2024/05/01/13/0100.jsonl', `${labelLine('b', '0')}\nbroken\n`);
    await store.put('gt/ep/2024/05/02/09/0000.jsonl', `${labelLine('late', '1')}`);
    await store.put('gt/ep/2024/05/02/10/0000.jsonl', `${labelLine('after', '1')}\n`);
    const window = { start: new Date('2024-05-01T13:00:00Z'), end: new Date('2024-05-02T10:00:00Z') };
    const { labels, issues, files } = await readWindowLabels(store, { prefix: 'gt/ep', window });
    expect(labels.map((l) => l.id)).toEqual(['b', 'a', 'late']);
    expect(files).toBe(3);
    expect(issues).toEqual([expect.objectContaining({ key: 'gt/ep/2024/05/01/13/0100.jsonl', line: 2 })]);
  });
});
