import { metricsNamespace } from '../monitors/names.ts';
import type { MetricDatum } from '../ports/metric-sink.ts';
import type { AnalysisStage, BiasAnalysis } from './analysis-json.ts';

/** What SageMaker's bias monitor publishes ±infinity as (CloudWatch refuses infinite values). */
export const CLOUDWATCH_INFINITY = 2.348543e108;

/** Where bias metrics go and under which names. */
export interface BiasMetricTarget {
  /** `${prefix}/Endpoints/bias-metrics`. */
  readonly namespace: string;
  readonly endpoint: string;
  readonly monitoringSchedule: string;
  readonly timestamp: Date;
}

/**
 * The namespace of bias metrics for real-time endpoints.
 *
 * @example
 * ```ts
 * biasMetricsNamespace('aws/sagemaker'); // 'aws/sagemaker/Endpoints/bias-metrics'
 * ```
 */
export function biasMetricsNamespace(prefix: string): string {
  return metricsNamespace(prefix, 'bias-drift');
}

/**
 * The CloudWatch data points of an analysis, as SageMaker's bias monitor publishes them:
 * `bias_metric_<NAME>` with dimensions Endpoint, MonitoringSchedule, BiasStage (`Pre-training` /
 * `Post-Training`), Label, LabelValue, Facet, FacetValue; ±infinity as ±2.348543e108; failed
 * metrics not published. A facet value that is empty (a threshold at the data maximum selects
 * nothing) cannot be a CloudWatch dimension, so its metrics are left out.
 *
 * @example
 * ```ts
 * biasMetricDatums(analysis, { namespace: biasMetricsNamespace('aws/sagemaker'), endpoint: 'ep',
 *   monitoringSchedule: 'ep-bias-drift', timestamp: new Date() })[0]?.name; // 'bias_metric_AD'
 * ```
 */
export function biasMetricDatums(analysis: BiasAnalysis, target: BiasMetricTarget): MetricDatum[] {
  return [
    ...stageDatums(analysis.preTraining, 'Pre-training', target),
    ...stageDatums(analysis.postTraining, 'Post-Training', target),
  ];
}

function stageDatums(
  stage: AnalysisStage | undefined,
  biasStage: string,
  target: BiasMetricTarget,
): MetricDatum[] {
  if (!stage) return [];
  const datums: MetricDatum[] = [];
  for (const [facet, entries] of stage.facets) {
    for (const entry of entries) {
      if (entry.valueOrThreshold === '' || stage.labelValueOrThreshold === '') continue;
      for (const metric of entry.metrics) {
        if (metric.value === null) continue;
        const raw = Number(metric.value);
        if (Number.isNaN(raw)) continue;
        const value = Number.isFinite(raw) ? raw : Math.sign(raw) * CLOUDWATCH_INFINITY;
        datums.push({
          namespace: target.namespace,
          name: `bias_metric_${metric.name}`,
          dimensions: {
            Endpoint: target.endpoint,
            MonitoringSchedule: target.monitoringSchedule,
            BiasStage: biasStage,
            Label: stage.label,
            LabelValue: stage.labelValueOrThreshold,
            Facet: facet,
            FacetValue: entry.valueOrThreshold,
          },
          value,
          unit: 'None',
          timestamp: target.timestamp,
        });
      }
    }
  }
  return datums;
}
