import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { parseComparison } from '@vigil/core/variants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Rows {
  labels: number[];
  predictions: number[];
}
const fixture = JSON.parse(
  await readFile(new URL('../fixtures/variants/cases.json', import.meta.url), 'utf8'),
) as {
  cases: {
    name: string;
    champion: Rows;
    challenger: Rows;
    expected: {
      metrics: Record<string, { difference: number; pValue: number; confidenceInterval: [number, number] }>;
    };
  }[];
};
const worse = fixture.cases.find((c) => c.name === 'regression-challenger-worse')!;

let dir: string;

const captureLine = (id: string, prediction: number, minute: number) =>
  JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2', encoding: 'CSV' },
      endpointOutput: {
        observedContentType: 'text/csv',
        mode: 'OUTPUT',
        data: String(prediction),
        encoding: 'CSV',
      },
    },
    eventMetadata: {
      eventId: `e-${id}`,
      inferenceId: id,
      inferenceTime: `2024-05-01T12:${String(minute).padStart(2, '0')}:00Z`,
    },
    eventVersion: '0',
  });
const labelLine = (id: string, label: number) =>
  JSON.stringify({
    groundTruthData: { data: String(label), encoding: 'CSV' },
    eventMetadata: { eventId: id },
    eventVersion: '0',
  });

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), cwd: dir, env: {} },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-compare-'));
  for (const [variant, rows, prefix] of [
    ['blue', worse.champion, 'a'],
    ['green', worse.challenger, 'b'],
  ] as const) {
    const folder = join(dir, 'capture', 'houses', variant, '2024', '05', '01', '12');
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, '30-00-000-x.jsonl'),
      rows.predictions.map((p, i) => captureLine(`${prefix}-${i}`, p, i % 50)).join('\n'),
    );
  }
  // A record at 12:55 of the champion: left out by --end 12:50.
  await writeFile(
    join(dir, 'capture', 'houses', 'blue', '2024', '05', '01', '12', '55-00-000-y.jsonl'),
    captureLine('late', 1, 55),
  );
  await mkdir(join(dir, 'gt'), { recursive: true });
  await writeFile(
    join(dir, 'gt', 'labels.jsonl'),
    [
      ...worse.champion.labels.map((l, i) => labelLine(`a-${i}`, l)),
      ...worse.challenger.labels.map((l, i) => labelLine(`b-${i}`, l)),
    ].join('\n'),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vigil compare variants', () => {
  it('finds the variants by their capture path and decides challenger_worse on mae, at scipy’s values', async () => {
    const { io: cli, out, err } = io();
    const code = await main(
      [
        'compare',
        'variants',
        '--endpoint',
        'houses',
        '--champion',
        'blue',
        '--challenger',
        'green',
        '--capture',
        'capture',
        '--ground-truth',
        'gt',
        '--problem-type',
        'Regression',
        '--minimum-effect',
        '0.2',
        '--end',
        '2024-05-01T12:50:00Z',
        '--out',
        'cmp',
        '--home',
        'home',
      ],
      cli,
    );
    expect(err.join('\n')).toMatch(
      /blue 800 predictions, 800 labeled; green 800 predictions, 800 labeled; 1 records outside/,
    );
    expect(code).toBe(0);
    const doc = parseComparison(await readFile(join(dir, 'cmp', 'comparison.json'), 'utf8'));
    const mae = doc.verdicts[0]!.metrics.find((m) => m.metric === 'mae')!;
    const expected = worse.expected.metrics.mae!;
    expect(mae.difference).toBeCloseTo(expected.difference, 9);
    expect(mae.confidenceInterval[0]).toBeCloseTo(expected.confidenceInterval[0], 8);
    expect(mae.confidenceInterval[1]).toBeCloseTo(expected.confidenceInterval[1], 8);
    expect(doc.verdicts[0]!.decision).toBe('challenger_worse');
    expect(doc.endpoint).toBe('houses');
    expect(doc.window.end).toBe('2024-05-01T12:50:00.000Z');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^green\tchallenger\tchallenger_worse\tmae \+\d\.\d{4} \[/);
    const delta = await readFile(
      join(
        dir,
        'home',
        'metrics',
        'aws',
        'sagemaker',
        'Endpoints',
        'variant-metrics',
        'variant_mae_delta.jsonl',
      ),
      'utf8',
    );
    expect(JSON.parse(delta.trim()).value).toBeCloseTo(expected.difference, 9);
  });

  it('says what is missing when the champion has no capture', async () => {
    const { io: cli, err } = io();
    const code = await main(
      [
        'compare',
        'variants',
        '--endpoint',
        'houses',
        '--champion',
        'red',
        '--challenger',
        'green',
        '--capture',
        'capture',
        '--problem-type',
        'Regression',
        '--out',
        'cmp2',
      ],
      cli,
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/No captured record of the champion "red" under houses\/red\//);
  });

  it('refuses a decision metric the problem type does not compare', async () => {
    const { io: cli, err } = io();
    const code = await main(
      [
        'compare',
        'variants',
        '--endpoint',
        'houses',
        '--champion',
        'blue',
        '--challenger',
        'green',
        '--capture',
        'capture',
        '--problem-type',
        'Regression',
        '--metric',
        'auc',
        '--out',
        'cmp3',
      ],
      cli,
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/--metric must be one of mae, mse for Regression/);
  });
});
