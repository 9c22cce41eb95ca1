import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIFT_EXAMPLES, driftOptions } from '../../packages/cli/src/commands/drift-options.ts';

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

const args = (values: Record<string, string[] | boolean>) => ({ values, positionals: [] });

/** `vigil monitor data-quality` of the test's baseline and capture, writing to `out`. */
function monitorDataQuality(run: ReturnType<typeof io>, out: string, ...more: string[]) {
  return main(
    ['monitor', 'data-quality', '--baseline', 'baseline', '--capture', 'capture', '--out', out, ...more],
    run.io,
  );
}

describe('--drift-method / --drift-threshold / --drift-violations', () => {
  it('gives nothing when no drift option is used (configured or default settings apply)', () => {
    expect(driftOptions(args({}))).toBeUndefined();
  });

  it('reads bare names as type defaults, type= and feature= items, repeated or comma-separated', () => {
    expect(
      driftOptions(
        args({
          'drift-method': ['psi,categorical=chi_squared', 'age=ks'],
          'drift-threshold': ['0.25', 'age=0.01'],
        }),
      ),
    ).toEqual({
      numerical: { method: 'psi', threshold: 0.25 },
      categorical: { method: 'chi_squared' },
      features: { age: { method: 'ks', threshold: 0.01 } },
      violations: false,
    });
    // A method of both types sets both; a bare threshold then applies to both.
    expect(driftOptions(args({ 'drift-method': ['linf'], 'drift-threshold': ['0.2'] }))).toMatchObject({
      numerical: { method: 'linf', threshold: 0.2 },
      categorical: { method: 'linf', threshold: 0.2 },
    });
    expect(driftOptions(args({ 'drift-violations': true }))).toEqual({ features: {}, violations: true });
  });

  it('says what is wrong with a bad item', () => {
    expect(() => driftOptions(args({ 'drift-method': ['wassersten'] }))).toThrow(
      /unknown method "wassersten": use one of wasserstein, jensen_shannon/,
    );
    expect(() => driftOptions(args({ 'drift-method': ['numerical=chi_squared'] }))).toThrow(
      /chi_squared does not apply to numerical features/,
    );
    expect(() => driftOptions(args({ 'drift-threshold': ['age=high'] }))).toThrow(
      /"high" is not a non-negative number/,
    );
    expect(() => driftOptions(args({ 'drift-method': ['=ks'] }))).toThrow(/names no feature/);
    expect(() => driftOptions(args({ 'drift-method': ['ks'], 'drift-threshold': ['2'] }))).toThrow(
      /--drift-threshold: ks compares a p-value with its threshold: use a threshold between 0 and 1, got 2/,
    );
    expect(() => driftOptions(args({ 'drift-method': ['age=ks'], 'drift-threshold': ['age=5'] }))).toThrow(
      /ks compares a p-value with its threshold: use a threshold between 0 and 1, got 5 for age/,
    );
    expect(
      driftOptions(args({ 'drift-method': ['wasserstein'], 'drift-threshold': ['2'] }))?.numerical,
    ).toEqual({ method: 'wasserstein', threshold: 2 });
  });
});

describe('vigil monitor data-quality with drift options', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-drift-cli-'));
    const rows = ['age,city'];
    for (let i = 0; i < 1000; i++) rows.push(`${i % 100},${['x', 'y', 'z'][i % 3]}`);
    await writeFile(join(dir, 'train.csv'), `${rows.join('\n')}\n`);
    expect(
      await main(['baseline', 'data-quality', '--dataset', 'train.csv', '--out', 'baseline'], io().io),
    ).toBe(0);
    // age moved up by 20; city now 60 % x.
    const folder = join(dir, 'capture/ep/AllTraffic/2024/05/01/12');
    await mkdir(folder, { recursive: true });
    const lines = Array.from({ length: 1000 }, (_, i) =>
      JSON.stringify({
        captureData: {
          endpointInput: {
            observedContentType: 'text/csv',
            mode: 'INPUT',
            data: `${20 + (i % 100)},${i % 5 < 3 ? 'x' : i % 5 === 3 ? 'y' : 'z'}`,
            encoding: 'CSV',
          },
        },
        eventMetadata: { eventId: `e-${i}`, inferenceTime: '2024-05-01T12:10:00Z' },
        eventVersion: '0',
      }),
    );
    await writeFile(join(folder, 'a.jsonl'), `${lines.join('\n')}\n`);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs every --help example and records the chosen methods in drift_report.json', async () => {
    const commands = DRIFT_EXAMPLES.replace(/\\\n\s*/g, '')
      .split('\n')
      .map((line) =>
        line
          .replace(/^Example: vigil /, '')
          .trim()
          .split(/\s+/),
      );
    expect(commands).toHaveLength(3);
    const reports = [];
    for (const [i, command] of commands.entries()) {
      const out = `report-${i}`;
      const run = io();
      const argv = command.map((a) => (a === 'report/' ? out : a));
      expect(
        await main([...argv, '--output-columns', 'NONE', '--home', 'home'], run.io),
        run.err.join('\n'),
      ).toBe(0);
      reports.push(JSON.parse(await readFile(join(dir, out, 'drift_report.json'), 'utf8')));
    }
    expect(reports[0].features.age).toMatchObject({ method: 'ks', threshold: 0.05, drift: true });
    expect(reports[0].features.city).toMatchObject({ method: 'jensen_shannon', drift: true });
    expect(reports[1].features.age).toMatchObject({ method: 'psi', threshold: 0.25 });
    expect(reports[1].features.city).toMatchObject({ method: 'chi_squared', threshold: 0.05, drift: true });
    expect(reports[2].features.age).toMatchObject({ method: 'ks', threshold: 0.01, drift: true });
    expect(reports[2].features.city).toMatchObject({ method: 'linf', threshold: 0.1 });
    const violations = JSON.parse(
      await readFile(join(dir, 'report-2', 'constraint_violations.json'), 'utf8'),
    );
    expect(violations.violations).toContainEqual({
      feature_name: 'age',
      constraint_check_type: 'baseline_drift_check',
      description: expect.stringMatching(/^Vigil drift method ks: p-value .* is below threshold: 0\.01$/),
    });
  });

  it('prints the drifted features and names options for features the baseline lacks', async () => {
    const run = io();
    const code = await monitorDataQuality(
      run,
      'report-x',
      '--output-columns',
      'NONE',
      '--home',
      'home',
      '--drift-method',
      'agee=ks',
    );
    expect(code).toBe(0);
    expect(run.err[1]).toMatch(
      /^Vigil drift: 2 of 2 features drifted \(age wasserstein 0\.\d+, city jensen_shannon 0\.\d+\); drift_report\.json; not in the baseline: agee$/,
    );
  });

  it('says when a method named for a feature does not apply to its type', async () => {
    const run = io();
    const code = await monitorDataQuality(
      run,
      'report-wrong-type',
      '--output-columns',
      'NONE',
      '--home',
      'home',
      '--drift-method',
      'age=chi_squared',
    );
    expect(code).toBe(0);
    expect(run.err.at(-1)).toMatch(
      /^Vigil drift: 1 of 1 features drifted \(city jensen_shannon 0\.\d+\); drift_report\.json; not judged: age \(chi_squared applies to categorical features, and "age" is numerical: choose another method for it\)$/,
    );
  });

  it('exits 2 with the reason on a bad --drift-method', async () => {
    const run = io();
    const code = await monitorDataQuality(run, 'r', '--drift-method', 'nope');
    expect(code).toBe(2);
    expect(run.err.join('\n')).toContain('unknown method "nope"');
  });
});
