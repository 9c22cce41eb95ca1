import { decodeLinesText } from '../capture/lines.ts';
import { parseCaptureStream } from '../capture/parse-stream.ts';
import type { CaptureIssue, CaptureRecord } from '../capture/types.ts';
import { InputError } from '../errors/vigil-error.ts';
import type { MonitoringExecutionDetail } from '../events/monitoring-execution.ts';
import { driftNotChecked } from '../events/publish-execution.ts';
import { type MonitorRunPorts, type RunTarget, runMonitor } from '../events/run-monitor.ts';
import { parseGroundTruthText } from '../groundtruth/parse-stream.ts';
import type { GroundTruthIssue, GroundTruthLabel } from '../groundtruth/types.ts';
import { toPythonJson } from '../json/python-json.ts';
import { windowCaptureObjects } from '../merge/read-window.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';
import type { StoreLocation } from '../ports/object-store.ts';
import { biasSection } from '../report/sections/bias-section.ts';
import type { TimeWindow } from '../window/window.ts';
import { runBiasAnalysis } from './analysis.ts';
import { parseAnalysisConfig, requestedMethods } from './analysis-config.ts';
import { analysisJson, type BiasAnalysis, parseAnalysisJson } from './analysis-json.ts';
import type { BootstrapOptions } from './bootstrap.ts';
import { type BiasViolation, compareWithBaseline, type DriftPolicy } from './drift.ts';
import { type BiasDriftAttributes, biasDriftDataset } from './drift-dataset.ts';
import { biasMetricDatums } from './metric-datums.ts';
import type { BiasStage } from './registry.ts';

/** The ports a bias-drift run uses. */
export type BiasDriftMonitorPorts = MonitorRunPorts;

/** An object, or a prefix of objects, in a store. */
export type StoredLocation = StoreLocation;

/** What one bias-drift run reads, where it writes, and how it judges. */
export interface BiasDriftMonitorOptions extends RunTarget {
  /** Capture objects are read when their `yyyy/mm/dd/hh` folder starts in it; all when absent. */
  readonly window?: TimeWindow;
  /** Capture files or prefixes. */
  readonly capture: readonly StoredLocation[];
  /** Ground-truth files or prefixes (labels are not filtered by time: a late label still joins). */
  readonly groundTruth: readonly StoredLocation[];
  /** The baseline analysis.json: its metric values are the constraints. */
  readonly baseline: StoredLocation;
  /** Clarify's analysis_config.json (label, label values, facets, group variable, headers). */
  readonly analysisConfig: StoredLocation;
  readonly attributes?: BiasDriftAttributes;
  /** Beyond Clarify: bootstrap intervals and group sizes next to each metric. Off by default. */
  readonly bootstrap?: BootstrapOptions;
  /** `interval` needs the bootstrap interval to cross the baseline (needs `bootstrap`). Default `point`. */
  readonly policy?: DriftPolicy;
}

/** The outcome of a run: the event detail, and the analysis and violations when they were computed. */
export interface BiasDriftMonitorResult {
  readonly detail: MonitoringExecutionDetail;
  readonly analysis?: BiasAnalysis;
  readonly violations: BiasViolation[];
}

// Keeps the event far below EventBridge's 256 KB even with one-vs-rest facets of many values.
const MAX_EVENT_METRICS = 200;

/**
 * One run of the bias-drift monitor (SageMaker's ModelBiasMonitor), through `runMonitor`: join the
 * window's captured predictions with ground truth, compute Clarify's bias metrics per facet,
 * compare them with the baseline analysis.json (violation when the current value is farther from
 * 0), write analysis.json and constraint_violations.json, publish `bias_metric_<NAME>` and emit a
 * "Vigil Monitoring Execution" event. Bad lines and unmatched ids are counted in the event; a run
 * that cannot happen (no joined rows, an unreadable config) ends Failed with the reason. An
 * unreadable baseline still computes and publishes the metrics, then fails the run saying drift
 * was not checked.
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
  let analysis: BiasAnalysis | undefined;
  let violations: BiasViolation[] = [];
  const { detail } = await runMonitor(ports, {
    ...options,
    monitor: 'bias-drift',
    async compute(run) {
      const { tally } = run;
      const config = parseAnalysisConfig(await readText(options.analysisConfig), options.analysisConfig.key);
      let baseline: BiasAnalysis | undefined;
      let baselineProblem: string | undefined;
      try {
        baseline = parseAnalysisJson(await readText(options.baseline), options.baseline.key);
      } catch (error) {
        baselineProblem = `The baseline ${options.baseline.key} cannot be used (${(error as Error).message})`;
        tally.add('baseline-unreadable', options.baseline.key);
      }
      const records = await readCapture(options.capture, options.window, (issue) =>
        tally.add(issue.reason, `${issue.key}:${issue.line}`),
      );
      const labels = await readLabels(options.groundTruth, (issue) =>
        tally.add(`ground-truth-${issue.reason}`, `${issue.key}:${issue.line}`),
      );
      const dataset = biasDriftDataset(records, labels, config, options.attributes);
      const merge = dataset.merge;
      tally.add(
        'prediction-without-label',
        merge.samples.unmatchedPredictions[0],
        merge.unmatchedPredictions,
      );
      tally.add('label-without-prediction', merge.samples.unmatchedLabels[0], merge.unmatchedLabels);
      tally.add('duplicate-label', merge.samples.duplicateLabels[0], merge.duplicateLabels);
      tally.add('duplicate-prediction', undefined, merge.duplicatePredictions);
      tally.add('unreadable-prediction-or-label', undefined, merge.unusable);
      tally.add('wrong-column-count', undefined, dataset.wrongWidth);
      run.recordCount = dataset.rowCount;
      if (dataset.rowCount === 0)
        throw new InputError(
          `No captured prediction in the window joined a ground-truth label (${merge.predictions} predictions, ${merge.labels} labels): check the capture and ground-truth locations and that labels carry the capture's inferenceId or eventId`,
        );

      analysis = runBiasAnalysis(dataset.config, dataset, {
        stages: stagesToRun(config, baseline),
        bootstrap: options.bootstrap,
      });
      const files = [{ name: 'analysis.json', body: analysisJson(analysis) }];
      const datums: MetricDatum[] =
        options.publishMetrics === false
          ? []
          : biasMetricDatums(analysis, {
              namespace: run.namespace,
              endpoint: run.endpoint,
              monitoringSchedule: run.scheduleName,
              timestamp: run.clock.now(),
            });
      run.metrics = headlineMetrics(analysis);
      if (baseline) {
        const comparison = compareWithBaseline(analysis, baseline, options.policy ?? 'point');
        violations = comparison.violations;
        for (const miss of comparison.notCompared) tally.add(`not-compared: ${miss.reason}`, miss.subject);
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
      return {
        files,
        report: biasSection({ analysis, baseline, violations }),
        datums,
        violations: violations.map((v) => ({
          subject: `${v.metric_name} (${v.facet}=${v.facet_value})`,
          checkType: v.constraint_check_type,
          description: v.description,
        })),
        failureReason:
          baselineProblem && driftNotChecked(baselineProblem, 'bias metrics were computed and published'),
      };
    },
  });
  return { detail, analysis, violations };
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
  sources: readonly StoredLocation[],
  window: TimeWindow | undefined,
  onIssue: (issue: CaptureIssue) => void,
): Promise<CaptureRecord[]> {
  const records: CaptureRecord[] = [];
  for await (const { store, key } of windowCaptureObjects(sources, window)) {
    for await (const record of parseCaptureStream(store.stream(key), key, onIssue)) records.push(record);
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
