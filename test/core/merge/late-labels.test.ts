import { readWindowLabels } from '@vigil/core/groundtruth';
import { mergeWithLabels, readWindowRecords } from '@vigil/core/merge';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const captureLine = (eventId: string, inferenceId: string, inferenceTime: string, score: number) =>
  JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '5,7', encoding: 'CSV' },
      endpointOutput: {
        observedContentType: 'application/json',
        mode: 'OUTPUT',
        data: `{"score":${score}}`,
        encoding: 'JSON',
      },
    },
    eventMetadata: { eventId, inferenceId, inferenceTime },
    eventVersion: '0',
  });
const labelLine = (eventId: string, label: number) =>
  JSON.stringify({
    groundTruthData: { data: String(label), encoding: 'CSV' },
    eventMetadata: { eventId },
    eventVersion: '0',
  });

describe('capture and label windows configured separately', () => {
  it('joins labels that arrive in a later hour folder, and counts labels of predictions outside the capture window', async () => {
    const store = new MemoryStore('memory://test', { chunking: 37 });
    await store.put(
      'capture/ep/AllTraffic/2024/05/01/13/10-00-000-a.jsonl',
      `${[captureLine('e1', 'r1', '2024-05-01T13:10:00Z', 0.9), captureLine('e2', 'r2', '2024-05-01T13:20:00Z', 0.2)].join('\n')}\n`,
    );
    await store.put(
      'capture/ep/AllTraffic/2024/05/01/11/10-00-000-b.jsonl',
      `${captureLine('e0', 'r0', '2024-05-01T11:10:00Z', 0.7)}\n`,
    );
    // r1's label the same hour; r2's the next morning; r0's (an older prediction) alongside.
    await store.put('gt/ep/2024/05/01/13/3000.jsonl', `${labelLine('r1', 1)}\n`);
    await store.put(
      'gt/ep/2024/05/02/09/0000.jsonl',
      `${[labelLine('r2', 1), labelLine('r0', 0)].join('\n')}\n`,
    );

    // Scheduled at 2024-05-02T10:00Z: captures of -PT21H..-PT20H, labels of -P2D..PT0H.
    const captureWindow = { start: new Date('2024-05-01T13:00:00Z'), end: new Date('2024-05-01T14:00:00Z') };
    const labelWindow = { start: new Date('2024-04-30T10:00:00Z'), end: new Date('2024-05-02T10:00:00Z') };
    const captured = await readWindowRecords(store, {
      capturePrefix: 'capture',
      endpoint: 'ep',
      variant: 'AllTraffic',
      window: captureWindow,
      source: 'capture',
    });
    const { labels } = await readWindowLabels(store, { prefix: 'gt/ep', window: labelWindow });
    const { rows, report } = mergeWithLabels(captured.records, labels, { probabilityAttribute: 'score' });
    expect(rows).toEqual([
      { id: 'r1', label: 1, prediction: 1, probability: 0.9 },
      { id: 'r2', label: 1, prediction: 0, probability: 0.2 },
    ]);
    expect(report).toMatchObject({ matched: 2, unmatchedLabels: 1, unmatchedPredictions: 0 });
    expect(report.samples.unmatchedLabels).toEqual(['r0']);
  });
});
