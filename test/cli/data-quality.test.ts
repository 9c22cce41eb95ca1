import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '@vigil/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const fixtures = fileURLToPath(new URL('../../../shared/fixtures/sagemaker/', import.meta.url));
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

function captureLine(i: number, input: string, output: string, time: string): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: input, encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: output, encoding: 'CSV' },
    },
    eventMetadata: { eventId: `e-${i}`, inferenceTime: time },
    eventVersion: '0',
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-dq-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vigil baseline data-quality', () => {
  it('reproduces the real statistics.json of the SDK pipeline fixture (no header)', async () => {
    const run = io();
    const code = await main(
      [
        'baseline',
        'data-quality',
        '--dataset',
        `${fixtures}dq-sdk-pipeline/baseline_dataset.csv`,
        '--no-header',
        '--out',
        'sdk',
      ],
      run.io,
    );
    expect(code).toBe(0);
    expect(run.err).toEqual([
      expect.stringMatching(/^Baselined 100 rows, 6 features → sdk\/statistics\.json, constraints\.json$/),
    ]);
    const ours = JSON.parse(await readFile(join(dir, 'sdk/statistics.json'), 'utf8'));
    const real = JSON.parse(await readFile(`${fixtures}dq-sdk-pipeline/statistics.json`, 'utf8'));
    for (const f of ours.features) {
      delete f.numerical_statistics.approximate_num_distinct_values;
      delete f.numerical_statistics.completeness;
    }
    expect(ours).toEqual(real);
    const constraints = JSON.parse(await readFile(join(dir, 'sdk/constraints.json'), 'utf8'));
    expect(constraints.monitoring_config.distribution_constraints.comparison_method).toBe('Robust');
  });

  it('reads JSON Lines and reports unparseable lines without failing', async () => {
    await writeFile(join(dir, 'train.jsonl'), '{"a":1,"b":"x"}\n{"a":2.5,"b":"y"}\nnot json\n{"a":3}\n');
    const run = io();
    expect(await main(['baseline', 'data-quality', '--dataset', 'train.jsonl', '--out', 'jl'], run.io)).toBe(
      0,
    );
    expect(run.err[0]).toMatch(/^Baselined 3 rows, 2 features \(1 lines skipped: malformed-line\)/);
    const stats = JSON.parse(await readFile(join(dir, 'jl/statistics.json'), 'utf8'));
    expect(
      stats.features.map((f: { name: string; inferred_type: string }) => [f.name, f.inferred_type]),
    ).toEqual([
      ['a', 'Fractional'],
      ['b', 'String'],
    ]);
    expect(stats.features[1].string_statistics.common).toEqual({ num_present: 2, num_missing: 1 });
  });

  it('fails with a usage error on a bad --format and a clear message on a missing file', async () => {
    const bad = io();
    expect(
      await main(['baseline', 'data-quality', '--dataset', 'x.csv', '--format', 'xml', '--out', 'o'], bad.io),
    ).toBe(2);
    expect(bad.err[0]).toContain('--format must be csv or jsonl');
    const missing = io();
    expect(await main(['baseline', 'data-quality', '--dataset', 'nope.csv', '--out', 'o'], missing.io)).toBe(
      1,
    );
    expect(missing.err[0]).toMatch(/nope\.csv/);
  });
});

describe('vigil monitor data-quality', () => {
  beforeAll(async () => {
    const rows = ['score,tenure,plan'];
    for (let i = 0; i < 1000; i++) rows.push(`${((i % 10) / 10).toFixed(1)},${i % 100},${i % 2 ? 'a' : 'b'}`);
    await writeFile(join(dir, 'train.csv'), `${rows.join('\n')}\n`);
    expect(
      await main(['baseline', 'data-quality', '--dataset', 'train.csv', '--out', 'baseline'], io().io),
    ).toBe(0);
    // Two hours of capture in SageMaker's layout; the second drifts.
    for (const [hour, shift] of [
      ['12', 0],
      ['13', 300],
    ] as const) {
      const folder = join(dir, `capture/ep/AllTraffic/2024/05/01/${hour}`);
      await mkdir(folder, { recursive: true });
      const lines = Array.from({ length: 400 }, (_, i) =>
        captureLine(
          i,
          `${shift + (i % 100)},${i % 2 ? 'a' : 'b'}`,
          ((i % 10) / 10).toFixed(1),
          `2024-05-01T${hour}:10:00Z`,
        ),
      );
      await writeFile(join(folder, '10-00-000-x.jsonl'), `${lines.join('\n')}\n{broken\n`);
    }
  });

  it('checks a window of a capture folder and writes SageMaker report files', async () => {
    const run = io();
    const code = await main(
      [
        'monitor',
        'data-quality',
        '--baseline',
        'baseline',
        '--capture',
        'capture',
        '--start',
        '2024-05-01T12:00:00Z',
        '--end',
        '2024-05-01T13:00:00Z',
        '--endpoint',
        'ep',
        '--out',
        'report-ok',
        '--home',
        'home',
      ],
      run.io,
    );
    expect(code).toBe(0);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(
      /^Completed: 0 violations in 400 rows from 1 capture files; 1 skipped \(malformed-line\); \d+ metrics; report in .*report-ok\/$/,
    );
    expect((await readdir(join(dir, 'report-ok'))).sort()).toEqual([
      'constraint_violations.json',
      'constraints.json',
      'drift_report.json',
      'report.html',
      'statistics.json',
      'vigil_notes.json',
    ]);
    expect(await readFile(join(dir, 'report-ok/constraint_violations.json'), 'utf8')).toBe(
      '{\n  "violations" : [ ]\n}',
    );
  });

  it('settles an explicit window once: a second run publishes no metric again; --rerun rewrites the report only', async () => {
    const args = (out: string, ...more: string[]) => [
      'monitor',
      'data-quality',
      '--baseline',
      'baseline',
      '--capture',
      'capture',
      '--start',
      '2024-05-01T13:00:00Z',
      '--end',
      '2024-05-01T14:00:00Z',
      '--endpoint',
      'twice',
      '--out',
      out,
      '--home',
      'home-twice',
      ...more,
    ];
    const metricLines = async () => {
      const folder = join(dir, 'home-twice/metrics');
      const files = (await readdir(folder, { recursive: true }))
        .map(String)
        .filter((f) => f.endsWith('.jsonl'));
      let lines = 0;
      for (const f of files) lines += (await readFile(join(folder, f), 'utf8')).trim().split('\n').length;
      return { files: files.length, lines };
    };
    expect(await main(args('report-twice'), io().io)).toBe(0);
    const once = await metricLines();
    expect(once.files).toBeGreaterThan(10);
    expect(once.lines).toBe(once.files);

    const again = io();
    expect(await main(args('report-twice'), again.io)).toBe(0);
    expect(again.err.join('\n')).toMatch(/was already settled .*nothing was written or published again/);
    expect(await metricLines()).toEqual(once);

    const rerun = io();
    expect(await main(args('report-rerun', '--rerun'), rerun.io)).toBe(0);
    expect(rerun.err[0]).toMatch(/^CompletedWithViolations: .*; 0 metrics; report in .*report-rerun\/$/);
    expect(await readdir(join(dir, 'report-rerun'))).toContain('constraint_violations.json');
    expect(await metricLines()).toEqual(once);
  });

  it('exits 0 with violations and lists them on stdout', async () => {
    const run = io();
    const code = await main(
      [
        'monitor',
        'data-quality',
        '--baseline',
        'baseline',
        '--capture',
        'capture',
        '--out',
        'report-all',
        '--home',
        'home',
      ],
      run.io,
    );
    expect(code).toBe(0);
    expect(run.out).toEqual([
      expect.stringMatching(
        /^tenure\tbaseline_drift_check\tBaseline drift distance: .+ exceeds threshold: 0\.1$/,
      ),
    ]);
    expect(run.err).toEqual([
      expect.stringMatching(
        /^CompletedWithViolations: 1 violations \(baseline_drift_check 1\) in 800 rows from 2 capture files/,
      ),
      expect.stringMatching(/^Vigil drift: 1 of 3 features drifted \(tenure wasserstein \d/),
    ]);
    const stats = JSON.parse(await readFile(join(dir, 'report-all/statistics.json'), 'utf8'));
    expect(stats.features.map((f: { name: string }) => f.name)).toEqual(['score', 'tenure', 'plan']);
  });

  it('works against a SageMaker-made baseline', async () => {
    // The Packt capture against a Boston baseline whose columns the capture fills shifted by one.
    const names = [
      'crim',
      'zn',
      'indus',
      'chas',
      'nox',
      'rm',
      'age',
      'dis',
      'rad',
      'tax',
      'ptratio',
      'lstat',
      'medv',
    ];
    await mkdir(join(dir, 'boston'), { recursive: true });
    await writeFile(
      join(dir, 'boston/constraints.json'),
      JSON.stringify({
        version: 0,
        features: names.map((name) => ({
          name,
          inferred_type: name === 'chas' || name === 'rad' ? 'Integral' : 'Fractional',
          completeness: 1,
        })),
      }),
    );
    const run = io();
    const code = await main(
      [
        'monitor',
        'data-quality',
        '--baseline',
        'boston',
        '--capture',
        `${fixtures}capture-csv-packt`,
        '--out',
        'report-packt',
        '--home',
        'home',
      ],
      run.io,
    );
    expect(code).toBe(0);
    expect(run.out.map((l) => l.split('\t')[0])).toEqual(['chas', 'nox', 'rad', 'tax']);
  });

  it('checks traffic against the real AAI540 SageMaker baseline folder', async () => {
    // 14 input columns in the baseline's order; prices doubled, everything else in line.
    const states = ['California', 'Texas', 'New York', 'Washington'];
    const lines = Array.from({ length: 300 }, (_, i) => {
      const price = 2 * (250_000 + ((i * 7919) % 600_000));
      const values = [
        `id-${i}`,
        '2024-10-27T17:39:31Z',
        `9${String(i % 1000).padStart(4, '0')}-0001`,
        `${price}.0`,
        `${2 + (i % 4)}.0`,
        `${1 + (i % 3)}.5`,
        `${900 + (i % 2000)}.0`,
        `City ${i % 40}`,
        states[i % states.length] as string,
        'King',
        `${(price / (900 + (i % 2000))).toFixed(3)}`,
        '609408.5',
        '306.25',
        String(i % 2),
      ];
      return captureLine(i, values.join(','), '0', '2024-10-27T18:10:00Z');
    });
    await mkdir(join(dir, 'aai'), { recursive: true });
    await writeFile(join(dir, 'aai/a.jsonl'), `${lines.join('\n')}\n`);
    const run = io();
    const code = await main(
      [
        'monitor',
        'data-quality',
        '--baseline',
        `${fixtures}dq-baseline-aai540`,
        '--capture',
        'aai/a.jsonl',
        '--output-columns',
        'NONE',
        '--out',
        'report-aai',
        '--home',
        'home',
      ],
      run.io,
    );
    expect(code).toBe(0);
    const violations = JSON.parse(
      await readFile(join(dir, 'report-aai/constraint_violations.json'), 'utf8'),
    ).violations;
    const found = violations.map(
      (v: { feature_name: string; constraint_check_type: string }) =>
        `${v.feature_name}:${v.constraint_check_type}`,
    );
    expect(found).toContain('price:baseline_drift_check');
    expect(
      found.filter((f: string) => f.endsWith('data_type_check') || f.endsWith('completeness_check')),
    ).toEqual([]);
    expect(found).not.toContain('state:categorical_values_check');
    expect(found).not.toContain('event_time:categorical_values_check');
    const stats = JSON.parse(await readFile(join(dir, 'report-aai/statistics.json'), 'utf8'));
    expect(stats.features.map((f: { name: string }) => f.name)).toEqual([
      'id',
      'event_time',
      'zipcode',
      'price',
      'bedrooms',
      'bathrooms',
      'sqft_living',
      'city',
      'state',
      'county',
      'price_per_sqft',
      'avg_price_by_city',
      'avg_price_per_sqft_by_city',
      'above_avg_price_per_sqft',
    ]);
    // Vigil's drift verdicts from SageMaker's own statistics.json (its KLL sketches and buckets).
    const drift = JSON.parse(await readFile(join(dir, 'report-aai/drift_report.json'), 'utf8'));
    expect(drift.features.price).toMatchObject({ type: 'numerical', method: 'wasserstein', drift: true });
    expect(drift.features.state).toMatchObject({
      type: 'categorical',
      method: 'jensen_shannon',
      drift: true,
    });
    // SageMaker writes no buckets for high-cardinality strings: said, not guessed.
    expect(drift.features.id).toMatchObject({ value: null, drift: false });
    expect(drift.features.id.not_computed).toContain('no distribution');
  });

  it('exits 1 with a clear message when the run cannot happen', async () => {
    const noBaseline = io();
    expect(
      await main(
        ['monitor', 'data-quality', '--baseline', 'none', '--capture', 'capture', '--out', 'r'],
        noBaseline.io,
      ),
    ).toBe(1);
    expect(noBaseline.err[0]).toMatch(
      /No baseline at .*none: expected statistics\.json and constraints\.json/,
    );
    const noData = io();
    const code = await main(
      [
        'monitor',
        'data-quality',
        '--baseline',
        'baseline',
        '--capture',
        'capture',
        '--start',
        '2030-01-01T00:00:00Z',
        '--out',
        'r',
      ],
      noData.io,
    );
    expect(code).toBe(1);
    expect(noData.err[0]).toMatch(/No captured records in capture for the window/);
    const usage = io();
    expect(await main(['monitor', 'data-quality', '--baseline', 'baseline', '--out', 'r'], usage.io)).toBe(2);
  });

  it('exits 1 naming the file and field when the baseline has a bad value (it silently switched drift off)', async () => {
    await mkdir(join(dir, 'bad-baseline'), { recursive: true });
    const constraints = JSON.parse(await readFile(`${fixtures}dq-baseline-aai540/constraints.json`, 'utf8'));
    constraints.monitoring_config.distribution_constraints.comparison_threshold = 'abc';
    await writeFile(join(dir, 'bad-baseline', 'constraints.json'), JSON.stringify(constraints));
    const bad = io();
    expect(
      await main(
        ['monitor', 'data-quality', '--baseline', 'bad-baseline', '--capture', 'capture', '--out', 'r'],
        bad.io,
      ),
    ).toBe(1);
    expect(bad.err[0]).toMatch(
      /bad-baseline\/constraints\.json: invalid field "monitoring_config\.distribution_constraints\.comparison_threshold": .*expected number/,
    );
  });
});
