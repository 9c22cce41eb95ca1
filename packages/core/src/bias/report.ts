import { type DataType, ensureSeriesDataType } from './datatype.ts';
import type { MetricNumber } from './divide.ts';
import { BiasReportError } from './errors.ts';
import { inIntervals, intervalIndex, intervalText } from './interval.ts';
import type { FeatureMatrix, MetricInputs } from './metric-inputs.ts';
import { categoricalIndex, positiveLabelIndex, positivePredictedLabelIndex } from './positive-index.ts';
import { type BiasMetric, type BiasStage, metricsToRun } from './registry.ts';
import { type Cell, type ConfigValue, cellKey, cellText, configValueText, type Series } from './values.ts';

/** One call of smclarify's `bias_report`: one facet column, one stage. */
export interface BiasReportRequest {
  /** Every column of the dataset (the feature matrix of FlipTest is what remains without facet and labels). */
  readonly columns: readonly Series[];
  readonly facet: { readonly name: string; readonly values?: readonly ConfigValue[] };
  readonly label: { readonly name: string; readonly values: readonly ConfigValue[] };
  readonly stage: BiasStage;
  readonly predictedLabel?: { readonly name: string; readonly values?: readonly ConfigValue[] };
  readonly methods: 'all' | readonly string[];
  readonly groupVariable?: Series;
}

/** One metric of a facet report; a failed metric has `value: null` and smclarify's error message. */
export interface MetricResult {
  readonly name: string;
  readonly description: string;
  readonly value: MetricNumber | null;
  readonly error?: string;
}

/** The metrics of one facet value (or threshold), as one entry of analysis.json's facet list. */
export interface FacetReport {
  readonly valueOrThreshold: string;
  readonly metrics: MetricResult[];
}

/** A facet group of a prepared report: its description and its index (or why there is none). */
export interface PreparedFacet {
  readonly valueOrThreshold: string;
  readonly facet: readonly boolean[] | Error;
}

/** Everything a bias report computes before running metrics; the bootstrap resamples from it. */
export interface PreparedBiasReport {
  readonly metrics: readonly BiasMetric[];
  readonly facets: readonly PreparedFacet[];
  readonly labelValueOrThreshold: string;
  readonly shared: Omit<MetricInputs, 'facet'>;
}

/**
 * smclarify's `bias_report`: infers data types, binarises label, predicted label and facet
 * (one-vs-rest per value for a categorical facet without values), runs the requested metrics in
 * name order and reports a failing metric as `value: null` with its error while the others
 * compute. Configuration that cannot fit the data throws {@link BiasReportError}.
 *
 * @example
 * ```ts
 * const x: Series = { name: 'x', dtype: 'object', values: ['a', 'b', 'b', 'b'] };
 * const y: Series = { name: 'y', dtype: 'int64', values: [1, 1, 0, 0] };
 * biasReport({ columns: [x, y], facet: { name: 'x' }, label: { name: 'y', values: [0n] },
 *   stage: 'pre_training', methods: ['CI'] });
 * // [{ valueOrThreshold: 'a', metrics: [{ name: 'CI', …, value: 0.5 }] }, { valueOrThreshold: 'b', … }]
 * ```
 */
export function biasReport(request: BiasReportRequest): FacetReport[] {
  const prepared = prepareBiasReport(request);
  return prepared.facets.map((f) => ({
    valueOrThreshold: f.valueOrThreshold,
    metrics: runMetrics(prepared.metrics, f.facet, prepared.shared),
  }));
}

/**
 * Runs metrics on one facet index; a metric that throws becomes `value: null` plus its message.
 *
 * @example
 * ```ts
 * runMetrics(PRE_TRAINING_METRICS.filter((m) => m.name === 'CI'), [true, false], {});
 * // [{ name: 'CI', description: 'Class Imbalance (CI)', value: 0 }]
 * ```
 */
export function runMetrics(
  metrics: readonly BiasMetric[],
  facet: readonly boolean[] | Error,
  shared: Omit<MetricInputs, 'facet'>,
): MetricResult[] {
  return metrics.map((m) => {
    try {
      if (facet instanceof Error) throw facet;
      return { name: m.name, description: m.description, value: m.compute({ ...shared, facet }) };
    } catch (error) {
      return { name: m.name, description: m.description, value: null, error: (error as Error).message };
    }
  });
}

/**
 * The validation and binarisation half of {@link biasReport}.
 *
 * @example
 * ```ts
 * prepareBiasReport(request).facets.map((f) => f.valueOrThreshold); // ['a', 'b'] (one-vs-rest)
 * ```
 */
export function prepareBiasReport(request: BiasReportRequest): PreparedBiasReport {
  const { stage, predictedLabel } = request;
  const metrics = metricsToRun(stage, request.methods);
  const byName = new Map(request.columns.map((c) => [c.name, c]));
  const facetColumn = byName.get(request.facet.name);
  if (!facetColumn)
    throw new BiasReportError(`Facet column ${request.facet.name} is not present in the dataset`);
  const labelColumn = byName.get(request.label.name);
  if (!labelColumn)
    throw new BiasReportError(`Label column ${request.label.name} is not present in the dataset`);
  if (request.label.values.length === 0)
    throw new BiasReportError('Positive label values or thresholds are empty for Label column');
  if (
    predictedLabel?.values &&
    predictedLabel.values.length > 0 &&
    !sameValues(predictedLabel.values, request.label.values)
  )
    throw new BiasReportError(
      'Positive predicted label values or threshold should be empty or same as label values or thresholds',
    );
  if (!predictedLabel && stage === 'post_training')
    throw new BiasReportError('predicted_label_column has to be provided for Post training metrics');

  const facet = ensureSeriesDataType(facetColumn, request.facet.values);
  const label = ensureSeriesDataType(labelColumn, request.label.values);
  const positive = positiveLabelIndex(label.series, label.type, label.values);
  let positivePredictedLabel: boolean[] | undefined;
  if (predictedLabel && stage === 'post_training') {
    const predictedColumn = byName.get(predictedLabel.name);
    if (!predictedColumn)
      throw new BiasReportError(
        `Predicted label column ${predictedLabel.name} is not present in the dataset`,
      );
    const predicted = ensureSeriesDataType(predictedColumn, label.values);
    positivePredictedLabel = positivePredictedLabelIndex(
      predicted.series,
      predicted.type,
      label.series,
      label.type,
      label.values,
    );
  }
  const excluded = new Set([request.facet.name, request.label.name, predictedLabel?.name]);
  const shared: Omit<MetricInputs, 'facet'> = {
    label: positive.index,
    positiveLabel: positive.index,
    positivePredictedLabel,
    groupVariable: request.groupVariable?.values,
    features: metrics.some((m) => m.name === 'FT')
      ? featureMatrix(request.columns.filter((c) => !excluded.has(c.name)))
      : undefined,
  };
  return {
    metrics,
    facets: facetGroups(facet.series, facet.type, facet.values),
    labelValueOrThreshold: positive.text,
    shared,
  };
}

function facetGroups(series: Series, type: DataType, values: ConfigValue[] | undefined): PreparedFacet[] {
  if (type === 'CONTINUOUS') {
    const intervals = intervalIndex(series, values);
    return [
      {
        valueOrThreshold: intervalText(intervals),
        facet: series.values.map((v) => inIntervals(intervals, typeof v === 'number' ? v : null)),
      },
    ];
  }
  if (values && values.length > 0)
    return [{ valueOrThreshold: values.map(configValueText).join(','), facet: attempt(series, values) }];
  // One-vs-rest, in order of first appearance; a missing value is its own (empty) group.
  const seen = new Map<string, Cell>();
  for (const v of series.values) if (!seen.has(cellKey(v))) seen.set(cellKey(v), v);
  return [...seen.values()].map((value) => ({
    valueOrThreshold: cellText(value, series.dtype),
    facet: value === null ? series.values.map(() => false) : attempt(series, [asConfigValue(value, series)]),
  }));
}

function attempt(series: Series, values: readonly ConfigValue[]): boolean[] | Error {
  try {
    return categoricalIndex(series, values);
  } catch (error) {
    return error as Error;
  }
}

function asConfigValue(value: Exclude<Cell, null>, series: Series): ConfigValue {
  if (typeof value === 'number' && series.dtype !== 'float64' && Number.isInteger(value))
    return BigInt(value);
  return value;
}

// Python list equality: 5 == 5.0, '1' != 1.
function sameValues(a: readonly ConfigValue[], b: readonly ConfigValue[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      if (typeof x === 'string' || typeof y === 'string') return x === y;
      return Number(x) === Number(y);
    })
  );
}

/**
 * The FlipTest feature matrix of the given columns: numbers as is, booleans as 0/1, missing as NaN.
 *
 * @example
 * ```ts
 * featureMatrix([{ name: 'b', dtype: 'bool', values: [true, null] }]);
 * // { columns: ['b'], rows: [[1], [NaN]], nonNumericColumns: [] }
 * ```
 */
export function featureMatrix(columns: readonly Series[]): FeatureMatrix {
  const numeric = (c: Series) => c.dtype === 'int64' || c.dtype === 'float64' || c.dtype === 'bool';
  const n = columns[0]?.values.length ?? 0;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push(
      columns.map((c) => {
        const v = c.values[i] ?? null;
        return v === null || typeof v === 'string' ? Number.NaN : Number(v);
      }),
    );
  }
  return {
    columns: columns.map((c) => c.name),
    rows,
    nonNumericColumns: columns.filter((c) => !numeric(c)).map((c) => c.name),
  };
}

/**
 * smclarify's `label_value_or_threshold`: how analysis.json describes the positive label.
 *
 * @example
 * ```ts
 * labelValueOrThreshold({ name: 'y', dtype: 'float64', values: [1, 2, 3] }, [5]); // '(3.0, 5.0]'
 * ```
 */
export function labelValueOrThreshold(series: Series, values: readonly ConfigValue[]): string {
  if (values.length === 0)
    throw new BiasReportError('Positive label values or thresholds are empty for Label column');
  const label = ensureSeriesDataType(series, values);
  return positiveLabelIndex(label.series, label.type, label.values).text;
}
