import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CaptureRecord, parseCaptureText } from '@vigil/core/capture';
import { type GroundTruthLabel, parseGroundTruthText } from '@vigil/core/groundtruth';
import { mergeWithLabels, predictionKey } from '@vigil/core/merge';
import { describe, expect, it } from 'vitest';

const CLARIFY = fileURLToPath(
  new URL(
    '../../../../shared/fixtures/sagemaker/capture-jsonlines-clarify/28-32-105-b59d42b8-3dac-421a-a586-0c4effa143d2.jsonl',
    import.meta.url,
  ),
);

let line = 0;
function csvRecord(eventId: string, outputs: string[], inferenceId?: string): CaptureRecord {
  const record: CaptureRecord = {
    eventId,
    inputs: outputs.map(() => ['1']),
    outputs: outputs.map((o) => o.split(',')),
    source: { key: 'c', line: ++line },
  };
  if (inferenceId !== undefined) record.inferenceId = inferenceId;
  return record;
}

function labels(...pairs: [string, string][]): GroundTruthLabel[] {
  const text = pairs
    .map(([eventId, data]) =>
      JSON.stringify({
        groundTruthData: { data, encoding: 'CSV' },
        eventMetadata: { eventId },
        eventVersion: '0',
      }),
    )
    .join('\n');
  return parseGroundTruthText(text, 'gt', () => {});
}

describe('predictionKey', () => {
  it('uses inferenceId, else eventId, and numbers the sub-records of a multi-record request', () => {
    expect(predictionKey(csvRecord('e', ['1']), 0)).toBe('e');
    expect(predictionKey(csvRecord('e', ['1'], '95'), 0)).toBe('95');
    expect(predictionKey(csvRecord('e', ['1', '0'], '95'), 1)).toBe('95#1');
    expect(predictionKey(csvRecord('e', ['1', '0']), 0)).toBe('e#0');
    expect(predictionKey({ ...csvRecord('e', ['1', '0']), rowIds: ['x', undefined] }, 0)).toBe('x');
  });
});

describe('mergeWithLabels', () => {
  it('joins on inferenceId when present, else eventId', () => {
    const records = [csvRecord('e1', ['1'], 'inf-1'), csvRecord('e2', ['0'])];
    const { rows, report } = mergeWithLabels(records, labels(['inf-1', '1'], ['e2', '1'], ['e1', '0']));
    expect(rows).toEqual([
      { id: 'inf-1', label: 1, prediction: 1 },
      { id: 'e2', label: 1, prediction: 0 },
    ]);
    // The label addressed to e1's eventId does not join: e1 carries an inferenceId.
    expect(report).toMatchObject({ matched: 2, unmatchedLabels: 1, unmatchedPredictions: 0 });
    expect(report.samples.unmatchedLabels).toEqual(['e1']);
  });

  it('keeps the latest of duplicate labels and counts the duplicates', () => {
    const records = [csvRecord('a', ['1']), csvRecord('b', ['0'])];
    const { rows, report } = mergeWithLabels(
      records,
      labels(['a', '0'], ['b', '0'], ['a', '1'], ['a', '1'], ['b', '1']),
    );
    expect(rows).toEqual([
      { id: 'a', label: 1, prediction: 1 },
      { id: 'b', label: 1, prediction: 0 },
    ]);
    expect(report).toMatchObject({ labels: 5, matched: 2, duplicateLabels: 3, unmatchedLabels: 0 });
    expect(report.samples.duplicateLabels.sort()).toEqual(['a', 'b']);
  });

  it('counts labels without predictions and predictions without labels', () => {
    const records = [csvRecord('p1', ['1']), csvRecord('p2', ['1']), csvRecord('p3', ['0'])];
    const { rows, report } = mergeWithLabels(
      records,
      labels(['p2', '1'], ['orphan-1', '0'], ['orphan-2', '1']),
    );
    expect(rows).toEqual([{ id: 'p2', label: 1, prediction: 1 }]);
    expect(report).toEqual({
      predictions: 3,
      labels: 3,
      matched: 1,
      unusable: 0,
      unmatchedPredictions: 2,
      unmatchedLabels: 2,
      duplicateLabels: 0,
      duplicatePredictions: 0,
      samples: {
        unmatchedPredictions: ['p1', 'p3'],
        unmatchedLabels: ['orphan-1', 'orphan-2'],
        duplicateLabels: [],
      },
    });
  });

  it('keys the sub-records of a multi-record request and labels them line by line or by id', () => {
    const records = [csvRecord('e', ['1', '0', '1'], 'req')];
    const byLines = mergeWithLabels(records, labels(['req', '1\n1\n0']));
    expect(byLines.rows).toEqual([
      { id: 'req#0', label: 1, prediction: 1 },
      { id: 'req#1', label: 1, prediction: 0 },
      { id: 'req#2', label: 0, prediction: 1 },
    ]);
    const byIds = mergeWithLabels(records, labels(['req#2', '1'], ['req', '1']));
    expect(byIds.rows).toEqual([{ id: 'req#2', label: 1, prediction: 1 }]);
    expect(byIds.report).toMatchObject({ unmatchedPredictions: 2, unmatchedLabels: 1 });
  });

  it('reads CSV outputs by column index and derives the label from a probability threshold', () => {
    const records = [csvRecord('a', ['0.72,1']), csvRecord('b', ['0.30,0']), csvRecord('c', ['0.55,0'])];
    const gt = labels(['a', '1'], ['b', '0'], ['c', '1']);
    expect(mergeWithLabels(records, gt, { inferenceAttribute: '1', probabilityAttribute: '0' }).rows).toEqual(
      [
        { id: 'a', label: 1, prediction: 1, probability: 0.72 },
        { id: 'b', label: 0, prediction: 0, probability: 0.3 },
        { id: 'c', label: 1, prediction: 0, probability: 0.55 },
      ],
    );
    const thresholded = mergeWithLabels(records, gt, {
      probabilityAttribute: '0',
      probabilityThreshold: 0.6,
    }).rows;
    expect(thresholded.map((r) => r.prediction)).toEqual([1, 0, 0]);
    const defaultThreshold = mergeWithLabels(records, gt, { probabilityAttribute: '0' }).rows;
    expect(defaultThreshold.map((r) => r.prediction)).toEqual([1, 0, 1]);
  });

  it('reads JSON outputs by path on the real Clarify capture, both rows of the mini-batch included', () => {
    const records = parseCaptureText(readFileSync(CLARIFY, 'utf8'), 'clarify', () => {});
    const gt = parseGroundTruthText(
      [
        '{"groundTruthData":{"data":"{\\"label\\": 1}","encoding":"JSON"},"eventMetadata":{"eventId":"50ef5ec7-4d6b-4606-b13d-803c7416f853"},"eventVersion":"0"}',
        '{"groundTruthData":{"data":"{\\"label\\": 1}\\n{\\"label\\": 0}","encoding":"JSON"},"eventMetadata":{"eventId":"74e40c99-2d94-4a6d-a21e-f0222769012e"},"eventVersion":"0"}',
      ].join('\n'),
      'gt',
      () => {},
    );
    const { rows, report } = mergeWithLabels(records, gt, {
      inferenceAttribute: 'predicted_label',
      probabilityAttribute: '$.score',
      groundTruthAttribute: 'label',
    });
    expect(rows).toEqual([
      { id: '50ef5ec7-4d6b-4606-b13d-803c7416f853', label: 1, prediction: 1, probability: 0.989977359771728 },
      {
        id: '74e40c99-2d94-4a6d-a21e-f0222769012e#0',
        label: 1,
        prediction: 1,
        probability: 0.989977359771728,
      },
      {
        id: '74e40c99-2d94-4a6d-a21e-f0222769012e#1',
        label: 0,
        prediction: 1,
        probability: 0.504138827323913,
      },
    ]);
    expect(report).toMatchObject({ predictions: 3, labels: 3, matched: 3, unusable: 0 });
  });

  it('counts matched pairs whose prediction or label cannot be read, and duplicate predictions', () => {
    const records = [
      csvRecord('a', ['']),
      csvRecord('b', ['1']),
      csvRecord('c', ['1']),
      csvRecord('c', ['0']),
    ];
    const { rows, report } = mergeWithLabels(records, labels(['a', '1'], ['b', ' '], ['c', 'cat']));
    expect(rows).toEqual([{ id: 'c', label: 'cat', prediction: 0 }]);
    expect(report).toMatchObject({ predictions: 4, matched: 3, unusable: 2, duplicatePredictions: 1 });
  });

  it("carries the latest prediction's captured input through the join only when asked", () => {
    const records = [
      { ...csvRecord('a', ['1']), inputs: [['31', 'F']] },
      { ...csvRecord('b', ['0']), inputs: [['45', 'M']] },
      { ...csvRecord('a', ['0']), inputs: [['32', 'F']] },
    ];
    const gt = labels(['a', '1'], ['b', '0'], ['orphan', '1']);
    const kept = mergeWithLabels(records, gt, {}, { keepInputs: true });
    expect(kept.rows).toEqual([
      { id: 'b', label: 0, prediction: 0, input: ['45', 'M'] },
      { id: 'a', label: 1, prediction: 0, input: ['32', 'F'] },
    ]);
    expect(kept.report).toEqual(mergeWithLabels(records, gt).report);
    expect(mergeWithLabels(records, gt).rows.some((r) => 'input' in r)).toBe(false);
  });

  it('merges a larger generated set with every row accounted for', () => {
    const records: CaptureRecord[] = [];
    const pairs: [string, string][] = [];
    for (let i = 0; i < 5000; i++) {
      records.push(csvRecord(`e${i}`, [String(i % 2)], i % 3 === 0 ? `inf${i}` : undefined));
      if (i % 5 !== 0) pairs.push([i % 3 === 0 ? `inf${i}` : `e${i}`, String((i + 1) % 2)]);
    }
    for (let i = 0; i < 100; i++) pairs.push([`stray${i}`, '1']);
    const { rows, report } = mergeWithLabels(records, labels(...pairs));
    expect(report.matched).toBe(4000);
    expect(report.unmatchedPredictions).toBe(1000);
    expect(report.unmatchedLabels).toBe(100);
    expect(rows.every((r) => r.label !== r.prediction)).toBe(true);
    expect(rows.map((r) => r.id).slice(0, 3)).toEqual(['e1', 'e2', 'inf3']);
  });
});
