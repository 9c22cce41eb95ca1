import type { PackageEvidence } from '../governance/evidence.ts';
import type { EvaluationDetail, MetricData, MetricGroup } from './content-schema.ts';

const MAX_METRICS_PER_GROUP = 50;
const MAX_CHART_ITEMS = 20;

/**
 * The evaluation_details entry describing the reports a version was registered with: model
 * quality as numbers (and the confusion matrix as a matrix), bias metrics per stage and facet,
 * and the top global SHAP values as a bar chart.
 *
 * @example
 * ```ts
 * const entry = registrationEvaluation(await collectPackageEvidence(pkg, locate));
 * ```
 */
export function registrationEvaluation(evidence: PackageEvidence): EvaluationDetail | undefined {
  const { reports, package: pkg } = evidence;
  const groups: MetricGroup[] = [];
  const mq = reports.ModelQuality.modelQuality;
  if (mq) {
    const data: MetricData[] = Object.entries(mq.metrics)
      .slice(0, MAX_METRICS_PER_GROUP)
      .map(([name, value]) => ({ name, type: 'number', value }));
    const cm = mq.confusionMatrix;
    if (
      cm &&
      cm.labels.length > 0 &&
      cm.labels.length <= MAX_CHART_ITEMS &&
      data.length < MAX_METRICS_PER_GROUP
    ) {
      const labels = cm.labels.map((l) => l.slice(0, 63));
      data.push({
        name: 'confusion_matrix',
        type: 'matrix',
        value: cm.counts,
        x_axis_name: labels,
        y_axis_name: labels,
      });
    }
    if (data.length) groups.push({ name: `model_quality_${mq.problemType}`.slice(0, 63), metric_data: data });
  }
  const bias = reports.ModelBias.bias;
  if (bias) {
    for (const stage of ['pre_training', 'post_training'] as const) {
      const data: MetricData[] = bias.values
        .filter((v) => v.stage === stage && v.value !== null && Number.isFinite(v.value))
        .slice(0, MAX_METRICS_PER_GROUP)
        .map((v) => ({
          name: `${v.metric} ${v.facet}=${v.facetValue}`.slice(0, 255),
          type: 'number',
          value: v.value as number,
        }));
      if (data.length) groups.push({ name: `bias_${stage}`, metric_data: data });
    }
  }
  const explanations = reports.Explainability.explainability;
  for (const label of explanations?.labels ?? []) {
    const top = Object.entries(label.globalShapValues)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
      .slice(0, MAX_CHART_ITEMS);
    if (top.length === 0) continue;
    groups.push({
      name: `explainability_${label.label}`.slice(0, 63),
      metric_data: [
        {
          name: 'global_shap_values',
          type: 'bar_chart',
          value: top.map(([, v]) => v),
          x_axis_name: top.map(([f]) => f.slice(0, 63)),
          y_axis_name: 'mean |SHAP|',
        },
      ],
    });
  }
  const statuses = Object.values(reports).map(
    (r) => `${r.kind}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`,
  );
  return {
    name: `registration-v${pkg.version}`,
    evaluation_observation: `Reports registered with the model package. ${statuses.join('; ')}`.slice(
      0,
      2096,
    ),
    datasets: Object.values(reports)
      .flatMap((r) => r.uris)
      .filter((u) => u.length <= 1024)
      .slice(0, 10),
    metadata: { source: 'vigil-registration', model_package_version: String(pkg.version) },
    metric_groups: groups,
  };
}
