import { decodeLinesText } from '../capture/lines.ts';
import { parseCaptureStream } from '../capture/parse-stream.ts';
import type { CaptureIssue, CaptureRecord } from '../capture/types.ts';
import { InputError } from '../errors/vigil-error.ts';
import type { MonitoringExecutionDetail, SkippedInput } from '../events/monitoring-execution.ts';
import { eventViolations, failExecution, settleStatus } from '../events/publish-execution.ts';
import type { RunRecordStore } from '../events/run-record.ts';
import { settleRun } from '../events/settle-run.ts';
import { parseGroundTruthText } from '../groundtruth/parse-stream.ts';
import type { GroundTruthIssue, GroundTruthLabel } from '../groundtruth/types.ts';
import { toPythonJson } from '../json/python-json.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { Log } from '../ports/log.ts';
import type { MetricDatum, MetricSink } from '../ports/metric-sink.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { hourFromKey, inWindow, type TimeWindow } from '../window/window.ts';
import { runBiasAnalysis } from './analysis.ts';
import { parseAnalysisConfig, requestedMethods } from './analysis-config.ts';
import { analysisJson, type BiasAnalysis, parseAnalysisJson } from './analysis-json.ts';
import type { BootstrapOptions } from './bootstrap.ts';
import { type BiasViolation, compareWithBaseline, type DriftPolicy } from './drift.ts';
import { type BiasDriftAttributes, biasDriftDataset } from './drift-dataset.ts';
import { biasMetricDatums, biasMetricsNamespace } from './metric-datums.ts';
import type { BiasStage } from './registry.ts';

/** The ports a bias-drift run uses. */
export interface BiasDriftMonitorPorts {
  readonly metrics: MetricSink;
  readonly events: EventPublisher;
  readonly clock: Clock;
  readonly log: Log;
}

/** An object, or a prefix of objects, in a store. */
export interface StoredLocation {
  readonly store: ObjectStore;
  readonly key: string;
}

/** What one bias-drift run reads, where it writes, and how it judges. */
export interface BiasDriftMonitorOptions {
  readonly endpoint: string;
  readonly variant?: string;
  /** MonitoringSchedule dimension; default `<endpoint>-bias-drift`. */
  readonly scheduleName?: string;
  /** The hour the run covers; the event is stamped with it. */
  readonly scheduledTime: Date;
  /** Capture objects are read when their `yyyy/mm/dd/hh` folder lies in it; all when absent. */
  readonly window?: TimeWindow;
  /** Capture files or prefixes. */
  readonly capture: readonly StoredLocation[];
  /** Ground-truth files or prefixes (labels are not filtered by time: a late label still joins). */
  readonly groundTruth: readonly StoredLocation[];
  /** The baseline analysis.json: its metric values are the constraints. */
  readonly baseline: StoredLocation;
  /** Clarify's analysis_config.json (label, label values, facets, group variable, headers). */
  readonly analysisConfig: StoredLocation;
  /** Report folder: analysis.json and constraint_violations.json go under it. */
  readonly output: StoredLocation;
  readonly attributes?: BiasDriftAttributes;
  /** Metric namespace prefix; default `aws/sagemaker`. */
  readonly namespacePrefix?: string;
  readonly publishMetrics?: boolean;
  /** Vigil's store for run records: makes the run idempotent per window (see settleRun). */
  readonly records?: RunRecordStore;
  /** Beyond Clarify: bootstrap intervals and group sizes next to each metric. Off by default. */
  readonly bootstrap?: BootstrapOptions;
  /** `interval` needs the bootstrap interval to cross the baseline (needs `bootstrap`). Default `point`. */
  readonly policy?: DriftPolicy;
  readonly modelPackageArn?: string;
}

/** The outcome of a run: the event detail, and the analysis and violations when they were computed. */
export interface BiasDriftMonitorResult {
  readonly detail: MonitoringExecutionDetail;
  readonly analysis?: BiasAnalysis;
  readonly violations: BiasViolation[];
}

const MAX_EXAMPLES = 5;
// Keeps the event far below EventBridge's 256 KB even with one-vs-rest facets of many values.
const MAX_EVENT_METRICS = 200;

/**
 * One run of the bias-drift monitor (SageMaker's ModelBiasMonitor): join the window's captured
 * predictions with ground truth, compute Clarify's bias metrics per facet, compare them with the
 * baseline analysis.json (violation when the current value is farther from 0), write analysis.json
 * and constraint_violations.json, publish `bias_metric_<NAME>` and emit a "Vigil Monitoring
 * Execution" event. Bad lines and unmatched ids are counted in the event; a run that cannot happen
 * (no joined rows, an unreadable config) ends Failed with the reason. An unreadable baseline still
 * computes and publishes the metrics, then fails the run saying drift was not checked.
 *
 * @example
 * ```ts
 * const { detail } = await runBiasDriftMonitor({ metrics, events, clock, log }, {
 *   endpoint: 'credit', scheduledTime: new Date('2024-05-01T13:00:00Z'),
 *   capture: [{ store, key: 'capture/credit/AllTraffic/2024/05/01/12/' }],
 *   groundTruth: [{ store, key: 'ground-truth/credit/2024/05/01/' }],
 *   baseline: { store, key: 'baselines/credit/analysis.json' },
 *   analysisConfig: { store, key: 'baselines/credit/analysis_config.json' },
 *   output: { store, key: 'reports/credit/bias-drift/2024/05/01/13/' },
 * });
 * detail.status; // 'Completed' | 'CompletedWithViolations' | 'Failed'
 * ```
 */
export async function runBiasDriftMonitor(
  ports: BiasDriftMonitorPorts,
  options: BiasDriftMonitorOptions,
): Promise<BiasDriftMonitorResult> {
  const { log } = ports;
  const scheduleName = options.scheduleName ?? `${options.endpoint}-bias-drift`;
  const skipped = new Map<string, SkippedInput>();
  const skip = (reason: string, count = 1, example?: string): void => {
    if (count <= 0) return;
    const entry = skipped.get(reason) ?? { reason, count: 0, examples: [] };
    entry.count += count;
    if (example && entry.examples!.length < MAX_EXAMPLES) entry.examples!.push(example);
    skipped.set(reason, entry);
  };
  const outputFolder =
    options.output.key === '' || options.output.key.endsWith('/')
      ? options.output.key
      : `${options.output.key}/`;
  const detail: MonitoringExecutionDetail = {
    endpointName: options.endpoint,
    variantName: options.variant,
    monitoringScheduleName: scheduleName,
    monitoringType: 'ModelBias',
    status: 'Failed',
    scheduledTime: options.scheduledTime.toISOString(),
    windowStart: (options.window?.start ?? options.scheduledTime).toISOString(),
    windowEnd: (options.window?.end ?? options.scheduledTime).toISOString(),
    reportUri: `${options.output.store.location.replace(/\/$/, '')}/${outputFolder}`,
    violationCount: 0,
    violations: [],
    metrics: {},
    skipped: [],
    recordCount: 0,
    modelPackageArn: options.modelPackageArn,
  };
  let analysis: BiasAnalysis | undefined;
  let violations: BiasViolation[] = [];
  const files: { name: string; body: string }[] = [];
  const metrics: MetricDatum[] = [];
  try {
    const config = parseAnalysisConfig(await readText(options.analysisConfig), options.analysisConfig.key);
    let baseline: BiasAnalysis | undefined;
    let baselineProblem: string | undefined;
    try {
      baseline = parseAnalysisJson(await readText(options.baseline), options.baseline.key);
    } catch (error) {
      baselineProblem = `The baseline ${options.baseline.key} cannot be used (${(error as Error).message})`;
      skip('baseline-unreadable', 1, options.baseline.key);
    }
    const records = await readCapture(options, (issue) =>
      skip(issue.reason, 1, `${issue.key}:${issue.line}`),
    );
    const labels = await readLabels(options.groundTruth, (issue) =>
      skip(`ground-truth-${issue.reason}`, 1, `${issue.key}:${issue.line}`),
    );
    const dataset = biasDriftDataset(records, labels, config, options.attributes);
    const merge = dataset.merge;
    skip('prediction-without-label', merge.unmatchedPredictions, merge.samples.unmatchedPredictions[0]);
    skip('label-without-prediction', merge.unmatchedLabels, merge.samples.unmatchedLabels[0]);
    skip('duplicate-label', merge.duplicateLabels, merge.samples.duplicateLabels[0]);
    skip('duplicate-prediction', merge.duplicatePredictions);
    skip('unreadable-prediction-or-label', merge.unusable);
    skip('wrong-column-count', dataset.wrongWidth);
    detail.recordCount = dataset.rowCount;
    if (dataset.rowCount === 0)
      throw new InputError(
        `No captured prediction in the window joined a ground-truth label (${merge.predictions} predictions, ${merge.labels} labels): check the capture and ground-truth locations and that labels carry the capture's inferenceId or eventId`,
      );

    analysis = runBiasAnalysis(dataset.config, dataset, {
      stages: stagesToRun(config, baseline),
      bootstrap: options.bootstrap,
    });
    files.push({ name: 'analysis.json', body: analysisJson(analysis) });
    if (options.publishMetrics ?? true) {
      metrics.push(
        ...biasMetricDatums(analysis, {
          namespace: biasMetricsNamespace(options.namespacePrefix ?? 'aws/sagemaker'),
          endpoint: options.endpoint,
          monitoringSchedule: scheduleName,
          timestamp: ports.clock.now(),
        }),
      );
    }
    detail.metrics = headlineMetrics(analysis);
    if (baseline) {
      const comparison = compareWithBaseline(analysis, baseline, options.policy ?? 'point');
      violations = comparison.violations;
      for (const miss of comparison.notCompared) skip(`not-compared: ${miss.reason}`, 1, miss.subject);
      // Nothing compared is no check at all: say so rather than report Completed.
      if (comparison.compared === 0 && !baselineProblem) {
        const first = comparison.notCompared[0]?.subject;
        baselineProblem =
          `No metric of the baseline ${options.baseline.key} matches a facet value and metric of the window ` +
          `(${comparison.notCompared.length} not compared${first ? `, e.g. ${first}` : ''})`;
      }
      files.push({
        name: 'constraint_violations.json',
        body: toPythonJson({ version: '1.0', violations: violations.map((v) => ({ ...v })) }),
      });
    }
    detail.violationCount = violations.length;
    detail.violations = eventViolations(violations, (v) => ({
      subject: `${v.metric_name} (${v.facet}=${v.facet_value})`,
      checkType: v.constraint_check_type,
      description: v.description,
    }));
    settleStatus(detail, violations.length, baselineProblem, 'bias metrics were computed and published');
  } catch (error) {
    failExecution(detail, error, log, 'Bias drift monitor');
    // A run that broke off writes and publishes nothing: no half report.
    files.length = 0;
    metrics.length = 0;
  }
  detail.skipped = [...skipped.values()];
  const settled = await settleRun(
    ports,
    { store: options.output.store, folder: outputFolder },
    { detail, files, metrics },
    'Bias drift monitor',
    options.records,
  );
  return { detail: settled.detail, analysis, violations };
}

// The stages the config asks for; a monitor config has no `methods`, so then the baseline's stages.
function stagesToRun(
  config: ReturnType<typeof parseAnalysisConfig>,
  baseline: BiasAnalysis | undefined,
): Partial<Record<BiasStage, 'all' | readonly string[]>> {
  const pre = requestedMethods(config, 'pre_training');
  const post = requestedMethods(config, 'post_training');
  if (pre || post) return { pre_training: pre, post_training: post };
  if (baseline && (baseline.preTraining || baseline.postTraining))
    return {
      pre_training: baseline.preTraining ? 'all' : undefined,
      post_training: baseline.postTraining ? 'all' : undefined,
    };
  return { pre_training: 'all', post_training: 'all' };
}

// Point values by `<stage>.<facet>=<value>.<metric>`, finite ones only, for cards and alerts (the
// first 200; analysis.json has them all).
function headlineMetrics(analysis: BiasAnalysis): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const [prefix, stage] of [
    ['post', analysis.postTraining],
    ['pre', analysis.preTraining],
  ] as const) {
    for (const [facet, entries] of stage?.facets ?? [])
      for (const entry of entries)
        for (const m of entry.metrics) {
          const value = m.value === null ? Number.NaN : Number(m.value);
          if (Number.isFinite(value) && Object.keys(metrics).length < MAX_EVENT_METRICS)
            metrics[`${prefix}.${facet}=${entry.valueOrThreshold}.${m.name}`] = value;
        }
  }
  return metrics;
}

async function readText(location: StoredLocation): Promise<string> {
  return new TextDecoder().decode(await location.store.get(location.key));
}

async function readCapture(
  options: BiasDriftMonitorOptions,
  onIssue: (issue: CaptureIssue) => void,
): Promise<CaptureRecord[]> {
  const records: CaptureRecord[] = [];
  for (const source of options.capture) {
    for await (const info of source.store.list(source.key)) {
      if (info.key !== source.key && !info.key.endsWith('.jsonl')) continue;
      if (options.window) {
        const hour = hourFromKey(info.key);
        if (hour && !inWindow(hour, options.window)) continue;
      }
      for await (const record of parseCaptureStream(source.store.stream(info.key), info.key, onIssue))
        records.push(record);
    }
  }
  return records;
}

async function readLabels(
  sources: readonly StoredLocation[],
  onIssue: (issue: GroundTruthIssue) => void,
): Promise<GroundTruthLabel[]> {
  const labels: GroundTruthLabel[] = [];
  for (const source of sources) {
    for await (const info of source.store.list(source.key)) {
      if (info.key !== source.key && !info.key.endsWith('.jsonl')) continue;
      // Strict UTF-8, as the other monitors read labels: a line of other bytes is counted, not mangled.
      const text = decodeLinesText(await source.store.get(info.key));
      for (const label of parseGroundTruthText(text, info.key, onIssue)) labels.push(label);
    }
  }
  return labels;
}
