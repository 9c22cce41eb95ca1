import { InputError } from '../errors/vigil-error.ts';
import { asNumber, parseLenientJson } from './lenient-json.ts';
import { metricBelongsTo } from './section-metrics.ts';

/** Model-quality statistics.json, reduced to what governance needs. */
export interface ModelQualityReport {
  problemType: 'BinaryClassification' | 'MulticlassClassification' | 'Regression' | 'Unknown';
  itemCount?: number;
  /** Every scalar metric with a finite value (`auc`, `f1`, `rmse`, …). */
  metrics: Record<string, number>;
  /** Actual → predicted counts, with the labels in order, when the report has one. */
  confusionMatrix?: { labels: string[]; counts: number[][] };
}

/** One bias metric value of a Clarify analysis.json. */
export interface BiasMetricValue {
  stage: 'pre_training' | 'post_training';
  label?: string;
  facet: string;
  facetValue: string;
  metric: string;
  /** null when Clarify could not compute it (its `error` says why). */
  value: number | null;
  error?: string;
}

export interface BiasReport {
  values: BiasMetricValue[];
}

/** Global SHAP values of a Clarify explainability analysis.json, per explained label. */
export interface ExplainabilityReport {
  labels: { label: string; expectedValue?: number; globalShapValues: Record<string, number> }[];
}

/** Data-quality statistics.json or constraints.json, reduced to a summary. */
export interface DataQualityReport {
  itemCount?: number;
  featureCount: number;
  features: string[];
}

const MODEL_QUALITY_SECTIONS = {
  binary_classification_metrics: 'BinaryClassification',
  multiclass_classification_metrics: 'MulticlassClassification',
  regression_metrics: 'Regression',
} as const;

/**
 * Reads a Model Monitor model-quality statistics.json (binary, multiclass or regression).
 * Metrics whose value is `"NaN"` or missing are left out, and so are metrics SageMaker defines only
 * for another problem type (`auc` under `regression_metrics`); the confusion matrix is kept when
 * present. A file with two problem types' sections is refused.
 *
 * @example
 * ```ts
 * parseModelQualityStatistics(bytes).metrics.auc; // 0.91
 * ```
 */
export function parseModelQualityStatistics(input: string | Uint8Array): ModelQualityReport {
  const root = objectOrThrow(parseLenientJson(input), 'model-quality statistics.json');
  const sections = Object.entries(MODEL_QUALITY_SECTIONS) as [
    string,
    Exclude<ModelQualityReport['problemType'], 'Unknown'>,
  ][];
  const present = sections.filter(([section]) => {
    const body = root[section];
    return body !== null && typeof body === 'object';
  });
  if (present.length > 1) {
    throw new InputError(
      `Not one model-quality statistics.json: it has ${present.map(([s]) => s).join(' and ')}; a report holds the metrics of one problem type, register one file per problem type`,
    );
  }
  const [found] = present;
  if (!found) {
    throw new InputError(
      'Not a model-quality statistics.json: none of binary_classification_metrics, multiclass_classification_metrics or regression_metrics is present',
    );
  }
  const [section, problemType] = found;
  const metrics: Record<string, number> = {};
  let confusionMatrix: ModelQualityReport['confusionMatrix'];
  for (const [name, entry] of Object.entries(root[section] as Record<string, unknown>)) {
    if (name === 'confusion_matrix') {
      confusionMatrix = readConfusionMatrix(entry);
      continue;
    }
    // A metric of another problem type in this section is not this model's (auc under regression_metrics).
    if (!metricBelongsTo(name, problemType)) continue;
    const value =
      entry !== null && typeof entry === 'object'
        ? asNumber((entry as { value?: unknown }).value)
        : undefined;
    if (value !== undefined && Number.isFinite(value)) metrics[name] = value;
  }
  const dataset = root.dataset as { item_count?: unknown } | undefined;
  return { problemType, itemCount: asNumber(dataset?.item_count), metrics, confusionMatrix };
}

/**
 * Reads a Clarify bias analysis.json (pre- and post-training sections, every facet and value).
 *
 * @example
 * ```ts
 * parseBiasAnalysis(bytes).values.filter((v) => v.metric === 'DPPL');
 * ```
 */
export function parseBiasAnalysis(input: string | Uint8Array): BiasReport {
  const root = objectOrThrow(parseLenientJson(input), 'bias analysis.json');
  const values: BiasMetricValue[] = [];
  let sections = 0;
  for (const stage of ['pre_training', 'post_training'] as const) {
    const section = root[`${stage}_bias_metrics`] as { label?: unknown; facets?: unknown } | undefined;
    if (!section || typeof section !== 'object') continue;
    sections++;
    const facets =
      section.facets && typeof section.facets === 'object' ? (section.facets as Record<string, unknown>) : {};
    for (const [facet, groups] of Object.entries(facets)) {
      if (!Array.isArray(groups)) continue;
      for (const group of groups as { value_or_threshold?: unknown; metrics?: unknown }[]) {
        if (!Array.isArray(group?.metrics)) continue;
        for (const m of group.metrics as { name?: unknown; value?: unknown; error?: unknown }[]) {
          if (typeof m?.name !== 'string') continue;
          const value = asNumber(m.value);
          values.push({
            stage,
            label: typeof section.label === 'string' ? section.label : undefined,
            facet,
            facetValue: String(group.value_or_threshold ?? ''),
            metric: m.name,
            value: value === undefined || Number.isNaN(value) ? null : value,
            error: typeof m.error === 'string' ? m.error : undefined,
          });
        }
      }
    }
  }
  if (sections === 0) {
    throw new InputError(
      'Not a Clarify bias analysis.json: neither pre_training_bias_metrics nor post_training_bias_metrics is present',
    );
  }
  return { values };
}

/**
 * Reads a Clarify explainability analysis.json (`explanations.kernel_shap.<label>`).
 *
 * @example
 * ```ts
 * parseExplainabilityAnalysis(bytes).labels[0].globalShapValues; // { age: 0.12, ... }
 * ```
 */
export function parseExplainabilityAnalysis(input: string | Uint8Array): ExplainabilityReport {
  const root = objectOrThrow(parseLenientJson(input), 'explainability analysis.json');
  const kernelShap = (root.explanations as { kernel_shap?: unknown } | undefined)?.kernel_shap;
  if (!kernelShap || typeof kernelShap !== 'object') {
    throw new InputError('Not a Clarify explainability analysis.json: explanations.kernel_shap is missing');
  }
  const labels: ExplainabilityReport['labels'] = [];
  for (const [label, body] of Object.entries(kernelShap as Record<string, unknown>)) {
    if (!body || typeof body !== 'object') continue;
    const { global_shap_values: shap, expected_value: expected } = body as Record<string, unknown>;
    const globalShapValues: Record<string, number> = {};
    if (shap && typeof shap === 'object') {
      for (const [feature, v] of Object.entries(shap as Record<string, unknown>)) {
        const n = asNumber(v);
        if (n !== undefined && Number.isFinite(n)) globalShapValues[feature] = n;
      }
    }
    labels.push({ label, expectedValue: asNumber(expected), globalShapValues });
  }
  return { labels };
}

/**
 * Reads a data-quality statistics.json or constraints.json: both list `features` by `name`.
 *
 * @example
 * ```ts
 * parseDataQualityFile(bytes).featureCount; // 12
 * ```
 */
export function parseDataQualityFile(input: string | Uint8Array): DataQualityReport {
  const root = objectOrThrow(parseLenientJson(input), 'data-quality statistics.json / constraints.json');
  if (!Array.isArray(root.features)) {
    throw new InputError('Not a data-quality statistics.json or constraints.json: "features" is not a list');
  }
  const features = (root.features as { name?: unknown }[]).flatMap((f) =>
    typeof f?.name === 'string' ? [f.name] : [],
  );
  const dataset = root.dataset as { item_count?: unknown } | undefined;
  return { itemCount: asNumber(dataset?.item_count), featureCount: features.length, features };
}

function readConfusionMatrix(entry: unknown): ModelQualityReport['confusionMatrix'] {
  if (!entry || typeof entry !== 'object') return undefined;
  const rows = entry as Record<string, unknown>;
  const labels = Object.keys(rows);
  const counts = labels.map((actual) => {
    const row = (rows[actual] ?? {}) as Record<string, unknown>;
    return labels.map((predicted) => asNumber(row[predicted]) ?? 0);
  });
  return { labels, counts };
}

function objectOrThrow(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`Not a ${what}: the file is JSON but not an object`);
  }
  return value as Record<string, unknown>;
}
