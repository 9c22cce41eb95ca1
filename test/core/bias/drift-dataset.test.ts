import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { biasDriftDataset, parseAnalysisConfig, runBiasAnalysis } from '@vigil/core/bias';
import { parseCaptureText } from '@vigil/core/capture';
import { parseGroundTruthText } from '@vigil/core/groundtruth';
import { describe, expect, it } from 'vitest';

// Real capture from SageMaker's bias-drift example (application/jsonlines, a mini-batch of two in
// the second line), with labels written for its three predictions.
const capturePath = fileURLToPath(
  new URL(
    '../../../../shared/fixtures/sagemaker/capture-jsonlines-clarify/28-32-105-b59d42b8-3dac-421a-a586-0c4effa143d2.jsonl',
    import.meta.url,
  ),
);
const records = parseCaptureText(readFileSync(capturePath, 'utf8'), 'capture.jsonl', () => {
  throw new Error('the fixture parses');
});
const label = (id: string, value: string) =>
  JSON.stringify({
    groundTruthData: { data: value, encoding: 'CSV' },
    eventMetadata: { eventId: id },
    eventVersion: '0',
  });
const labels = parseGroundTruthText(
  [
    label('50ef5ec7-4d6b-4606-b13d-803c7416f853', '1'),
    label('74e40c99-2d94-4a6d-a21e-f0222769012e#0', '0'),
    label('74e40c99-2d94-4a6d-a21e-f0222769012e#1', '1'),
  ].join('\n'),
  'labels.jsonl',
  () => {
    throw new Error('the labels parse');
  },
);
// The example's Adult-census headers, label included.
const headers = [
  'Age',
  'Workclass',
  'fnlwgt',
  'Education',
  'Education-Num',
  'Marital Status',
  'Occupation',
  'Relationship',
  'Ethnic group',
  'Sex',
  'Capital Gain',
  'Capital Loss',
  'Hours per week',
  'Country',
  'Target',
];

describe('biasDriftDataset on real JSON Lines capture', () => {
  const config = parseAnalysisConfig(
    JSON.stringify({
      headers,
      label: 'Target',
      // Three int rows make smclarify call the label continuous: [0] means Target > 0.
      label_values_or_threshold: [0],
      facet: [{ name_or_index: 'Age', value_or_threshold: [40] }],
    }),
  );

  it('names the captured features by the headers and adds label and prediction', () => {
    const dataset = biasDriftDataset(records, labels, config, {
      probabilityAttribute: 'score',
      probabilityThreshold: 0.8,
    });
    expect(dataset.rowCount).toBe(3);
    expect(dataset.merge.matched).toBe(3);
    expect(dataset.columns.map((c) => c.name)).toEqual([
      ...headers.slice(0, 14),
      'Target',
      'predicted_label',
    ]);
    expect(dataset.columns[0]).toEqual({ name: 'Age', dtype: 'int64', values: [28, 28, 43] });
    // Scores 0.99, 0.99, 0.504 against 0.8.
    expect(dataset.columns.at(-1)!.values).toEqual([1, 1, 0]);
  });

  it('computes the hand-worked metrics of the three rows', () => {
    const dataset = biasDriftDataset(records, labels, config, {
      probabilityAttribute: 'score',
      probabilityThreshold: 0.8,
    });
    const analysis = runBiasAnalysis(dataset.config, dataset, {
      stages: { pre_training: ['CI'], post_training: ['AD', 'DI', 'DPPL'] },
    });
    const post = analysis.postTraining!.facets.get('Age')![0]!;
    expect(post.valueOrThreshold).toBe('(40, 43]');
    expect(analysis.postTraining!.labelValueOrThreshold).toBe('(0, 1]');
    // a = the two 28-year-olds (labels 1, 0; predicted 1, 1); d = the 43-year-old (label 1, predicted 0).
    expect(Object.fromEntries(post.metrics.map((m) => [m.name, m.value]))).toEqual({
      AD: 0.5,
      DI: 0,
      DPPL: 1,
    });
    expect(analysis.preTraining!.facets.get('Age')![0]!.metrics[0]!.value).toBeCloseTo(1 / 3, 15);
  });

  it('reads the predicted label itself with an inference attribute', () => {
    const dataset = biasDriftDataset(records, labels, config, { inferenceAttribute: 'predicted_label' });
    expect(dataset.columns.at(-1)!.values).toEqual([1, 1, 1]);
  });
});
