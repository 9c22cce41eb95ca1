// The dashboard at the scale the issue names: 30 days × 24 runs × 4 monitors × 3 endpoints of run
// summaries in a generated home, loaded through the same API `vigil ui` serves and, when Debian's
// chromium is installed, in the browser. Reported as milliseconds and as a ratio to a floor (reading
// the index files' bytes), never as pass/fail.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MonitoringExecutionDetail, MonitoringType } from '@vigil/core';
import { appendRunSummary, dashboardResponse, runIndexKey, summarizeRun } from '@vigil/core/dashboard';
import { localDashboardSources, startDashboardServer } from '../packages/cli/src/ui/index.ts';

const DAYS = 30;
const RUNS_PER_DAY = 24;
const ENDPOINTS = ['credit', 'churn', 'fraud'];
const FEATURES = ['age', 'income', 'balance', 'tenure', 'region', 'score'];
const MQ_METRICS = [
  'accuracy',
  'precision',
  'recall',
  'f1',
  'auc',
  'au_prc',
  'f0_5',
  'f2',
  'true_positive_rate',
  'true_negative_rate',
  'false_positive_rate',
  'false_negative_rate',
];

/** A deterministic pseudo-random number in [0, 1) for run `i` and metric `j`. */
const noise = (i: number, j: number) => {
  const x = Math.sin(i * 12.9898 + j * 78.233) * 43758.5453;
  return x - Math.floor(x);
};

/** One run's detail and report files, shaped as each monitor writes them. */
function generatedRun(endpoint: string, type: MonitoringType, i: number) {
  const start = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000);
  const end = new Date(start.getTime() + 3_600_000);
  const metrics: Record<string, number> = {};
  const files: { name: string; body: string }[] = [];
  if (type === 'DataQuality') {
    const features: Record<string, unknown> = {};
    FEATURES.forEach((feature, j) => {
      metrics[`feature_baseline_drift_${feature}`] = noise(i, j) * 0.15;
      features[feature] = { value: noise(i, j + 10) * 0.2, threshold: 0.1, drift: noise(i, j + 10) > 0.5 };
    });
    files.push({ name: 'drift_report.json', body: JSON.stringify({ features }) });
    files.push({
      name: 'constraints.json',
      body: JSON.stringify({
        monitoring_config: { distribution_constraints: { comparison_threshold: 0.1 } },
      }),
    });
  } else if (type === 'ModelQuality') {
    const estimated: Record<string, unknown> = {};
    MQ_METRICS.forEach((metric, j) => {
      metrics[metric] = 0.7 + noise(i, j) * 0.2;
      if (j < 5) {
        metrics[`estimated_${metric}`] = 0.72 + noise(i, j + 20) * 0.15;
        estimated[metric] = { estimated: metrics[`estimated_${metric}`], lower: 0.65, upper: 0.9 };
      }
    });
    files.push({ name: 'estimated_quality.json', body: JSON.stringify({ metrics: estimated }) });
  } else if (type === 'ModelBias') {
    for (const [j, name] of [
      'post.region=north.AD',
      'post.region=north.DPPL',
      'pre.region=north.CI',
      'pre.region=north.DPL',
    ].entries())
      metrics[name] = noise(i, j) - 0.5;
  } else {
    metrics['label0.ndcg'] = 0.9 + noise(i, 1) * 0.1;
    metrics['label0.ExpectedValue'] = noise(i, 2);
    FEATURES.forEach((feature, j) => {
      metrics[`label0.feature_${feature}`] = noise(i, j + 30) * 0.3;
    });
  }
  const violated = noise(i, 99) > 0.9;
  const detail: MonitoringExecutionDetail = {
    endpointName: endpoint,
    variantName: 'AllTraffic',
    monitoringScheduleName: `${endpoint}-${type}`,
    monitoringType: type,
    status: violated ? 'CompletedWithViolations' : 'Completed',
    scheduledTime: end.toISOString(),
    windowStart: start.toISOString(),
    windowEnd: end.toISOString(),
    reportUri: '',
    violationCount: violated ? 1 : 0,
    violations: violated
      ? [{ subject: FEATURES[0]!, checkType: 'baseline_drift_check', description: 'drifted' }]
      : [],
    metrics,
    skipped: [],
    recordCount: 1000,
  };
  return { detail, files };
}

/** Writes the generated home: one run index per endpoint and monitor, and the configuration. */
export async function generateDashboardHome(home: string): Promise<number> {
  await rm(home, { recursive: true, force: true });
  let runs = 0;
  for (const endpoint of ENDPOINTS) {
    for (const type of ['DataQuality', 'ModelQuality', 'ModelBias', 'ModelExplainability'] as const) {
      let text = '';
      for (let i = 0; i < DAYS * RUNS_PER_DAY; i++) {
        const { detail, files } = generatedRun(endpoint, type, i);
        text = appendRunSummary(
          text,
          summarizeRun({ ...detail, reportUri: `${home}/reports/${endpoint}/${type}/${i}/` }, files),
        );
        runs++;
      }
      const key = join(home, runIndexKey(endpoint, type));
      await mkdir(join(key, '..'), { recursive: true });
      await writeFile(key, text);
    }
    await mkdir(join(home, 'baselines', endpoint), { recursive: true });
    await writeFile(
      join(home, 'baselines', endpoint, 'constraints.json'),
      JSON.stringify({
        binary_classification_constraints: {
          accuracy: { threshold: 0.72, comparison_operator: 'LessThanThreshold' },
        },
      }),
    );
  }
  const endpoints = ENDPOINTS.map((name) => ({
    name,
    modelPackageGroup: name,
    monitors: { modelQuality: { baseline: `baselines/${name}/`, problemType: 'BinaryClassification' } },
  }));
  await writeFile(join(home, 'vigil.config.json'), JSON.stringify({ version: 1, endpoints }));
  return runs;
}

/** The median of `repeats` timings of `task`, in milliseconds. */
async function median(repeats: number, task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export interface DashboardLoadResult {
  runs: number;
  indexBytes: number;
  floorMs: number;
  overviewMs: number;
  seriesMs: number;
  browserOverviewMs?: number;
  browserSeriesMs?: number;
}

/** Measures the generated home: the floor, the API's two heaviest answers, and the pages in chromium. */
export async function runDashboardLoad(home: string, repeats = 5): Promise<DashboardLoadResult> {
  const runs = await generateDashboardHome(home);
  const indexFiles: string[] = [];
  for (const endpoint of await readdir(join(home, 'index/runs')))
    for (const file of await readdir(join(home, 'index/runs', endpoint)))
      indexFiles.push(join(home, 'index/runs', endpoint, file));
  let indexBytes = 0;
  const floorMs = await median(repeats, async () => {
    indexBytes = 0;
    for (const file of indexFiles) indexBytes += (await readFile(file)).length;
  });
  const sources = await localDashboardSources(home);
  const overviewMs = await median(repeats, () => dashboardResponse(sources, '/api/overview'));
  const seriesMs = await median(repeats, () => dashboardResponse(sources, '/api/series/credit/DataQuality'));
  const result: DashboardLoadResult = { runs, indexBytes, floorMs, overviewMs, seriesMs };
  if (existsSync('/usr/bin/chromium')) {
    const { chromium } = await import('playwright-core');
    const server = await startDashboardServer((path) => dashboardResponse(sources, path), 0);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const load = (hash: string) => async () => {
      await page.goto('about:blank');
      await page.goto(`${server.url}${hash}`);
      await page.waitForSelector('main[data-ready="true"]');
    };
    result.browserOverviewMs = await median(repeats, load('#/'));
    result.browserSeriesMs = await median(repeats, load('#/endpoint/credit/DataQuality'));
    await browser.close();
    await server.close();
  }
  return result;
}

export function formatDashboardLoad(r: DashboardLoadResult): string[] {
  const ratio = (ms: number) => `${ms.toFixed(1)} ms, ${(ms / r.floorMs).toFixed(1)}× the floor`;
  return [
    `Dashboard at scale: ${r.runs.toLocaleString('en')} runs (${DAYS} days × ${RUNS_PER_DAY} × 4 monitors × ${ENDPOINTS.length} endpoints), ${(r.indexBytes / 1e6).toFixed(1)} MB of run indexes`,
    `  floor (read the 12 index files):      ${r.floorMs.toFixed(1)} ms`,
    `  API overview (every monitor's last):   ${ratio(r.overviewMs)}`,
    `  API series (one endpoint's DQ, 720 runs): ${ratio(r.seriesMs)}`,
    ...(r.browserOverviewMs === undefined
      ? ['  (chromium not installed: page loads not measured)']
      : [
          `  chromium, overview page rendered:     ${ratio(r.browserOverviewMs)}`,
          `  chromium, DQ page with 12 charts:     ${ratio(r.browserSeriesMs!)}`,
        ]),
  ];
}
