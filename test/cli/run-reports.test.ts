import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  barsOf,
  chartsOf,
  edgesOf,
  hrefsOf,
  tagNames,
  textsOf,
  verdictsOf,
  violationItemsOf,
} from '../support/report-html.ts';

// A user's own runs (`vigil monitor …`, `vigil compare variants`) write report.html beside their
// JSON, as the scheduled Lambdas do.
let dir: string;

function io() {
  const err: string[] = [];
  return { err, io: { stdout: () => {}, stderr: (l: string) => err.push(l), cwd: dir, env: {} } };
}

const captureLine = (i: number, input: string, output: string) =>
  JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: input, encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: output, encoding: 'CSV' },
    },
    eventMetadata: { eventId: `e-${i}`, inferenceId: `r-${i}`, inferenceTime: '2024-05-01T12:30:00Z' },
    eventVersion: '0',
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-run-reports-'));
  // Baseline: score (the prediction, first), tenure 0..99, plan a/b, and a hostile column name.
  const rows = ['score,tenure,plan,<img src=x onerror=alert(1)>'];
  for (let i = 0; i < 1000; i++)
    rows.push(`${((i % 10) / 10).toFixed(1)},${i % 100},${i % 2 ? 'a' : 'b'},${i % 7}`);
  await writeFile(join(dir, 'train.csv'), `${rows.join('\n')}\n`);
  // The window: tenure shifted by 200, plan sometimes "c"; score and the last column unchanged.
  const folder = join(dir, 'capture', 'churn', 'AllTraffic', '2024', '05', '01', '12');
  await mkdir(folder, { recursive: true });
  const lines = Array.from({ length: 500 }, (_, i) =>
    captureLine(
      i,
      `${200 + (i % 100)},${i % 5 === 0 ? 'c' : i % 2 ? 'a' : 'b'},${i % 7}`,
      ((i % 10) / 10).toFixed(1),
    ),
  );
  await writeFile(join(folder, '30-00-000-x.jsonl'), `${lines.join('\n')}\n`);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('vigil monitor data-quality', () => {
  it('writes report.html in --out: every feature with its verdict, shared-bin charts, links to its files', async () => {
    const baseline = io();
    expect(
      await main(['baseline', 'data-quality', '--dataset', 'train.csv', '--out', 'baseline'], baseline.io),
    ).toBe(0);
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
        'report',
        '--home',
        'home',
      ],
      run.io,
    );
    expect(code, run.err.join('\n')).toBe(0); // 0 with or without violations
    const html = await readFile(join(dir, 'report', 'report.html'), 'utf8');
    const violations = JSON.parse(await readFile(join(dir, 'report', 'constraint_violations.json'), 'utf8'))
      .violations as { feature_name: string }[];
    const violated = new Set(violations.map((v) => v.feature_name));
    expect(violated).toEqual(new Set(['tenure', 'plan']));
    const verdicts = verdictsOf(html);
    expect([...verdicts.keys()]).toEqual(['score', 'tenure', 'plan', '<img src=x onerror=alert(1)>']);
    for (const [name, verdict] of verdicts) {
      expect(verdict === 'violation', name).toBe(violated.has(name));
    }
    // The hostile column name is shown, never parsed.
    expect(tagNames(html)).not.toContain('img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');

    const items = violationItemsOf(html);
    // tenure 0..99 (mean 49.5) → 200..299 (mean 249.5).
    expect(items.find((i) => i.startsWith('tenure:'))).toMatch(/^tenure: mean moved from 49\.5 to 249\.5; /);

    const tenure = chartsOf(html).find((svg) => svg.includes('aria-label="Distribution of tenure,'))!;
    const edges = edgesOf(tenure);
    expect(edges[0]).toBeLessThanOrEqual(0);
    expect(edges.at(-1)).toBeGreaterThanOrEqual(299);
    const bars = barsOf(tenure);
    const binsOf = (series: string) => bars.filter((b) => b.series === series).map((b) => `${b.lo}–${b.hi}`);
    expect(binsOf('baseline')).toEqual(binsOf('current'));
    expect(binsOf('baseline')).toHaveLength(edges.length - 1);
    // Nothing of the baseline lies above 99, nothing of the window below 200.
    for (const b of bars) {
      if (b.series === 'baseline' && b.lo! >= 100) expect(b.share).toBe(0);
      if (b.series === 'current' && b.hi! <= 199) expect(b.share).toBe(0);
    }
    expect(textsOf(tenure, 'x-title')[0]).toMatch(/^tenure \(value, \d+ equal-width bins\)$/);
    expect(textsOf(tenure, 'y-title')).toEqual(['share of records']);

    const plan = chartsOf(html).find((svg) => svg.includes('aria-label="Categories of plan,'))!;
    expect(new Set(barsOf(plan).map((b) => b.category))).toEqual(new Set(['a', 'b', 'c']));

    const written = await readdir(join(dir, 'report'));
    const links = hrefsOf(html);
    expect(links.length).toBeGreaterThanOrEqual(4);
    for (const link of links) expect(written, link).toContain(decodeURIComponent(link));
    expect(written.filter((f) => f !== 'report.html').sort()).toEqual([...links].sort());
  });
});

describe('vigil monitor model-quality', () => {
  it('writes report.html with every metric against its baseline threshold', async () => {
    // Labels: the truth is the score rounded; the window's predictions are off by 0.4 half the time.
    const labels = Array.from({ length: 200 }, (_, i) =>
      JSON.stringify({
        groundTruthData: { data: String(i % 2), encoding: 'CSV' },
        eventMetadata: { eventId: `r-${i}` },
        eventVersion: '0',
      }),
    );
    await mkdir(join(dir, 'mq', 'gt'), { recursive: true });
    await writeFile(join(dir, 'mq', 'gt', 'labels.jsonl'), `${labels.join('\n')}\n`);
    const capture = Array.from({ length: 200 }, (_, i) =>
      captureLine(i, '1,2', String((i % 2) + (i % 4 < 2 ? 0.4 : 0))),
    );
    await mkdir(join(dir, 'mq', 'capture'), { recursive: true });
    await writeFile(join(dir, 'mq', 'capture', 'x.jsonl'), `${capture.join('\n')}\n`);
    // The baseline: predictions exact up to 0.1.
    const training = [
      'label,prediction',
      ...Array.from({ length: 200 }, (_, i) => `${i % 2},${(i % 2) + (i % 3 === 0 ? 0.1 : 0)}`),
    ];
    await writeFile(join(dir, 'mq', 'train.csv'), `${training.join('\n')}\n`);
    const base = io();
    expect(
      await main(
        [
          'baseline',
          'model-quality',
          '--dataset',
          'mq/train.csv',
          '--problem-type',
          'Regression',
          '--ground-truth-attribute',
          'label',
          '--inference-attribute',
          'prediction',
          '--out',
          'mq/baseline',
        ],
        base.io,
      ),
      base.err.join('\n'),
    ).toBe(0);
    const run = io();
    const code = await main(
      [
        'monitor',
        'model-quality',
        '--baseline',
        'mq/baseline',
        '--capture',
        'mq/capture',
        '--ground-truth',
        'mq/gt',
        '--problem-type',
        'Regression',
        '--out',
        'mq/report',
        '--home',
        'home',
      ],
      run.io,
    );
    expect(code, run.err.join('\n')).toBe(0);
    const html = await readFile(join(dir, 'mq', 'report', 'report.html'), 'utf8');
    const constraints = JSON.parse(
      await readFile(join(dir, 'mq', 'baseline', 'constraints.json'), 'utf8'),
    ).regression_constraints;
    const statistics = JSON.parse(
      await readFile(join(dir, 'mq', 'report', 'statistics.json'), 'utf8'),
    ).regression_metrics;
    const verdicts = verdictsOf(html);
    for (const [metric, c] of Object.entries(constraints) as [
      string,
      { threshold: number; comparison_operator: string },
    ][]) {
      const value = statistics[metric].value as number;
      const violated =
        c.comparison_operator === 'GreaterThanThreshold' ? value > c.threshold : value < c.threshold;
      expect(verdicts.get(metric), metric).toBe(violated ? 'violation' : 'ok');
    }
    // mae 0.2 in the window against 0.1/3 in the baseline.
    expect(verdicts.get('mae')).toBe('violation');
    for (const link of hrefsOf(html)) expect(await readdir(join(dir, 'mq', 'report'))).toContain(link);
  });
});

describe('vigil compare variants', () => {
  it('writes report.html beside comparison.json with the decision, every test and the distributions', async () => {
    const cases = JSON.parse(
      await readFile(new URL('../fixtures/variants/cases.json', import.meta.url), 'utf8'),
    ) as {
      cases: {
        name: string;
        champion: { labels: number[]; predictions: number[] };
        challenger: { labels: number[]; predictions: number[] };
      }[];
    };
    const worse = cases.cases.find((c) => c.name === 'regression-challenger-worse')!;
    const labels: string[] = [];
    for (const [variant, rows, prefix] of [
      ['blue', worse.champion, 'a'],
      ['green', worse.challenger, 'b'],
    ] as const) {
      const folder = join(dir, 'cv', 'capture', 'houses', variant, '2024', '05', '01', '12');
      await mkdir(folder, { recursive: true });
      const lines = rows.predictions.map((p, i) =>
        JSON.stringify({
          captureData: {
            endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: '1,2', encoding: 'CSV' },
            endpointOutput: {
              observedContentType: 'text/csv',
              mode: 'OUTPUT',
              data: String(p),
              encoding: 'CSV',
            },
          },
          eventMetadata: {
            eventId: `e-${prefix}-${i}`,
            inferenceId: `${prefix}-${i}`,
            inferenceTime: '2024-05-01T12:30:00Z',
          },
          eventVersion: '0',
        }),
      );
      await writeFile(join(folder, '30-00-000-x.jsonl'), lines.join('\n'));
      labels.push(
        ...rows.labels.map((l, i) =>
          JSON.stringify({
            groundTruthData: { data: String(l), encoding: 'CSV' },
            eventMetadata: { eventId: `${prefix}-${i}` },
            eventVersion: '0',
          }),
        ),
      );
    }
    await mkdir(join(dir, 'cv', 'gt'), { recursive: true });
    await writeFile(join(dir, 'cv', 'gt', 'labels.jsonl'), labels.join('\n'));
    const run = io();
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
        'cv/capture',
        '--ground-truth',
        'cv/gt',
        '--problem-type',
        'Regression',
        '--minimum-effect',
        '0.2',
        '--out',
        'cv/cmp',
        '--home',
        'home',
      ],
      run.io,
    );
    expect(code, run.err.join('\n')).toBe(0);
    const html = await readFile(join(dir, 'cv', 'cmp', 'report.html'), 'utf8');
    const doc = JSON.parse(await readFile(join(dir, 'cv', 'cmp', 'comparison.json'), 'utf8'));
    expect(doc.verdicts[0].decision).toBe('challenger_worse');
    expect(html).toContain('<td><b>challenger_worse</b></td>');
    // The decision metric's test is a violation; every tested metric has its row.
    const verdicts = verdictsOf(html);
    for (const m of doc.verdicts[0].metrics as { metric: string; decision: string }[])
      expect(verdicts.get(`green ${m.metric}`), m.metric).toBe(
        m.decision === 'challenger_worse' ? 'violation' : 'ok',
      );
    expect(violationItemsOf(html)[0]).toMatch(/^green: worse than the champion blue: /);
    expect(hrefsOf(html)).toEqual(['comparison.json']);
    const quantiles = chartsOf(html)[0]!;
    expect(textsOf(quantiles, 'x-title')).toEqual(['percentile of predictions']);
    expect(barsOf(quantiles).map((b) => b.category)).toEqual([
      'p10',
      'p10',
      'p25',
      'p25',
      'p50',
      'p50',
      'p75',
      'p75',
      'p90',
      'p90',
    ]);
  });
});
