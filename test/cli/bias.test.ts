import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '@vigil/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_CONFIG, windowLines } from '../core/bias/window-data.ts';

interface Case {
  id: string;
  inputs: { columns: Record<string, (number | boolean)[]> };
  expected: { value_or_threshold: string; metrics: Record<string, number> }[];
}
const casesPath = fileURLToPath(new URL('../../../shared/fixtures/clarify/cases.json', import.meta.url));
const cases = (JSON.parse(await readFile(casesPath, 'utf8')) as { cases: Case[] }).cases;
// smclarify's test_report_continuous_data: both stages, every metric, FlipTest included.
const pre = cases.find((c) => c.id === 'report-continuous-pre')!;
const post = cases.find((c) => c.id === 'report-continuous-post')!;

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

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-bias-'));
  const columns = pre.inputs.columns;
  const names = Object.keys(columns);
  const cell = (v: number | boolean) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
  const rows = columns['x']!.map((_, i) => names.map((n) => cell(columns[n]![i]!)).join(','));
  await writeFile(join(dir, 'data.csv'), `${names.join(',')}\n${rows.join('\n')}\n`);
  await writeFile(
    join(dir, 'analysis_config.json'),
    JSON.stringify({
      dataset_type: 'text/csv',
      label: 'y',
      label_values_or_threshold: [0],
      facet: [{ name_or_index: 'x', value_or_threshold: [2] }],
      group_variable: 'z',
      predicted_label: 'yhat',
      methods: { pre_training_bias: { methods: 'all' }, post_training_bias: { methods: 'all' } },
    }),
  );
  const { capture, groundTruth } = windowLines({
    predictedPositive: { m: 36, f: 8 },
    labelPositive: { m: 30, f: 20 },
  });
  await mkdir(join(dir, 'capture', '2024', '05', '01', '12'), { recursive: true });
  await writeFile(join(dir, 'capture', '2024', '05', '01', '12', 'a.jsonl'), capture);
  await writeFile(join(dir, 'labels.jsonl'), groundTruth);
  await writeFile(join(dir, 'monitor_config.json'), ANALYSIS_CONFIG);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vigil bias', () => {
  it('writes analysis.json equal to smclarify on both stages, from a CSV file', async () => {
    const { out, io: cli } = io();
    const code = await main(
      ['bias', '--analysis-config', 'analysis_config.json', '--dataset', 'data.csv', '--out', 'report'],
      cli,
    );
    expect(code).toBe(0);
    expect(out.at(-1)).toMatch(/^Analysed 24 rows: .*report\/analysis\.json$/);
    const analysis = JSON.parse(await readFile(join(dir, 'report', 'analysis.json'), 'utf8'));
    expect(Object.keys(analysis)).toEqual([
      'version',
      'post_training_bias_metrics',
      'pre_training_bias_metrics',
    ]);
    for (const [stage, oracle] of [
      ['pre_training_bias_metrics', pre],
      ['post_training_bias_metrics', post],
    ] as const) {
      const section = analysis[stage];
      expect(section.label).toBe('y');
      expect(section.label_value_or_threshold).toBe('(0, 1]');
      const [entry] = section.facets.x;
      expect(entry.value_or_threshold).toBe(oracle.expected[0]!.value_or_threshold);
      const expected = oracle.expected[0]!.metrics;
      expect(entry.metrics.map((m: { name: string }) => m.name)).toEqual(Object.keys(expected).sort());
      for (const m of entry.metrics as { name: string; value: number }[]) {
        const e = expected[m.name]!;
        expect(Math.abs(m.value - e), m.name).toBeLessThanOrEqual(Math.max(1e-6 * Math.abs(e), 1e-12));
      }
    }
  });

  it('fails with the reason when the configuration does not fit the data', async () => {
    await writeFile(
      join(dir, 'bad_config.json'),
      JSON.stringify({ label: 'nope', label_values_or_threshold: [1], facet: [{ name_or_index: 'x' }] }),
    );
    const { err, io: cli } = io();
    const code = await main(
      ['bias', '--analysis-config', 'bad_config.json', '--dataset', 'data.csv', '--out', 'r2'],
      cli,
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/label "nope" is not a column of the dataset/);
  });

  it('fails, writing nothing, when the configuration asks for no bias metric (it wrote an empty analysis.json)', async () => {
    const config = JSON.parse(await readFile(join(dir, 'analysis_config.json'), 'utf8'));
    for (const [name, methods] of [
      ['no_methods.json', undefined],
      ['empty_methods.json', {}],
      ['shap_only.json', { shap: { baseline: [[0]] } }],
    ] as const) {
      await writeFile(join(dir, name), JSON.stringify({ ...config, methods }));
      const { err, io: cli } = io();
      const code = await main(
        ['bias', '--analysis-config', name, '--dataset', 'data.csv', '--out', 'r3'],
        cli,
      );
      expect(code).toBe(1);
      expect(err.join('\n')).toBe(
        `vigil bias: ${name} asks for no bias metric: add methods.pre_training_bias and/or ` +
          'methods.post_training_bias, e.g. {"post_training_bias": {"methods": "all"}}',
      );
      await expect(readFile(join(dir, 'r3/analysis.json'))).rejects.toThrow(/ENOENT/);
    }
  });
});

describe('vigil monitor bias-drift', () => {
  it('joins capture with ground truth, reports the widened gap and writes both files', async () => {
    await writeFile(
      join(dir, 'baseline.json'),
      JSON.stringify({
        version: '1.0',
        post_training_bias_metrics: {
          label: 'approved',
          facets: {
            sex: [{ value_or_threshold: 'F', metrics: [{ name: 'DPPL', description: 'd', value: 0.05 }] }],
          },
          label_value_or_threshold: '1',
        },
      }),
    );
    const { out, io: cli } = io();
    const code = await main(
      [
        'monitor',
        'bias-drift',
        '--baseline',
        'baseline.json',
        '--analysis-config',
        'monitor_config.json',
        '--capture',
        'capture/',
        '--ground-truth',
        'labels.jsonl',
        '--probability-attribute',
        '0',
        '--out',
        'drift',
        '--home',
        'home',
        '--endpoint',
        'credit',
      ],
      cli,
    );
    expect(code).toBe(0);
    expect(out).toContain(
      "Violation: DPPL (sex=F): Metric value 0.39999999999999997 doesn't meet the baseline constraint requirement 0.05",
    );
    expect(out.at(-1)).toMatch(/^CompletedWithViolations: 100 joined rows, report in .*drift\/$/);
    const violations = JSON.parse(await readFile(join(dir, 'drift', 'constraint_violations.json'), 'utf8'));
    expect(violations.violations).toHaveLength(1);
    const analysis = JSON.parse(await readFile(join(dir, 'drift', 'analysis.json'), 'utf8'));
    expect(Object.keys(analysis)).toEqual(['version', 'post_training_bias_metrics']);
  });

  it('adds intervals and group sizes with --bootstrap', async () => {
    const { io: cli } = io();
    const code = await main(
      [
        'monitor',
        'bias-drift',
        '--baseline',
        'baseline.json',
        '--analysis-config',
        'monitor_config.json',
        '--capture',
        'capture/',
        '--ground-truth',
        'labels.jsonl',
        '--probability-attribute',
        '0',
        '--out',
        'drift-ci',
        '--home',
        'home',
        '--bootstrap',
        '--resamples',
        '100',
        '--seed',
        '5',
      ],
      cli,
    );
    expect(code).toBe(0);
    const analysis = JSON.parse(await readFile(join(dir, 'drift-ci', 'analysis.json'), 'utf8'));
    const dppl = analysis.post_training_bias_metrics.facets.sex[0].metrics.find(
      (m: { name: string }) => m.name === 'DPPL',
    );
    expect(dppl.group_sizes).toEqual({ a: 60, d: 40 });
    expect(dppl.confidence_interval.resamples).toBe(100);
    expect(dppl.confidence_interval.lower).toBeLessThan(dppl.value);
    expect(dppl.confidence_interval.upper).toBeGreaterThan(dppl.value);
  });

  it('is a usage error without ground truth', async () => {
    const { err, io: cli } = io();
    const code = await main(
      ['monitor', 'bias-drift', '--baseline', 'b', '--analysis-config', 'c', '--capture', 'x', '--out', 'o'],
      cli,
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/--ground-truth is required/);
  });
});
