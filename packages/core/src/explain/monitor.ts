import { parseCaptureStream } from '../capture/parse-stream.ts';
import type { CaptureIssue } from '../capture/types.ts';
import { InputError } from '../errors/vigil-error.ts';
import type { MonitoringExecutionDetail } from '../events/monitoring-execution.ts';
import { driftNotChecked } from '../events/publish-execution.ts';
import { type MonitorRun, type MonitorRunPorts, type RunTarget, runMonitor } from '../events/run-monitor.ts';
import type { SkippedInputTally } from '../events/skipped-input-tally.ts';
import { toPythonJson } from '../json/python-json.ts';
import { windowCaptureObjects } from '../merge/read-window.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';
import type { ModelInvoker, ModelRecord, ModelValue } from '../ports/model-invoker.ts';
import type { StoreLocation } from '../ports/object-store.ts';
import type { TimeWindow } from '../window/window.ts';
import { type ClarifyAnalysisConfig, parseAnalysisConfig, shapSettings } from './analysis-config.ts';
import { describeCostPlan, type ExplanationCostPlan } from './cost.ts';
import { featureNamesFor, toModelValue } from './dataset.ts';
import {
  type AttributionViolation,
  type BaselineAttribution,
  baselineAttributions,
  checkAttributionDrift,
} from './drift.ts';
import { analysisJsonObject, type Explanation, explainRecords } from './explanation.ts';
import { planExplanation } from './plan.ts';
import { randomSubset, seededRandom } from './prng.ts';

/** The ports a feature-attribution monitor run uses. */
export interface FeatureAttributionMonitorPorts extends MonitorRunPorts {
  /**
   * The model being monitored (the endpoint, or a local server with the container contract), or a
   * factory that builds it from the analysis config's predictor settings once they are read.
   */
  invoker: ModelInvoker | ((config: ClarifyAnalysisConfig) => ModelInvoker);
}

/** An object or prefix in a store. */
export type StoredLocation = StoreLocation;

export interface FeatureAttributionMonitorOptions extends RunTarget {
  /** Only capture objects whose `yyyy/mm/dd/hh` folder starts in the window; all objects when absent. */
  window?: TimeWindow;
  /** Capture files or prefixes (folders) to read. */
  capture: readonly StoredLocation[];
  /** The baseline analysis.json (explanations.kernel_shap). */
  baseline: StoredLocation;
  /** Clarify's analysis_config.json (methods.shap, predictor, headers). */
  analysisConfig: StoredLocation;
  /** Reads a baseline file named by `methods.shap.baseline` (URI or path). */
  readText?: (location: string) => Promise<string>;
  ndcgThreshold?: number;
  /** Records × coalitions bound; default 100,000. */
  maxInvocations?: number;
  /** Records sampled from the window; default 100. */
  sampleSize?: number;
  /** Seed of the record sample (the SHAP seed comes from the analysis config). Default 0. */
  seed?: number;
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
 * One run of the feature-attribution drift monitor (SageMaker's ModelExplainabilityMonitor),
 * through `runMonitor`: sample the window's captured records, explain them with KernelSHAP through
 * the model, compare the global attributions with the baseline analysis.json by nDCG, write
 * analysis.json and constraint_violations.json, publish `feature_<name>` and `ExpectedValue`
 * metrics and emit a "Vigil Monitoring Execution" event. Bad records are counted and skipped; a
 * run that cannot happen (no records, unreadable config, model failure) ends with status Failed
 * and says why.
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
  const result: Omit<FeatureAttributionMonitorResult, 'detail'> = { ndcgByLabel: {}, violations: [] };
  const { detail } = await runMonitor(ports, {
    ...options,
    monitor: 'feature-attribution',
    compute: (run) => explainWindow(run, ports, options, result),
  });
  return { ...result, detail };
}

// Samples, explains and checks the window, filling `result` as it goes (kept when a step fails).
async function explainWindow(
  run: MonitorRun,
  ports: FeatureAttributionMonitorPorts,
  options: FeatureAttributionMonitorOptions,
  result: Omit<FeatureAttributionMonitorResult, 'detail'>,
) {
  const { tally, log } = run;
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
    tally.add('baseline-unreadable', options.baseline.key);
  }
  const baselineFeatures = baseline?.[0] ? Object.keys(baseline[0].globalShapValues) : undefined;

  const sampled = await sampleWindow(options, baselineFeatures?.length, tally);
  run.recordCount = sampled.seen;
  if (sampled.rows.length === 0) {
    throw new InputError(
      `No usable captured records in the window (${sampled.seen} seen): check the capture location and that data capture is on`,
    );
  }
  const width = sampled.rows[0]!.length;
  const featureNames =
    baselineFeatures?.length === width && !config.headers ? baselineFeatures : featureNamesFor(width, config);
  const { background, plan } = await planExplanation(config, settings, sampled.rows, width, {
    budget: options.maxInvocations ?? 100_000,
    readText: options.readText,
  });
  result.plan = plan;
  const summary = describeCostPlan(plan);
  options.onPlan?.(plan, summary);
  log.info('Feature attribution plan', { ...plan, endpoint: options.endpoint });
  if (plan.reduced) tally.add('over-invocation-budget', undefined, plan.requestedRecords - plan.records);
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
  const files = [{ name: 'analysis.json', body: toPythonJson(analysisJsonObject(explanation.perLabel)) }];
  for (const entry of explanation.perLabel) run.metrics[`${entry.label}.ExpectedValue`] = entry.expectedValue;

  if (baseline) {
    const check = checkAttributionDrift(baseline, explanation.perLabel, options.ndcgThreshold ?? 0.9);
    result.ndcgByLabel = check.ndcgByLabel;
    result.violations = check.violations;
    for (const what of check.unmatched) tally.add('baseline-attribution-unmatched', what);
    for (const [label, score] of Object.entries(check.ndcgByLabel)) run.metrics[`${label}.ndcg`] = score;
    // Nothing scored is no check at all: say so rather than report Completed.
    if (Object.keys(check.ndcgByLabel).length === 0) {
      baselineProblem = `No label and feature of the baseline ${options.baseline.key} match the explanation (${check.unmatched.slice(0, 5).join(', ')})`;
    }
    files.push({
      name: 'constraint_violations.json',
      body: toPythonJson({ version: '1.0', violations: check.violations.map((v) => ({ ...v })) }),
    });
  }
  return {
    files,
    datums:
      options.publishMetrics === false ? [] : metricData(explanation, run.namespace, run, run.clock.now()),
    violations: result.violations.map((v) => ({
      subject: v.label,
      checkType: v.constraint_check_type,
      description: v.description,
    })),
    failureReason:
      baselineProblem && driftNotChecked(baselineProblem, 'attributions were computed and published'),
  };
}

/** Reservoir-samples up to `sampleSize` feature rows from the window's capture objects. */
async function sampleWindow(
  options: FeatureAttributionMonitorOptions,
  expectedWidth: number | undefined,
  tally: SkippedInputTally,
): Promise<{ rows: ModelRecord[]; seen: number }> {
  const random = seededRandom(options.seed ?? 0);
  const size = options.sampleSize ?? 100;
  const rows: ModelRecord[] = [];
  let width = expectedWidth;
  let seen = 0;
  const onIssue = (issue: CaptureIssue): void => tally.add(issue.reason, `${issue.key}:${issue.line}`);
  for await (const { store, key } of windowCaptureObjects(options.capture, options.window)) {
    for await (const record of parseCaptureStream(store.stream(key), key, onIssue)) {
      record.inputs.forEach((input, i) => {
        const where = `${record.source.key}:${record.source.line}#${i + 1}`;
        width ??= input.length;
        if (input.length !== width) {
          tally.add('wrong-column-count', where);
          return;
        }
        const values = input.map(toModelValue);
        if (values.some((v) => v === undefined)) {
          tally.add('missing-value', where);
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
  return { rows, seen };
}

// SageMaker's explainability metrics: `feature_<name>` (GlobalShapValues) and `ExpectedValue` per label.
function metricData(
  explanation: Explanation,
  namespace: string,
  run: Pick<MonitorRun, 'endpoint' | 'scheduleName'>,
  timestamp: Date,
): MetricDatum[] {
  const data: MetricDatum[] = [];
  for (const entry of explanation.perLabel) {
    const dimensions = {
      Endpoint: run.endpoint,
      MonitoringSchedule: run.scheduleName,
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

function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
