import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { httpModelInvoker } from '@vigil/aws';
import {
  hourOf,
  hourPath,
  type MonitoringExecutionDetail,
  parseConfig,
  reportPrefix,
  type VigilConfig,
} from '@vigil/core';
import { verifyAuditLog } from '@vigil/core/audit';
import { serveModel } from '@vigil/local';
import type { CliIO } from '../command.ts';
import { main } from '../main.ts';
import { runAbTest } from './ab-test.ts';
import { type DemoFindings, writeDemoReport } from './demo-report.ts';
import { type RainModel, trainRainModel } from './model.ts';
import {
  asDelivered,
  biasAnalysisConfig,
  biasDataset,
  DEMO,
  dataQualityDataset,
  explainDataset,
  modelCard,
  modelQualityDataset,
  relaxConstraints,
  shapAnalysisConfig,
  trafficHours,
} from './scenario.ts';
import { CAPTURED_PREDICTION_ARGS, captureFileName, captureLine, groundTruthLine } from './traffic.ts';
import { featureRow, loadSeattleWeather, type WeatherDay } from './weather.ts';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  cwd: string;
  /** The demo's own home folder, emptied first; default `.vigil-demo`. */
  home?: string;
  io: CliIO;
}

const HOUR_MS = 3_600_000;
const LABEL_MONITOR_SCHEDULE = `cron(0 2-23 ${Number(DEMO.day.slice(8, 10))} ${Number(DEMO.day.slice(5, 7))} ? ${DEMO.day.slice(0, 4)})`;

/**
 * `vigil demo`: the whole of Vigil on real public data (NOAA's Seattle weather, 2012–2015, from
 * vega-datasets), on a local folder, with no AWS account. It trains a small rain model, serves it
 * over HTTP with SageMaker's container contract, baselines it with the same commands a user runs,
 * registers three versions through the approval gate, replays six hours of later traffic as
 * SageMaker data-capture files, and lets `vigil dev`'s loop run the Lambda handlers: profiles,
 * the four monitors, metrics, guardrail alarms, one grouped alert, and a rollback in the audit log.
 * Last, an A/B test of v3 against v1 with v2 in shadow, and its decision (`runAbTest`).
 *
 * @example
 * ```ts
 * await runDemo({ cwd: process.cwd(), io });
 * ```
 */
export async function runDemo(options: DemoOptions): Promise<DemoFindings> {
  const { io } = options;
  const started = Date.now();
  const home = resolve(options.cwd, options.home ?? '.vigil-demo');
  const step = stepper(io, started);
  await rm(home, { recursive: true, force: true });
  await mkdir(join(home, 'demo'), { recursive: true });
  const file = (path: string) => join(home, 'demo', path);
  const write = async (path: string, text: string) => {
    await mkdir(dirname(file(path)), { recursive: true });
    await writeFile(file(path), text);
    return file(path);
  };

  step('Loading NOAA Seattle weather 2012–2015 (vega-datasets) and training the rain model');
  const days = await loadSeattleWeather();
  const train = days.filter((d) => d.date < '2014');
  const y2014 = days.filter((d) => d.date.startsWith('2014'));
  const y2015 = days.filter((d) => d.date.startsWith('2015'));
  const models: Record<'v1' | 'v2' | 'v3', RainModel> = {
    v1: trainRainModel(train),
    v2: trainRainModel(train, { shuffleLabels: true }),
    v3: trainRainModel([...train, ...y2014]),
  };
  let serving: RainModel = models.v1;
  const server = await serveModel((record) => serving(record));
  try {
    io.stdout(`    model served at ${server.url} (POST /invocations, GET /ping)`);

    step('Baselining v1 on 2012–2013 with the same commands a user runs');
    const cli = quietCli(io);
    await write('baseline/data-quality.csv', dataQualityDataset(train, models.v1));
    await cli([
      'baseline',
      'data-quality',
      '--dataset',
      file('baseline/data-quality.csv'),
      '--out',
      join(home, 'baselines/data-quality/'),
    ]);
    await write('baseline/model-quality.csv', modelQualityDataset(train, models.v1));
    // The same commands baseline the deployed model and, below, each registered version.
    const baselineModelQuality = (dataset: string, out: string, extra: string[] = []) =>
      cli([
        'baseline',
        'model-quality',
        '--dataset',
        dataset,
        '--problem-type',
        'BinaryClassification',
        '--ground-truth-attribute',
        'label',
        '--inference-attribute',
        'prediction',
        '--probability-attribute',
        'probability',
        ...extra,
        '--out',
        out,
      ]);
    const baselineBias = (dataset: string, out: string) =>
      cli([
        'bias',
        '--analysis-config',
        file('bias/analysis_config.json'),
        '--dataset',
        dataset,
        '--out',
        out,
      ]);
    await baselineModelQuality(file('baseline/model-quality.csv'), join(home, 'baselines/model-quality/'), [
      '--probability-threshold',
      '0.5',
    ]);
    const constraintsPath = join(home, 'baselines/model-quality/constraints.json');
    await writeFile(constraintsPath, relaxConstraints(await readFile(constraintsPath, 'utf8'), 0.08));
    await write('bias/analysis_config.json', JSON.stringify(biasAnalysisConfig(), null, 2));
    await write('baseline/bias.csv', biasDataset(train, models.v1));
    await baselineBias(file('baseline/bias.csv'), join(home, 'baselines/bias/'));
    await write('shap/analysis_config.json', JSON.stringify(shapAnalysisConfig(), null, 2));
    await write('baseline/explain.csv', explainDataset(train.filter((_, i) => i % 12 === 0)));
    await cli([
      'explain',
      '--analysis-config',
      file('shap/analysis_config.json'),
      '--dataset',
      file('baseline/explain.csv'),
      '--model',
      server.url,
      '--out',
      join(home, 'baselines/explainability/'),
    ]);
    io.stdout(
      '    statistics.json, constraints.json, model-quality and calibration files, Clarify analysis.json (bias, SHAP)',
    );

    const config = demoConfig(server.url);
    const configPath = join(home, 'vigil.config.json');
    await writeFile(configPath, JSON.stringify(config, null, 2));

    step('Registering three model versions; the approval gate decides on their evidence');
    const decisions: DemoFindings['decisions'] = [];
    for (const [version, note, trainedOn] of [
      ['v1', 'trained on 2012–2013', '2012-2013'],
      ['v2', 'trained on scrambled labels', '2012-2013 (labels scrambled)'],
      ['v3', 'retrained on 2012–2014', '2012-2014'],
    ] as const) {
      const model = models[version];
      await write(`registry/${version}/evaluation.csv`, modelQualityDataset(y2014, model));
      await baselineModelQuality(
        file(`registry/${version}/evaluation.csv`),
        file(`registry/${version}/model-quality/`),
      );
      await write(`registry/${version}/bias.csv`, biasDataset(y2014, model));
      await baselineBias(file(`registry/${version}/bias.csv`), file(`registry/${version}/bias/`));
      await write(`registry/${version}/card.json`, JSON.stringify(modelCard(version, trainedOn)));
      const lines = await cli([
        'registry',
        'register',
        '--home',
        home,
        '--config',
        configPath,
        '--group',
        DEMO.group,
        '--description',
        `Rain model ${version}, ${note}`,
        '--model-quality',
        file(`registry/${version}/model-quality/statistics.json`),
        '--model-quality-constraints',
        file(`registry/${version}/model-quality/constraints.json`),
        '--bias',
        file(`registry/${version}/bias/analysis.json`),
        '--card',
        file(`registry/${version}/card.json`),
      ]);
      const decision = (lines.find((l) => l.startsWith('Gate:')) ?? '').replace(/^Gate: /, '');
      const failed = lines
        .filter((l) => l.trim().startsWith('FAIL'))
        .map((l) => l.trim().replace(/^FAIL /, ''));
      decisions.push({ version, note, decision: [decision, ...failed].join('; ') });
      io.stdout(`    ${version} (${note}): ${decision}`);
      for (const reason of failed) io.stdout(`        ✗ ${reason}`);
    }
    const arnOf = (version: number) =>
      `arn:aws:sagemaker:local:000000000000:model-package/${DEMO.group}/${version}`;

    step('Starting the local loop (`vigil dev`): the Lambda handlers on a local bus, a simulated clock');
    const firstHour = new Date(`${DEMO.day}T00:00:00Z`);
    let now = new Date(firstHour.getTime() + 30_000);
    const clock = { now: () => new Date(now.getTime()) };
    const { createLocalSystem } = await import('../dev/local-system.ts');
    const alerts: string[] = [];
    const system = createLocalSystem({
      config: parseConfig(config),
      cwd: options.cwd,
      home,
      clock,
      print: (t) => alerts.push(t),
      env: io.env,
    });
    await system.loop.round(now);
    await system.bus.put([
      await system.endpoints.deploy(DEMO.endpoint, `${DEMO.endpoint}-config-v1`, [arnOf(1)], clock.now()),
    ]);

    const hours = trafficHours(y2014, y2015);
    const runs: MonitoringExecutionDetail[] = [];
    system.bus.subscribe(
      'demo',
      { source: ['vigil'], 'detail-type': ['Vigil Monitoring Execution'] },
      (event) => {
        runs.push(event.detail as MonitoringExecutionDetail);
      },
    );
    step(
      `Replaying ${hours.reduce((n, h) => n + h.days.length, 0)} requests over six hours as SageMaker capture files`,
    );
    for (const traffic of hours) {
      const hourStart = new Date(firstHour.getTime() + traffic.hour * HOUR_MS);
      now = new Date(hourStart.getTime() + 60_000);
      if (traffic.hour === 3) {
        serving = models.v3;
        await system.bus.put([
          await system.endpoints.deploy(DEMO.endpoint, `${DEMO.endpoint}-config-v3`, [arnOf(3)], clock.now()),
        ]);
      }
      // Labels of the previous hour arrive during this one.
      const previous = hours[traffic.hour - 1];
      if (previous) await writeLabels(home, previous.days, hourStart, previous.hour);
      await replayHour(home, server.url, traffic, hourStart);
      await system.loop.scanCapture();
      now = new Date(hourStart.getTime() + HOUR_MS + 5 * 60_000);
      const before = runs.length;
      await system.loop.round(now);
      const endpoint = await system.endpoints.describe(DEMO.endpoint);
      serving = endpoint.configName.endsWith('v1') ? models.v1 : models.v3;
      io.stdout(
        `    hour ${String(traffic.hour).padStart(2, '0')}:00  ${traffic.days.length} requests, ${traffic.note}; runs at ${String(traffic.hour + 1).padStart(2, '0')}:05:`,
      );
      for (const run of runs.slice(before)) {
        const shift = run.monitoringType === 'ModelExplainability' ? await attributionShift(home, run) : '';
        io.stdout(`      ${describeRun(run)}${shift}`);
      }
      for (const alert of alerts.splice(0)) io.stdout(indent(alert, '      │ '));
    }

    step('Hour 05 has no labels yet: model quality estimated now, realized once they arrive');
    const last = hours[hours.length - 1]!;
    const lastHour = new Date(firstHour.getTime() + last.hour * HOUR_MS);
    const estimateRun = async (label: string, acceptFailed: boolean) => {
      const out = join(home, 'reports', DEMO.endpoint, `model-quality-${label}`, hourPath(lastHour));
      await cli(
        [
          'monitor',
          'model-quality',
          '--baseline',
          join(home, 'baselines/model-quality/'),
          '--capture',
          join(home, 'capture', DEMO.endpoint, 'AllTraffic', hourPath(lastHour)),
          '--ground-truth',
          join(home, 'ground-truth/'),
          ...CAPTURED_PREDICTION_ARGS,
          '--endpoint',
          DEMO.endpoint,
          '--out',
          `${out}/`,
          '--home',
          home,
        ],
        acceptFailed ? [0, 1] : [0],
      );
      return readEstimate(join(out, 'estimated_quality.json'));
    };
    // Without labels the run is Failed (as SageMaker's would be) but the estimate is made.
    const before = await estimateRun('before-labels', true);
    await writeLabels(home, last.days, new Date(lastHour.getTime() + 2 * HOUR_MS), last.hour);
    const after = await estimateRun('after-labels', false);
    const estimates: DemoFindings['estimates'] = [
      { hour: last.hour, estimated: before.estimated, realized: after.realized },
    ];
    for (const e of estimates) {
      io.stdout(
        `    hour ${String(e.hour).padStart(2, '0')}:00  accuracy estimated ${fmt(e.estimated)} from probabilities alone → realized ${fmt(e.realized)} from labels`,
      );
    }

    step(
      'A/B test on the 2015 requests: champion v1 and challenger v3 take half each, shadow v2 answers copies of the champion’s',
    );
    const ab = await runAbTest({
      folder: file('ab-test'),
      cli,
      models,
      days: y2015,
      hour: new Date(firstHour.getTime() + 6 * HOUR_MS),
      home,
    });
    for (const verdict of ab.verdicts) io.stdout(`    ${verdict.line}`);
    io.stdout(`    comparison.json: ${relativeOrAbsolute(options.cwd, ab.comparisonPath)}`);

    step('Checking the audit trail and writing the report');
    const audit = await verifyAuditLog(system.runtime.store);
    const findings: DemoFindings = {
      home,
      decisions,
      runs,
      estimates,
      auditRecords: audit.recordCount,
      auditOk: audit.ok,
      endpointConfig: (await system.endpoints.describe(DEMO.endpoint)).configName,
      outbox: await system.runtime.store
        .list('outbox/')
        [Symbol.asyncIterator]()
        .next()
        .then((r) => (r.done ? 0 : 1)),
      reportPath: join(home, 'report.html'),
    };
    await writeDemoReport(system.runtime.store, findings, {
      start: firstHour,
      end: new Date(firstHour.getTime() + 6 * HOUR_MS),
    });
    io.stdout(
      `    audit log: ${audit.recordCount} records, hash chain ${audit.ok ? 'intact' : 'BROKEN'}; endpoint now on ${findings.endpointConfig}`,
    );
    io.stdout('');
    io.stdout(`Report: ${relativeOrAbsolute(options.cwd, findings.reportPath)}`);
    io.stdout(
      `Everything the run wrote (capture, profiles, reports, metrics, events, outbox, audit): ${relativeOrAbsolute(options.cwd, home)}`,
    );
    io.stdout(`Dashboard: npx vigil ui --home ${relativeOrAbsolute(options.cwd, home)}`);
    io.stdout(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return findings;
  } finally {
    await server.close();
  }
}

/** The configuration the demo runs under: one endpoint, all four monitors, one channel, rollback on. */
export function demoConfig(modelUrl: string): VigilConfig {
  return parseConfig({
    version: 1,
    channels: { [DEMO.channel]: { type: 'slack', webhookSecret: DEMO.slackSecret } },
    approvalPolicies: [
      {
        modelPackageGroup: DEMO.group,
        requiredReports: ['ModelQuality', 'ModelBias'],
        modelCard: { requiredFields: ['model_overview.model_owner', 'intended_uses.purpose_of_model'] },
        metrics: [
          { metric: 'auc', min: 0.8 },
          { metric: 'accuracy', min: 0.7 },
        ],
        noWorseThanApproved: [{ metric: 'auc', tolerance: 0.05 }],
      },
    ],
    endpoints: [
      {
        name: DEMO.endpoint,
        capture: 'capture',
        groundTruth: 'ground-truth',
        reports: 'reports',
        modelPackageGroup: DEMO.group,
        monitors: {
          dataQuality: { baseline: 'baselines/data-quality/' },
          // Labels arrive an hour late: the label-based monitors look at the hour before last, and
          // start on the demo day at 02:00, when the first labels can be in.
          modelQuality: {
            baseline: 'baselines/model-quality/',
            window: { startOffset: '-PT2H', endOffset: '-PT1H' },
            schedule: LABEL_MONITOR_SCHEDULE,
            problemType: 'BinaryClassification',
            probabilityAttribute: '0',
            probabilityThreshold: 0.5,
          },
          biasDrift: {
            baseline: 'baselines/bias/analysis.json',
            analysisConfig: 'demo/bias/analysis_config.json',
            window: { startOffset: '-PT2H', endOffset: '-PT1H' },
            schedule: LABEL_MONITOR_SCHEDULE,
            // Beyond Clarify: a violation needs the bootstrap interval, not just the point value, past the baseline.
            bootstrap: { enabled: true, resamples: 200 },
            violationPolicy: 'interval',
            probabilityAttribute: '0',
            probabilityThreshold: 0.5,
          },
          featureAttribution: {
            baseline: 'baselines/explainability/analysis.json',
            analysisConfig: 'demo/shap/analysis_config.json',
            model: { url: modelUrl },
            sampleSize: 40,
          },
        },
        alerts: { channels: [DEMO.channel], suppressMinutes: 120, guardrails: { heartbeat: false } },
        rollback: { policy: 'rollback' },
      },
    ],
  });
}

async function replayHour(
  home: string,
  modelUrl: string,
  traffic: ReturnType<typeof trafficHours>[number],
  hourStart: Date,
) {
  const delivered = traffic.days.map((d) => asDelivered(d, traffic.feedInImperial));
  const scores = await httpModelInvoker({ url: modelUrl }).invoke(delivered.map(featureRow));
  const folder = join(home, 'capture', DEMO.endpoint, 'AllTraffic', hourPath(hourStart));
  await mkdir(folder, { recursive: true });
  // Two capture files per hour, as data capture flushes every few minutes.
  const half = Math.ceil(delivered.length / 2);
  for (const [part, slice] of [delivered.slice(0, half), delivered.slice(half)].entries()) {
    if (slice.length === 0) continue;
    const first = new Date(hourStart.getTime() + (part * 30 + 2) * 60_000);
    const lines = slice.map((day, i) => {
      const at = new Date(first.getTime() + i * 5_000);
      return captureLine(day, scores[part * half + i]?.[0] ?? Number.NaN, at);
    });
    await writeFile(join(folder, captureFileName(first)), `${lines.join('\n')}\n`);
  }
}

async function writeLabels(home: string, days: readonly WeatherDay[], arrived: Date, hour: number) {
  const folder = join(home, 'ground-truth', hourPath(arrived));
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, `labels-hour-${hour}.jsonl`), `${days.map(groundTruthLine).join('\n')}\n`);
}

async function readEstimate(path: string): Promise<{ estimated: number; realized: number }> {
  const report = JSON.parse(await readFile(path, 'utf8').catch(() => '{}')) as Record<string, unknown>;
  return { estimated: metricOf(report, 'estimate'), realized: metricOf(report, 'realized') };
}

function metricOf(report: Record<string, unknown>, side: 'estimate' | 'realized'): number {
  const metrics = (report.metrics ?? report) as Record<string, unknown>;
  const accuracy = (metrics.accuracy ?? {}) as Record<string, unknown>;
  const value = accuracy[side] ?? (accuracy[side === 'estimate' ? 'estimated' : side] as unknown);
  const v = typeof value === 'object' && value !== null ? (value as { value?: unknown }).value : value;
  return typeof v === 'number' ? v : Number.NaN;
}

function describeRun(run: MonitoringExecutionDetail): string {
  // Label-based monitors look an hour further back (their labels arrive an hour late).
  const head = `${run.monitoringType.padEnd(19)} on ${run.windowStart.slice(11, 13)}:00  ${run.status.padEnd(23)}`;
  if (run.status === 'Failed') return `${head} ${run.failureReason ?? 'no reason given'}`;
  const m = run.metrics;
  const headline: Record<string, string> = {
    DataQuality: topDrift(m),
    ModelQuality: `accuracy ${fmt(m.accuracy ?? Number.NaN)}, recall ${fmt(m.recall ?? Number.NaN)}`,
    ModelBias: `season=winter: AD ${fmt(m['post.season=winter.AD'] ?? Number.NaN)}, DPPL ${fmt(m['post.season=winter.DPPL'] ?? Number.NaN)}`,
    ModelExplainability: `nDCG ${fmt(m['label0.ndcg'] ?? Number.NaN)} (violation below 0.9)`,
  };
  const subjects = run.violations.slice(0, 3).map((v) => v.subject);
  const more = run.violationCount > 3 ? ` +${run.violationCount - 3}` : '';
  return `${head} ${headline[run.monitoringType] ?? ''}${subjects.length ? `  ✗ ${subjects.join(', ')}${more}` : ''}`;
}

/** The feature whose global SHAP value moved most against the baseline, e.g. `; wind 0.030 → 0.140`. */
async function attributionShift(home: string, run: MonitoringExecutionDetail): Promise<string> {
  const read = async (path: string) => {
    const text = await readFile(join(home, path), 'utf8').catch(() => '{}');
    const parsed = JSON.parse(text) as {
      explanations?: { kernel_shap?: Record<string, { global_shap_values?: Record<string, number> }> };
    };
    return parsed.explanations?.kernel_shap?.label0?.global_shap_values ?? {};
  };
  const folder = reportPrefix(
    'reports',
    DEMO.endpoint,
    'feature-attribution',
    hourOf(new Date(run.scheduledTime)),
  );
  const [baseline, current] = await Promise.all([
    read('baselines/explainability/analysis.json'),
    read(`${folder}analysis.json`),
  ]);
  const moves = Object.entries(current).map(([name, value]) => ({
    name,
    from: baseline[name] ?? 0,
    to: value,
  }));
  const top = moves.sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from))[0];
  return top ? `; largest shift ${top.name} ${fmt(top.from)} → ${fmt(top.to)}` : '';
}

function topDrift(metrics: Record<string, number>): string {
  const drift = Object.entries(metrics).filter(([k]) => k.startsWith('feature_baseline_drift_'));
  const [name, value] = drift.sort((a, b) => b[1] - a[1])[0] ?? ['', Number.NaN];
  return value > 0
    ? `largest drift ${name.slice('feature_baseline_drift_'.length)} ${fmt(value)}`
    : 'no feature drifted';
}

function quietCli(io: CliIO) {
  return async (argv: string[], accepted: readonly number[] = [0]): Promise<string[]> => {
    const lines: string[] = [];
    const errors: string[] = [];
    const code = await main(argv, { ...io, stdout: (l) => lines.push(l), stderr: (l) => errors.push(l) });
    if (!accepted.includes(code))
      throw new Error(`vigil ${argv.slice(0, 2).join(' ')} failed (${code}): ${errors.join('\n')}`);
    return lines;
  };
}

function stepper(io: CliIO, started: number) {
  let n = 0;
  return (text: string) => {
    n += 1;
    io.stdout(`[${n}] ${text}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
}

const indent = (text: string, prefix: string) =>
  text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : 'n/a');
const relativeOrAbsolute = (cwd: string, path: string) => {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
};
