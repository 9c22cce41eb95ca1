import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussian } from '../../bench/drift-workload.ts';
import { seededRandom } from '../../bench/generate-capture.ts';

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

function captureLine(i: number, input: string, output: string): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: input, encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: output, encoding: 'CSV' },
    },
    eventMetadata: { eventId: `e-${i}`, inferenceTime: '2024-05-01T12:10:00Z' },
    eventVersion: '0',
  });
}

async function writeCapture(name: string, lines: string[]): Promise<string> {
  const folder = join(dir, name, 'ep/AllTraffic/2024/05/01/12');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, '10-00-000-x.jsonl'), `${lines.join('\n')}\n`);
  return name;
}

async function monitor(baseline: string, capture: string, out: string, ...extra: string[]) {
  const run = io();
  const code = await main(
    [
      'monitor',
      'data-quality',
      '--baseline',
      baseline,
      '--capture',
      capture,
      '--out',
      out,
      '--home',
      'home',
      ...extra,
    ],
    run.io,
  );
  return { code, ...run };
}

/** Training rows: score (the model's output) first, then tenure and plan, as SageMaker expects. */
const trainingRow = (i: number) => `${((i % 10) / 10).toFixed(1)},${i % 100},${i % 2 ? 'a' : 'b'}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-dq-notes-'));
  const full = ['score,tenure,plan', ...Array.from({ length: 1000 }, (_, i) => trainingRow(i))];
  await writeFile(join(dir, 'train.csv'), `${full.join('\n')}\n`);
  expect(
    await main(['baseline', 'data-quality', '--dataset', 'train.csv', '--out', 'baseline'], io().io),
  ).toBe(0);
  const features = [
    'tenure,plan',
    ...Array.from({ length: 1000 }, (_, i) => trainingRow(i).replace(/^[^,]*,/, '')),
  ];
  await writeFile(join(dir, 'features.csv'), `${features.join('\n')}\n`);
  expect(
    await main(
      ['baseline', 'data-quality', '--dataset', 'features.csv', '--out', 'features-baseline'],
      io().io,
    ),
  ).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ragged rows', () => {
  it('are counted against the baseline’s columns in the monitor, not against the first row', async () => {
    // 40 records; the first and three more lack `plan`, two carry a stray fourth value.
    const lines = Array.from({ length: 40 }, (_, i) => {
      const [score, tenure, plan] = trainingRow(i).split(',');
      if (i === 0 || i === 9 || i === 19 || i === 29) return captureLine(i, `${tenure}`, `${score}`);
      if (i === 5 || i === 25) return captureLine(i, `${tenure},${plan},extra`, `${score}`);
      return captureLine(i, `${tenure},${plan}`, `${score}`);
    });
    const capture = await writeCapture('capture-ragged', lines);
    const run = await monitor('baseline', capture, 'report-ragged');
    expect(run.code).toBe(0);
    expect(run.err[0]).toMatch(/in 40 rows from 1 capture files; 6 skipped \(column-count-mismatch\);/);
    expect(run.err).toContain(
      "warning: 6 of 40 rows do not have the baseline's 3 columns: 4 have fewer (their absent values count as missing), " +
        '2 have more (the values past column 3 were left out)',
    );
    // No invented feature: the stray values were left out, so there is no extra_column_check.
    expect(run.out.filter((l) => l.includes('extra_column_check'))).toEqual([]);
    const stats = JSON.parse(await readFile(join(dir, 'report-ragged/statistics.json'), 'utf8'));
    expect(stats.features.map((f: { name: string }) => f.name)).toEqual(['score', 'tenure', 'plan']);
    expect(stats.features[2].string_statistics.common).toEqual({ num_present: 36, num_missing: 4 });
    const notes = JSON.parse(await readFile(join(dir, 'report-ragged/vigil_notes.json'), 'utf8'));
    expect(notes.rows).toEqual({ baseline_columns: 3, short: 4, long: 2 });
  });

  it('do not invent a feature in `baseline data-quality`, and are reported', async () => {
    await writeFile(join(dir, 'ragged.csv'), 'a,b,c\n1,2,x\n3,4,y\n5,6\n7,8,z,9\n9,10,w\n');
    const run = io();
    expect(
      await main(['baseline', 'data-quality', '--dataset', 'ragged.csv', '--out', 'ragged-out'], run.io),
    ).toBe(0);
    expect(run.err[0]).toMatch(/^Baselined 5 rows, 3 features/);
    expect(run.err[1]).toBe(
      "warning: 2 of 5 rows do not have the header's 3 columns: 1 has fewer (their absent values count as missing), " +
        '1 has more (the values past column 3 were left out)',
    );
    const stats = JSON.parse(await readFile(join(dir, 'ragged-out/statistics.json'), 'utf8'));
    expect(stats.features.map((f: { name: string }) => f.name)).toEqual(['a', 'b', 'c']);
    const constraints = JSON.parse(await readFile(join(dir, 'ragged-out/constraints.json'), 'utf8'));
    expect(constraints.features.map((f: { name: string }) => f.name)).toEqual(['a', 'b', 'c']);
  });

  it('without a header, are counted against the width most rows have', async () => {
    await writeFile(join(dir, 'ragged-nh.csv'), '1,2\n3,4,5\n6,7\n8,9\n');
    const run = io();
    expect(
      await main(
        ['baseline', 'data-quality', '--dataset', 'ragged-nh.csv', '--no-header', '--out', 'nh'],
        run.io,
      ),
    ).toBe(0);
    expect(run.err[1]).toBe(
      'warning: 1 of 4 rows do not have the 2 columns most rows have: 1 has more (the values past column 2 were left out)',
    );
    const stats = JSON.parse(await readFile(join(dir, 'nh/statistics.json'), 'utf8'));
    expect(stats.features.map((f: { name: string }) => f.name)).toEqual(['_c0', '_c1']);
  });
});

describe('the output-first hint', () => {
  const lines = Array.from({ length: 200 }, (_, i) => {
    const [score, tenure, plan] = trainingRow(i).split(',');
    return captureLine(i, `${tenure},${plan}`, `${score}`);
  });

  it('names the cause and the fix when a features-only baseline meets capture with outputs first', async () => {
    const capture = await writeCapture('capture-output-first', lines);
    const run = await monitor('features-baseline', capture, 'report-shifted');
    expect(run.code).toBe(0);
    expect(run.out.length).toBeGreaterThan(0);
    const hint = run.err.find((l) => l.startsWith('warning: The capture rows have 3 columns'));
    expect(hint).toContain("1 more than the baseline's 2 features");
    expect(hint).toContain("SageMaker puts the endpoint's output (prediction) columns first");
    expect(hint).toContain('--output-columns NONE');
    expect(hint).toContain('monitors.dataQuality.outputColumns "NONE"');
    // The rows are all wider, not ragged: no skipped rows, no row note beside the hint.
    expect(run.err[0]).not.toContain('skipped');
    expect(run.err.filter((l) => l.includes('rows do not have'))).toEqual([]);
    const notes = JSON.parse(await readFile(join(dir, 'report-shifted/vigil_notes.json'), 'utf8'));
    expect(notes.notes[0]).toBe(hint?.replace(/^warning: /, ''));
    expect(notes.rows).toEqual({ baseline_columns: 2, short: 0, long: 200 });
  });

  it('is not given once the fix is applied (--output-columns NONE), which finds nothing', async () => {
    const run = await monitor(
      'features-baseline',
      'capture-output-first',
      'report-none',
      '--output-columns',
      'NONE',
    );
    expect(run.out).toEqual([]);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^Completed: 0 violations in 200 rows/);
  });

  it('is not given when the baseline has the prediction column first', async () => {
    const run = await monitor('baseline', 'capture-output-first', 'report-full');
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^Completed: 0 violations in 200 rows/);
  });
});

describe('the output-first hint with features of one type and range', () => {
  // Seeded normal deviates (the drift benchmark's generator): every feature is N(0, 1), so type and
  // range fit whichever way the columns are aligned; only the distributions tell the alignments apart.
  const normals = (seed: number) => gaussian(seededRandom(seed));
  const row = (next: () => number, width: number) =>
    Array.from({ length: width }, () => next().toFixed(4)).join(',');

  beforeAll(async () => {
    const next = normals(1);
    const train = ['a,b,c,d', ...Array.from({ length: 1000 }, () => row(next, 4))];
    await writeFile(join(dir, 'normal.csv'), `${train.join('\n')}\n`);
    expect(
      await main(
        ['baseline', 'data-quality', '--dataset', 'normal.csv', '--out', 'normal-baseline'],
        io().io,
      ),
    ).toBe(0);
  });

  it('is given when the capture puts a probability first', async () => {
    const next = normals(2);
    const lines = Array.from({ length: 1000 }, (_, i) =>
      captureLine(i, row(next, 4), ((Math.abs(next()) * 0.3) % 1).toFixed(4)),
    );
    const run = await monitor(
      'normal-baseline',
      await writeCapture('capture-normal', lines),
      'report-normal',
    );
    expect(run.code).toBe(0);
    const hint = run.err.find((l) => l.startsWith('warning: The capture rows have 5 columns'));
    expect(hint).toContain("1 more than the baseline's 4 features");
    expect(hint).toContain('--output-columns NONE');
  });

  it('is not given when the extra column comes last (a new feature, not an output)', async () => {
    const next = normals(3);
    const lines = Array.from({ length: 1000 }, (_, i) =>
      JSON.stringify({
        captureData: {
          endpointInput: {
            observedContentType: 'text/csv',
            mode: 'INPUT',
            data: row(next, 5),
            encoding: 'CSV',
          },
        },
        eventMetadata: { eventId: `e-${i}`, inferenceTime: '2024-05-01T12:10:00Z' },
        eventVersion: '0',
      }),
    );
    const run = await monitor('normal-baseline', await writeCapture('capture-appended', lines), 'report-app');
    expect(run.code).toBe(0);
    expect(run.out).toEqual([expect.stringMatching(/^_c4\textra_column_check\t/)]);
    expect(run.err.filter((l) => l.includes('The capture rows have'))).toEqual([]);
  });
});

describe('columns inferred String', () => {
  it('say which values did it, in the CLI and the report', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => {
      const [score, tenure, plan] = trainingRow(i).split(',');
      const text = i === 7 ? 'abc' : i === 8 || i === 50 ? 'n/a' : tenure;
      return captureLine(i, `${text},${plan}`, `${score}`);
    });
    const capture = await writeCapture('capture-strings', lines);
    const run = await monitor('baseline', capture, 'report-strings');
    expect(run.out).toContain(
      'tenure\tdata_type_check\tData type match requirement is not met. Expected data type: Integral, Expected match: 100.0%. Observed: Only 97.0% of data is Integral.',
    );
    expect(run.err).toContain("warning: tenure: inferred String because of 'abc', 'n/a' (3 of 100 values)");
    const notes = JSON.parse(await readFile(join(dir, 'report-strings/vigil_notes.json'), 'utf8'));
    expect(notes.notes).toContain("tenure: inferred String because of 'abc', 'n/a' (3 of 100 values)");
  });

  it('count non-finite values per feature instead, keeping the column numeric', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => {
      const [score, tenure, plan] = trainingRow(i).split(',');
      return captureLine(i, `${i % 25 === 0 ? 'NaN' : i === 3 ? '1e400' : tenure},${plan}`, `${score}`);
    });
    const capture = await writeCapture('capture-nan', lines);
    const run = await monitor('baseline', capture, 'report-nan');
    expect(run.out.filter((l) => l.includes('data_type_check'))).toEqual([]);
    expect(run.out.map((l) => l.split('\t').slice(0, 2).join(' '))).toContain('tenure completeness_check');
    expect(run.err).toContain(
      'warning: tenure: 5 of 100 values are non-finite (NaN, ±Infinity or too large for a double): counted as missing and left out of the statistics',
    );
    const notes = JSON.parse(await readFile(join(dir, 'report-nan/vigil_notes.json'), 'utf8'));
    expect(notes.non_finite_counts).toEqual({ tenure: 5 });
    const stats = JSON.parse(await readFile(join(dir, 'report-nan/statistics.json'), 'utf8'));
    expect(stats.features[1].inferred_type).toBe('Integral');
  });
});
