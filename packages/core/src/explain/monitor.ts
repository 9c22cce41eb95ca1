import { parseCaptureStream } from '../capture/parse-stream.ts';
import type { CaptureIssue } from '../capture/types.ts';
import { InputError } from '../errors/vigil-error.ts';
import type { MonitoringExecutionDetail, SkippedInput } from '../events/monitoring-execution.ts';
import { eventViolations, failExecution, settleStatus } from '../events/publish-execution.ts';
import type { RunRecordStore } from '../events/run-record.ts';
import { settleRun } from '../events/settle-run.ts';
import { toPythonJson } from '../json/python-json.ts';
import { metricsNamespace } from '../monitors/names.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { Log } from '../ports/log.ts';
import type { MetricDatum, MetricSink } from '../ports/metric-sink.ts';
import type { ModelInvoker, ModelRecord, ModelValue } from '../ports/model-invoker.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { hourFromKey, inWindow, type TimeWindow } from '../window/window.ts';
import { type ClarifyAnalysisConfig, parseAnalysisConfig, shapSettings } from './analysis-config.ts';
import { resolveBackground } from './background.ts';
import { describeCostPlan, type ExplanationCostPlan, planExplanationCost } from './cost.ts';
import { featureNamesFor, toModelValue } from './dataset.ts';
import {
  type AttributionViolation,
  type BaselineAttribution,
  baselineAttributions,
  checkAttributionDrift,
} from './drift.ts';
import { analysisJsonObject, type Explanation, explainRecords } from './explanation.ts';
import { randomSubset, seededRandom } from './prng.ts';

/** The ports a feature-attribution monitor run uses. */
export interface FeatureAttributionMonitorPorts {
  metrics: MetricSink;
  events: EventPublisher;
  clock: Clock;
  log: Log;
  /**
   * The model being monitored (the endpoint, or a local server with the container contract), or a
   * factory that builds it from the analysis config's predictor settings once they are read.
   */
  invoker: ModelInvoker | ((config: ClarifyAnalysisConfig) => ModelInvoker);
}

/** An object or prefix in a store. */
export interface StoredLocation {
  store: ObjectStore;
  key: string;
}

export interface FeatureAttributionMonitorOptions {
  endpoint: string;
  variant?: string;
  /** MonitoringSchedule dimension; default `<endpoint>-feature-attribution`. */
  scheduleName?: string;
  /** The hour the run covers (reports and the event are stamped with it). */
  scheduledTime: Date;
  /** Only capture objects whose `yyyy/mm/dd/hh` folder lies in the window; all objects when absent. */
  window?: TimeWindow;
  /** Capture files or prefixes (folders) to read. */
  capture: readonly StoredLocation[];
  /** The baseline analysis.json (explanations.kernel_shap). */
  baseline: StoredLocation;
  /** Clarify's analysis_config.json (methods.shap, predictor, headers). */
  analysisConfig: StoredLocation;
  /** Report folder: analysis.json and constraint_violations.json are written under it. */
  output: StoredLocation;
  /** Reads a baseline file named by `methods.shap.baseline` (URI or path). */
  readText?: (location: string) => Promise<string>;
  /** Metric namespace prefix; default `aws/sagemaker`. */
  namespacePrefix?: string;
  ndcgThreshold?: number;
  /** Records × coalitions bound; default 100,000. */
  maxInvocations?: number;
  /** Records sampled from the window; default 100. */
  sampleSize?: number;
  publishMetrics?: boolean;
  /** Vigil's store for run records: makes the run idempotent per window (see settleRun). */
  records?: RunRecordStore;
  /** Seed of the record sample (the SHAP seed comes from the analysis config). Default 0. */
  seed?: number;
  modelPackageArn?: string;
  /** Called with the cost plan before any model call; the CLI prints it. */
  onPlan?: (plan: ExplanationCostPlan, summary: string) => void;
}

export interface FeatureAttributionMonitorResult {
  detail: MonitoringExecutionDetail;
  plan?: ExplanationCostPlan;
  explanation?: Explanation;
  ndcgByLabel: Record<string, number>;
  violations: AttributionViolation[];
}

/**
 * One run of the feature-attribution drift monitor (SageMaker's ModelExplainabilityMonitor):
 * sample the window's captured records, explain them with KernelSHAP through the model, compare
 * the global attributions with the baseline analysis.json by nDCG, write analysis.json and
 * constraint_violations.json, publish `feature_<name>` and `ExpectedValue` metrics and emit a
 * "Vigil Monitoring Execution" event. Bad records are counted and skipped; a run that cannot
 * happen (no records, unreadable config, model failure) ends with status Failed and says why.
 *
 * @example
 * ```ts
 * const result = await runFeatureAttributionMonitor({ metrics, events, clock, log, invoker }, {
 *   endpoint: 'churn', scheduledTime: new Date('2024-05-01T13:00:00Z'), window,
 *   capture: [{ store, key: 'capture/churn/AllTraffic/' }], baseline: { store, key: 'baselines/churn/analysis.json' },
 *   analysisConfig: { store, key: 'baselines/churn/analysis_config.json' },
 *   output: { store, key: 'reports/churn/feature-attribution/2024/05/01/13/' },
 * });
 * result.detail.status; // 'Completed' | 'CompletedWithViolations' | 'Failed'
 * ```
 */
export async function runFeatureAttributionMonitor(
  ports: FeatureAttributionMonitorPorts,
  options: FeatureAttributionMonitorOptions,
): Promise<FeatureAttributionMonitorResult> {
  const { log } = ports;
  const scheduleName = options.scheduleName ?? `${options.endpoint}-feature-attribution`;
  const skipped = new Map<string, SkippedInput>();
  const skip = (reason: string, count = 1, example?: string): void => {
    const entry = skipped.get(reason) ?? { reason, count: 0, examples: [] };
    entry.count += count;
    if (example && entry.examples!.length < 5) entry.examples!.push(example);
    skipped.set(reason, entry);
  };
  const detail: MonitoringExecutionDetail = {
    endpointName: options.endpoint,
    variantName: options.variant,
    monitoringScheduleName: scheduleName,
    monitoringType: 'ModelExplainability',
    status: 'Failed',
    scheduledTime: options.scheduledTime.toISOString(),
    windowStart: (options.window?.start ?? options.scheduledTime).toISOString(),
    windowEnd: (options.window?.end ?? options.scheduledTime).toISOString(),
    reportUri: `${options.output.store.location.replace(/\/$/, '')}/${options.output.key}`,
    violationCount: 0,
    violations: [],
    metrics: {},
    skipped: [],
    recordCount: 0,
    modelPackageArn: options.modelPackageArn,
  };
  const result: FeatureAttributionMonitorResult = { detail, ndcgByLabel: {}, violations: [] };
  const files: { name: string; body: string }[] = [];
  const metrics: MetricDatum[] = [];
  try {
    const config = parseAnalysisConfig(
      text(await options.analysisConfig.store.get(options.analysisConfig.key)),
      options.analysisConfig.key,
    );
    const settings = shapSettings(config);
    let baseline: BaselineAttribution[] | undefined;
    let baselineProblem: string | undefined;
    try {
      baseline = baselineAttributions(
        JSON.parse(text(await options.baseline.store.get(options.baseline.key))),
        options.baseline.key,
      );
    } catch (error) {
      baselineProblem = `The baseline ${options.baseline.key} cannot be used (${(error as Error).message})`;
      skip('baseline-unreadable', 1, options.baseline.key);
    }
    const baselineFeatures = baseline?.[0] ? Object.keys(baseline[0].globalShapValues) : undefined;

    const sampled = await sampleWindow(options, baselineFeatures?.length, skip);
    detail.recordCount = sampled.seen;
    if (sampled.rows.length === 0) {
      throw new InputError(
        `No usable captured records in the window (${sampled.seen} seen): check the capture location and that data capture is on`,
      );
    }
    const width = sampled.rows[0]!.length;
    const featureNames =
      baselineFeatures?.length === width && !config.headers
        ? baselineFeatures
        : featureNamesFor(width, config);
    const background = await resolveBackground(settings, sampled.rows, width, {
      readText: options.readText,
      featuresPath: config.features,
    });
    const plan = planExplanationCost({
      records: sampled.rows.length,
      featureCount: width,
      backgroundRows: background.rows.length,
      budget: options.maxInvocations ?? 100_000,
      numSamples: settings.numSamples,
    });
    result.plan = plan;
    const summary = describeCostPlan(plan);
    options.onPlan?.(plan, summary);
    log.info('Feature attribution plan', { ...plan, endpoint: options.endpoint });
    if (plan.reduced) skip('over-invocation-budget', plan.requestedRecords - plan.records);
    // The reservoir keeps arrival order until it fills; draw the reduced sample at random from it.
    const rows = plan.reduced
      ? randomSubset(seededRandom((options.seed ?? 0) + 1), sampled.rows.length, plan.records).map(
          (i) => sampled.rows[i]!,
        )
      : sampled.rows;

    const invoker = typeof ports.invoker === 'function' ? ports.invoker(config) : ports.invoker;
    const explanation = await explainRecords(
      invoker,
      rows,
      featureNames,
      settings,
      background,
      config.predictor.label_headers,
    );
    result.explanation = explanation;
    files.push({ name: 'analysis.json', body: toPythonJson(analysisJsonObject(explanation.perLabel)) });
    for (const entry of explanation.perLabel) {
      detail.metrics[`${entry.label}.ExpectedValue`] = entry.expectedValue;
    }

    if (baseline) {
      const check = checkAttributionDrift(baseline, explanation.perLabel, options.ndcgThreshold ?? 0.9);
      result.ndcgByLabel = check.ndcgByLabel;
      result.violations = check.violations;
      for (const what of check.unmatched) skip('baseline-attribution-unmatched', 1, what);
      for (const [label, score] of Object.entries(check.ndcgByLabel)) detail.metrics[`${label}.ndcg`] = score;
      // Nothing scored is no check at all: say so rather than report Completed.
      if (Object.keys(check.ndcgByLabel).length === 0) {
        baselineProblem = `No label and feature of the baseline ${options.baseline.key} match the explanation (${check.unmatched.slice(0, 5).join(', ')})`;
      }
      files.push({
        name: 'constraint_violations.json',
        body: toPythonJson({ version: '1.0', violations: check.violations.map((v) => ({ ...v })) }),
      });
    }
    if (options.publishMetrics ?? true) {
      metrics.push(...metricData(explanation, options, scheduleName, ports.clock.now()));
    }
    detail.violationCount = result.violations.length;
    detail.violations = eventViolations(result.violations, (v) => ({
      subject: v.label,
      checkType: v.constraint_check_type,
      description: v.description,
    }));
    settleStatus(
      detail,
      result.violations.length,
      baselineProblem,
      'attributions were computed and published',
    );
  } catch (error) {
    failExecution(detail, error, log, 'Feature attribution monitor');
    // A run that broke off writes and publishes nothing: no half report.
    files.length = 0;
    metrics.length = 0;
  }
  detail.skipped = [...skipped.values()];
  const settled = await settleRun(
    ports,
    { store: options.output.store, folder: folder(options.output.key) },
    { detail, files, metrics },
    'Feature attribution monitor',
    options.records,
  );
  result.detail = settled.detail;
  return result;
}

/** Reservoir-samples up to `sampleSize` feature rows from the window's capture objects. */
async function sampleWindow(
  options: FeatureAttributionMonitorOptions,
  expectedWidth: number | undefined,
  skip: (reason: string, count?: number, example?: string) => void,
): Promise<{ rows: ModelRecord[]; seen: number }> {
  const random = seededRandom(options.seed ?? 0);
  const size = options.sampleSize ?? 100;
  const rows: ModelRecord[] = [];
  let width = expectedWidth;
  let seen = 0;
  const onIssue = (issue: CaptureIssue): void => skip(issue.reason, 1, `${issue.key}:${issue.line}`);
  for (const source of options.capture) {
    for await (const info of source.store.list(source.key)) {
      if (info.key !== source.key && !info.key.endsWith('.jsonl')) continue;
      if (options.window) {
        const hour = hourFromKey(info.key);
        if (hour && !inWindow(hour, options.window)) continue;
      }
      for await (const record of parseCaptureStream(source.store.stream(info.key), info.key, onIssue)) {
        record.inputs.forEach((input, i) => {
          const where = `${record.source.key}:${record.source.line}#${i + 1}`;
          width ??= input.length;
          if (input.length !== width) {
            skip('wrong-column-count', 1, where);
            return;
          }
          const values = input.map(toModelValue);
          if (values.some((v) => v === undefined)) {
            skip('missing-value', 1, where);
            return;
          }
          seen++;
          if (rows.length < size) rows.push(values as ModelValue[]);
          else {
            const j = random.int(seen);
            if (j < size) rows[j] = values as ModelValue[];
          }
        });
      }
    }
  }
  return { rows, seen };
}

function metricData(
  explanation: Explanation,
  options: FeatureAttributionMonitorOptions,
  scheduleName: string,
  timestamp: Date,
): MetricDatum[] {
  const namespace = metricsNamespace(options.namespacePrefix, 'feature-attribution');
  const data: MetricDatum[] = [];
  for (const entry of explanation.perLabel) {
    const dimensions = {
      Endpoint: options.endpoint,
      MonitoringSchedule: scheduleName,
      ExplainabilityMethod: 'KernelShap',
      Label: entry.label,
    };
    for (const [feature, value] of Object.entries(entry.globalShapValues)) {
      data.push({
        namespace,
        name: `feature_${feature}`,
        dimensions: { ...dimensions, ValueType: 'GlobalShapValues' },
        value,
        unit: 'None',
        timestamp,
      });
    }
    data.push({
      namespace,
      name: 'ExpectedValue',
      dimensions: { ...dimensions, ValueType: 'ExpectedValue' },
      value: entry.expectedValue,
      unit: 'None',
      timestamp,
    });
  }
  return data;
}

function folder(key: string): string {
  return key === '' || key.endsWith('/') ? key : `${key}/`;
}

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
