import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '@vigil/cli';
import { seededRandom } from '@vigil/core/modelquality';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const fixtures = fileURLToPath(
  new URL('../../../shared/fixtures/sagemaker/mq-regression-sdk-pipeline/', import.meta.url),
);
let dir: string;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), cwd: dir, env: {} },
  };
}

function captureLine(id: string, output: string): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2', encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: output, encoding: 'CSV' },
    },
    eventMetadata: { eventId: id, inferenceTime: '2024-05-01T12:30:00Z' },
    eventVersion: '0',
  });
}

const labelLine = (id: string, label: string) =>
  JSON.stringify({
    groundTruthData: { data: label, encoding: 'CSV' },
    eventMetadata: { eventId: id },
    eventVersion: '0',
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-mq-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vigil baseline model-quality', () => {
  it('reproduces SageMaker’s statistics.json and constraints.json from the fixture dataset', async () => {
    const { io: cli, err } = io();
    const code = await main(
      [
        'baseline',
        'model-quality',
        '--dataset',
        join(fixtures, 'baseline_dataset.csv'),
        '--problem-type',
        'Regression',
        '--ground-truth-attribute',
        'Label',
        '--inference-attribute',
        'Prediction',
        '--out',
        'baseline',
      ],
      cli,
    );
    expect(code).toBe(0);
    expect(err).toEqual([
      expect.stringMatching(/^Baselined 100 rows \(Regression\); wrote statistics.json, constraints.json/),
    ]);
    expect(await readFile(join(dir, 'baseline/statistics.json'), 'utf8')).toBe(
      await readFile(join(fixtures, 'statistics.json'), 'utf8'),
    );
    expect(await readFile(join(dir, 'baseline/constraints.json'), 'utf8')).toBe(
      await readFile(join(fixtures, 'constraints.json'), 'utf8'),
    );
  });

  it('rejects a wrong problem type and a missing column with the fix', async () => {
    const bad = io();
    expect(
      await main(
        [
          'baseline',
          'model-quality',
          '--dataset',
          'x.csv',
          '--problem-type',
          'Ranking',
          '--ground-truth-attribute',
          'Label',
          '--inference-attribute',
          'P',
          '--out',
          'o',
        ],
        bad.io,
      ),
    ).toBe(2);
    expect(bad.err.join('\n')).toMatch(
      /--problem-type must be BinaryClassification, MulticlassClassification or Regression/,
    );
    const missing = io();
    expect(
      await main(
        [
          'baseline',
          'model-quality',
          '--dataset',
          join(fixtures, 'baseline_dataset.csv'),
          '--problem-type',
          'Regression',
          '--ground-truth-attribute',
          'label',
          '--inference-attribute',
          'Prediction',
          '--out',
          'o',
        ],
        missing.io,
      ),
    ).toBe(1);
    expect(missing.err.join('\n')).toMatch(
      /no column "label" \(columns: F1, F2, F3, F4, F5, F6, F7, Label, Prediction\)/,
    );
  });
});

describe('vigil monitor model-quality', () => {
  it('joins capture and ground-truth folders and checks them against the SageMaker baseline', async () => {
    await mkdir(join(dir, 'capture/ep/AllTraffic/2024/05/01/12'), { recursive: true });
    await mkdir(join(dir, 'labels/2024/05/01/13'), { recursive: true });
    // Predictions 1 off for every label: mae 1, far above the baseline's 0.504 → violations.
    const ids = ['a', 'b', 'c', 'd'];
    await writeFile(
      join(dir, 'capture/ep/AllTraffic/2024/05/01/12/30-00-000-x.jsonl'),
      `${ids.map((id, i) => captureLine(id, String(i + 1))).join('\n')}\n`,
    );
    await writeFile(
      join(dir, 'labels/2024/05/01/13/0000.jsonl'),
      [...ids.slice(0, 3).map((id, i) => labelLine(id, String(i))), 'not json'].join('\n'),
    );
    const { io: cli, out, err } = io();
    const code = await main(
      [
        'monitor',
        'model-quality',
        '--baseline',
        'baseline',
        '--capture',
        'capture',
        '--ground-truth',
        'labels/',
        '--problem-type',
        'Regression',
        '--endpoint',
        'ep',
        '--out',
        'report',
        '--home',
        'home',
      ],
      cli,
    );
    expect(code).toBe(0);
    const statistics = JSON.parse(await readFile(join(dir, 'report/statistics.json'), 'utf8'));
    expect(statistics.dataset.item_count).toBe(3);
    expect(statistics.regression_metrics.mae.value).toBe(1);
    const violations = JSON.parse(await readFile(join(dir, 'report/constraint_violations.json'), 'utf8'));
    expect(violations.violations.map((v: { metric_name: string }) => v.metric_name)).toEqual([
      'mae',
      'mse',
      'rmse',
    ]);
    expect(out).toEqual([
      'mae\tGreaterThanThreshold\tMetric mae with 1.0 was GreaterThanThreshold 0.5040653554420981',
      'mse\tGreaterThanThreshold\tMetric mse with 1.0 was GreaterThanThreshold 0.33364933609800973',
      'rmse\tGreaterThanThreshold\tMetric rmse with 1.0 was GreaterThanThreshold 0.5776238707827177',
    ]);
    expect(err[0]).toMatch(
      /^CompletedWithViolations: 3 violations; 3 of 4 predictions from 1 capture files matched 3 labels; 1 ground-truth-malformed-line, 1 prediction-without-label/,
    );
    // Metrics went to the local store under --home.
    expect((await readdir(join(dir, 'home'), { recursive: true })).join('\n')).toMatch(/metrics/);
  });

  it('exits 1 with the reason when the baseline does not match the problem type', async () => {
    const { io: cli, err } = io();
    const code = await main(
      [
        'monitor',
        'model-quality',
        '--baseline',
        'baseline',
        '--capture',
        'capture',
        '--ground-truth',
        'labels',
        '--problem-type',
        'BinaryClassification',
        '--out',
        'report2',
        '--home',
        'home',
      ],
      cli,
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/is for Regression, not BinaryClassification/);
  });
});

describe('binary model quality with the estimate before labels', () => {
  // The model's score is p², a miscalibrated probability of the true chance p of label 1.
  const random = seededRandom(11);
  const draw = (shape: (u: number) => number) => {
    const p = shape(random());
    return { score: Math.round(p * p * 1e4) / 1e4, label: random() < p ? 1 : 0 };
  };
  const baselineRows = Array.from({ length: 4000 }, () => draw((u) => u));
  const window = Array.from({ length: 600 }, () => draw((u) => Math.sqrt(u)));

  function outputLine(id: number, score: number): string {
    return JSON.stringify({
      captureData: {
        endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2', encoding: 'CSV' },
        endpointOutput: {
          observedContentType: 'application/json',
          mode: 'OUTPUT',
          data: JSON.stringify({ score }),
          encoding: 'JSON',
        },
      },
      eventMetadata: { eventId: `e${id}`, inferenceId: `r${id}`, inferenceTime: '2024-05-01T12:30:00Z' },
      eventVersion: '0',
    });
  }

  const monitor = (labels: string, out: string) =>
    main(
      [
        'monitor',
        'model-quality',
        '--baseline',
        'bbase',
        '--capture',
        'bcapture/',
        '--ground-truth',
        labels,
        '--problem-type',
        'BinaryClassification',
        '--probability-attribute',
        'score',
        '--out',
        out,
        '--home',
        'home',
      ],
      io().io,
    );

  it('baselines with a calibration, estimates before labels, then sets the estimate against the realized values', async () => {
    await writeFile(
      join(dir, 'binary.csv'),
      `label,score\n${baselineRows.map((r) => `${r.label},${r.score}`).join('\n')}\n`,
    );
    const baseline = io();
    expect(
      await main(
        [
          'baseline',
          'model-quality',
          '--dataset',
          'binary.csv',
          '--problem-type',
          'BinaryClassification',
          '--ground-truth-attribute',
          'label',
          '--probability-attribute',
          'score',
          '--out',
          'bbase',
        ],
        baseline.io,
      ),
    ).toBe(0);
    expect(baseline.err[0]).toMatch(/wrote statistics.json, constraints.json, calibration.json/);

    await mkdir(join(dir, 'bcapture/ep/AllTraffic/2024/05/01/12'), { recursive: true });
    await mkdir(join(dir, 'blabels/2024/05/03/09'), { recursive: true });
    await writeFile(
      join(dir, 'bcapture/ep/AllTraffic/2024/05/01/12/30-00-000-y.jsonl'),
      `${window.map((r, i) => outputLine(i, r.score)).join('\n')}\n`,
    );

    // Before labels: the run fails (nothing to compare) but the estimate is there.
    expect(await monitor('blabels', 'before')).toBe(1);
    const before = JSON.parse(await readFile(join(dir, 'before/estimated_quality.json'), 'utf8'));
    expect(before.item_count).toBe(600);
    expect(before.labeled_item_count).toBe(0);

    // Two days later the labels arrive.
    await writeFile(
      join(dir, 'blabels/2024/05/03/09/0000.jsonl'),
      window.map((r, i) => labelLine(`r${i}`, String(r.label))).join('\n'),
    );
    expect(await monitor('blabels', 'after')).toBe(0);
    const after = JSON.parse(await readFile(join(dir, 'after/estimated_quality.json'), 'utf8'));
    expect(after.labeled_item_count).toBe(600);
    for (const name of ['accuracy', 'precision', 'recall', 'f1', 'auc']) {
      expect(after.metrics[name].estimated).toBe(before.metrics[name].estimated);
      expect(after.metrics[name].realized_within_band, name).toBe(true);
    }
    const statistics = JSON.parse(await readFile(join(dir, 'after/statistics.json'), 'utf8'));
    expect(after.metrics.accuracy.realized).toBe(statistics.binary_classification_metrics.accuracy.value);
  });
});
