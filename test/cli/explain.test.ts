import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { type RunningModelServer, serveModel } from '@vigil/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLine } from '../core/explain/capture-line.ts';

const w = [0.8, -0.5, 0.3];
const c = -0.2;
const logit = (x: readonly (number | string)[]) => w.reduce((s, wi, i) => s + wi * Number(x[i]), c);
const model = (x: readonly (number | string)[]) => 1 / (1 + Math.exp(-logit(x)));
const b = [0.5, 1, -1];
const rows = [
  [1, 2, 0.5],
  [-1, 0.5, 2],
  [2, -1, 1],
  [0, 0, 0],
];

let dir: string;
let server: RunningModelServer;

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
  dir = await mkdtemp(join(tmpdir(), 'vigil-explain-'));
  server = await serveModel(model);
  await writeFile(
    join(dir, 'analysis_config.json'),
    JSON.stringify({
      dataset_type: 'text/csv',
      headers: ['f1', 'f2', 'f3', 'target'],
      label: 'target',
      methods: { shap: { baseline: [b], use_logit: true, agg_method: 'mean_abs' } },
      predictor: { model_name: 'logistic', content_type: 'text/csv', accept_type: 'text/csv' },
    }),
  );
  await writeFile(
    join(dir, 'train.csv'),
    `f1,f2,f3,target\n${rows.map((r) => `${r.join(',')},1`).join('\n')}\n`,
  );
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('vigil explain', () => {
  it('writes analysis.json and explanations_shap/out.csv with φ_i = w_i (x_i − b_i) in log-odds', async () => {
    const run = io();
    const code = await main(
      [
        'explain',
        '--analysis-config',
        'analysis_config.json',
        '--dataset',
        'train.csv',
        '--model',
        server.url,
        '--out',
        'out',
      ],
      run.io,
    );
    expect(run.err).toEqual([]);
    expect(code).toBe(0);
    expect(run.out[0]).toMatch(/^Plan: 4 records × 6 coalitions = 24 model invocations/);
    const analysis = JSON.parse(await readFile(join(dir, 'out/analysis.json'), 'utf8'));
    const label0 = analysis.explanations.kernel_shap.label0;
    expect(Math.abs(label0.expected_value - logit(b))).toBeLessThan(1e-9);
    ['f1', 'f2', 'f3'].forEach((name, i) => {
      const expected = rows.reduce((s, r) => s + Math.abs(w[i]! * (r[i]! - b[i]!)), 0) / rows.length;
      expect(Math.abs(label0.global_shap_values[name] - expected)).toBeLessThan(1e-9);
    });
    const csv = (await readFile(join(dir, 'out/explanations_shap/out.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('f1,f2,f3');
    csv.slice(1).forEach((line, n) => {
      line.split(',').forEach((v, i) => {
        expect(Math.abs(Number(v) - w[i]! * (rows[n]![i]! - b[i]!))).toBeLessThan(1e-9);
      });
    });
  });

  it('asks for a model when none is named', async () => {
    const run = io();
    const code = await main(
      ['explain', '--analysis-config', 'analysis_config.json', '--dataset', 'train.csv', '--out', 'o'],
      run.io,
    );
    expect(code).toBe(2);
    expect(run.err.join('\n')).toMatch(/name the model: --model URL, --endpoint NAME/);
  });
});

describe('vigil monitor feature-attribution', () => {
  it('explains the capture, compares with the baseline and writes the reports', async () => {
    await mkdir(join(dir, 'capture/2024/05/01/12'), { recursive: true });
    const traffic = [
      [0, 1, 9],
      [0.1, 1, 8],
    ];
    await writeFile(
      join(dir, 'capture/2024/05/01/12/a.jsonl'),
      `${traffic.map((r, i) => captureLine(r, model(r), `e${i}`, '2024-05-01T12:00:00Z')).join('\n')}\n`,
    );
    const run = io();
    const code = await main(
      [
        'monitor',
        'feature-attribution',
        '--baseline',
        'out/analysis.json',
        '--analysis-config',
        'analysis_config.json',
        '--capture',
        'capture/',
        '--model',
        server.url,
        '--out',
        'report',
        '--home',
        'home',
        '--name',
        'churn',
        '--threshold',
        '0.99',
      ],
      run.io,
    );
    expect(run.err).toEqual([]);
    expect(code).toBe(0);
    expect(run.out[0]).toMatch(/^Plan: 2 records × 6 coalitions = 12 model invocations/);
    expect(run.out.join('\n')).toMatch(
      /Violation: label0: Feature attribution drift 0\.\d+ exceeds threshold 0\.99/,
    );
    expect(run.out[1]).toMatch(/^label0: nDCG 0\.9390 \(threshold 0\.99\)$/);
    expect(run.out.at(-1)).toMatch(/^CompletedWithViolations: report in /);
    const violations = JSON.parse(await readFile(join(dir, 'report/constraint_violations.json'), 'utf8'));
    expect(violations.violations).toHaveLength(1);
    const analysis = JSON.parse(await readFile(join(dir, 'report/analysis.json'), 'utf8'));
    expect(analysis.explanations.kernel_shap.label0.global_shap_values.f3).toBeCloseTo(
      (0.3 * (9 - -1) + 0.3 * (8 - -1)) / 2,
      9,
    );
  });
});
