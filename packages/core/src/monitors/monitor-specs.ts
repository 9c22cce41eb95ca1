import type { z } from 'zod';
import type { GuardrailAlarm } from '../alerting/alarm-definition.ts';
import { dataQualityAlarms } from '../alerting/data-quality-alarms.ts';
import { modelMetricAlarms } from '../alerting/model-metric-alarm.ts';
import type { MonitorAlarmContext } from '../alerting/monitor-alarm-context.ts';
import { biasDriftMonitorConfig } from '../config/bias-drift.ts';
import { dataQualityMonitorConfig } from '../config/data-quality.ts';
import {
  type FeatureAttributionMonitorConfig,
  featureAttributionMonitorConfig,
} from '../config/feature-attribution.ts';
import { modelQualityMonitorConfig } from '../config/model-quality.ts';
import type { AlertSeverity } from '../ports/notifier.ts';
import type { RecordSelection } from '../window/analysis-window.ts';

/**
 * The monitors' names, spelled out because the table's own types refer to them (its alarms).
 * Each name must have its entry in MONITOR_SPECS below; a compile-time check says which is missing.
 */
export type MonitorFolder = 'data-quality' | 'model-quality' | 'bias-drift' | 'feature-attribution';
/** SageMaker's MonitoringType values. */
export type MonitoringType = 'DataQuality' | 'ModelQuality' | 'ModelBias' | 'ModelExplainability';
/** The key of a monitor under an endpoint's `monitors` in the configuration. */
export type MonitorConfigKey = 'dataQuality' | 'modelQuality' | 'biasDrift' | 'featureAttribution';

/** How long a monitor's Lambda may run and how much memory it gets. */
export interface MonitorFunctionSpec {
  /** The function's name, also its handler file `functions/src/<name>.ts`. */
  name: `monitor-${string}`;
  description: string;
  timeout: `${number} ${'seconds' | 'minutes'}`;
  memory: `${number} MB`;
}

/**
 * Everything Vigil knows about one kind of monitor, in one place: its names, where it publishes,
 * how its alarms read, what its configuration looks like and what infrastructure runs it.
 */
export interface MonitorSpec {
  /** The report folder under `{reports}/{endpoint}/`, also the alarm-name part and the tag value. */
  folder: MonitorFolder;
  /** SageMaker's MonitoringType. */
  type: MonitoringType;
  /** The key under an endpoint's `monitors` in vigil.config.json. */
  configKey: MonitorConfigKey;
  /** The configuration of one such monitor (zod schema). */
  config: z.ZodType<{ schedule: string; scheduleName?: string | undefined }>;
  /** The last part of the metric namespace, after `<prefix>/Endpoints/` (SageMaker's own names). */
  metricsSuffix: string;
  /** How urgent a violation is. */
  violationSeverity: AlertSeverity;
  /** What a violation means, for the `-violations` alarm's description. */
  violationMeaning: string;
  /** The monitor's own guardrail alarms beyond the roll-up and heartbeat every monitor gets. */
  alarms?(context: MonitorAlarmContext): GuardrailAlarm[];
  /** Whether runs join ground-truth labels (so the function may read `groundTruth`). */
  readsGroundTruth: boolean;
  /**
   * Which captured records belong to a run's window: by `inferenceTime`, or by the hour folder of
   * their capture file (docs/monitoring-window.md).
   */
  recordSelection: RecordSelection;
  /** The SageMaker endpoint a run invokes, if any (so the function may call InvokeEndpoint). */
  invokedEndpoint?(settings: object, endpointName: string): string | undefined;
  /** The Lambda that runs it on its schedule. */
  function: MonitorFunctionSpec;
}

/**
 * The monitor table: every per-monitor name, metric namespace, alarm wording, configuration
 * schema and Lambda setting derives from it (monitors/names.ts, alerting, config, infra).
 * A new kind of monitor is one entry here plus its configuration, computation and handler.
 */
export const MONITOR_SPECS = [
  {
    folder: 'data-quality',
    type: 'DataQuality',
    configKey: 'dataQuality',
    config: dataQualityMonitorConfig,
    metricsSuffix: 'data-metrics',
    violationSeverity: 'warning',
    violationMeaning:
      'a data-quality constraint was violated (feature_baseline_drift above its threshold, completeness, type)',
    alarms: dataQualityAlarms,
    readsGroundTruth: false,
    recordSelection: 'capture-hour',
    function: {
      name: 'monitor-data-quality',
      description: 'Data-quality drift against the baseline (Model Monitor DataQuality)',
      timeout: '10 minutes',
      memory: '2048 MB',
    },
  },
  {
    folder: 'model-quality',
    type: 'ModelQuality',
    configKey: 'modelQuality',
    config: modelQualityMonitorConfig,
    metricsSuffix: 'model-metrics',
    violationSeverity: 'critical',
    violationMeaning:
      'a model-quality metric crossed its baseline constraint (e.g. recall below the baseline)',
    alarms: modelMetricAlarms,
    readsGroundTruth: true,
    recordSelection: 'inference-time',
    function: {
      name: 'monitor-model-quality',
      description:
        'Model-quality drift against the baseline, joining ground truth (Model Monitor ModelQuality)',
      timeout: '10 minutes',
      memory: '2048 MB',
    },
  },
  {
    folder: 'bias-drift',
    type: 'ModelBias',
    configKey: 'biasDrift',
    config: biasDriftMonitorConfig,
    metricsSuffix: 'bias-metrics',
    violationSeverity: 'critical',
    violationMeaning: 'a bias metric moved beyond its baseline bound',
    readsGroundTruth: true,
    recordSelection: 'capture-hour',
    function: {
      name: 'monitor-bias-drift',
      description: 'Bias drift per facet against the baseline analysis.json (Clarify ModelBias)',
      timeout: '10 minutes',
      memory: '2048 MB',
    },
  },
  {
    folder: 'feature-attribution',
    type: 'ModelExplainability',
    configKey: 'featureAttribution',
    config: featureAttributionMonitorConfig,
    metricsSuffix: 'explainability-metrics',
    violationSeverity: 'warning',
    violationMeaning: 'the nDCG of feature attributions against the baseline fell below the threshold',
    readsGroundTruth: false,
    recordSelection: 'capture-hour',
    // The explained model: the configured endpoint, the monitored one by default, none for a URL.
    invokedEndpoint: (settings: FeatureAttributionMonitorConfig, endpointName: string) =>
      settings.model && 'endpoint' in settings.model
        ? settings.model.endpoint
        : settings.model
          ? undefined
          : endpointName,
    function: {
      name: 'monitor-feature-attribution',
      description: 'Feature-attribution drift with KernelSHAP and nDCG (Clarify ModelExplainability)',
      timeout: '15 minutes',
      memory: '3008 MB',
    },
  },
] as const satisfies readonly MonitorSpec[];

/** One entry of the table, with its literal names. */
export type MonitorSpecEntry = (typeof MONITOR_SPECS)[number];

/** Fails to compile while a name above has no entry in the table (the missing name is shown). */
export type MissingMonitorSpecs =
  | Exclude<MonitorFolder, MonitorSpecEntry['folder']>
  | Exclude<MonitoringType, MonitorSpecEntry['type']>
  | Exclude<MonitorConfigKey, MonitorSpecEntry['configKey']>;
const everyMonitorHasASpec: [MissingMonitorSpecs] extends [never] ? true : MissingMonitorSpecs = true;
void everyMonitorHasASpec;
