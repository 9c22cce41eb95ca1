import { binaryConfusion, binaryMetrics } from './binary-metrics.ts';
import { type BinaryColumns, binaryColumns, multiclassColumns, regressionColumns } from './columns.ts';
import type { LabeledPrediction, SkippedRows } from './labeled-prediction.ts';
import { multiclassConfusion, multiclassMetricValues } from './multiclass-metrics.ts';
import type { ProblemType } from './problem-type.ts';
import { type PrecisionRecallCurve, type RocCurve, scoreCurves, scoreOrder } from './ranking.ts';
import { regressionMetrics } from './regression-metrics.ts';
import { DEFAULT_SEED, metricStandardDeviations } from './subsample.ts';

/** A metric's value and its standard deviation (NaN, written `"NaN"`, under 200 samples). */
export interface MetricStatistic {
  value: number;
  standardDeviation: number;
}

/** `counts[a][p]`: rows of actual class `classes[a]` predicted as `classes[p]`. */
export interface ConfusionMatrix {
  classes: string[];
  counts: number[][];
}

/** The content of a model-quality statistics.json. */
export interface ModelQualityStatistics {
  problemType: ProblemType;
  itemCount: number;
  /** Scalar metrics by SageMaker name, in statistics.json order. */
  metrics: Record<string, MetricStatistic>;
  confusionMatrix?: ConfusionMatrix;
  rocCurve?: RocCurve;
  precisionRecallCurve?: PrecisionRecallCurve;
}

/** How rows are read for the metrics. */
export interface ModelQualityOptions {
  problemType: ProblemType;
  /** Binary only: a probability at or above it predicts the positive class. Default 0.5. */
  probabilityThreshold?: number;
  /** Seed of the subsampling behind the standard deviations. */
  seed?: number;
}

/** Statistics plus the rows that could not be used, by reason. */
export interface ComputedStatistics {
  statistics: ModelQualityStatistics;
  skipped: SkippedRows;
}

/**
 * SageMaker's model-quality metrics of labeled predictions, each with its standard deviation,
 * plus the confusion matrix (classification) and the ROC / precision-recall curves (binary).
 * Unusable rows are skipped and counted, never fatal.
 *
 * @example
 * ```ts
 * const { statistics } = computeModelQualityStatistics(
 *   [{ label: '0', prediction: 0.64 }, { label: '1', prediction: 0.75 }],
 *   { problemType: 'Regression' },
 * );
 * statistics.metrics.mae.value;
 * ```
 */
export function computeModelQualityStatistics(
  rows: readonly LabeledPrediction[],
  options: ModelQualityOptions,
): ComputedStatistics {
  const seed = options.seed ?? DEFAULT_SEED;
  if (options.problemType === 'Regression') {
    const columns = regressionColumns(rows);
    const n = columns.labels.length;
    const values = { ...regressionMetrics(columns) };
    const std = metricStandardDeviations(n, (subset) => ({ ...regressionMetrics(columns, subset) }), seed);
    return {
      statistics: { problemType: 'Regression', itemCount: n, metrics: withDeviations(values, std) },
      skipped: columns.skipped,
    };
  }
  if (options.problemType === 'MulticlassClassification') {
    const columns = multiclassColumns(rows);
    const n = columns.labels.length;
    const counts = multiclassConfusion(columns);
    const values = { ...multiclassMetricValues(counts) };
    const std = metricStandardDeviations(
      n,
      (subset) => ({ ...multiclassMetricValues(multiclassConfusion(columns, subset)) }),
      seed,
    );
    return {
      statistics: {
        problemType: 'MulticlassClassification',
        itemCount: n,
        metrics: withDeviations(values, std),
        confusionMatrix: { classes: columns.classes, counts },
      },
      skipped: columns.skipped,
    };
  }
  const columns = inScoreOrder(binaryColumns(rows, { probabilityThreshold: options.probabilityThreshold }));
  const n = columns.labels.length;
  // Rows are in descending score order already, so every ranking pass is sequential.
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const values = { ...binaryMetrics(columns, order) };
  const member = new Uint8Array(n);
  const std = metricStandardDeviations(
    n,
    (indexes) => {
      member.fill(0);
      for (const i of indexes) member[i] = 1;
      return { ...binaryMetrics(columns, order, { indexes, member }) };
    },
    seed,
  );
  const { truePositives, falsePositives, trueNegatives, falseNegatives } = binaryConfusion(columns);
  const curves = scoreCurves(columns.scores, columns.labels, order);
  return {
    statistics: {
      problemType: 'BinaryClassification',
      itemCount: n,
      metrics: withDeviations(values, std),
      confusionMatrix: {
        classes: ['0', '1'],
        counts: [
          [trueNegatives, falsePositives],
          [falseNegatives, truePositives],
        ],
      },
      rocCurve: curves.roc,
      precisionRecallCurve: curves.pr,
    },
    skipped: columns.skipped,
  };
}

/** The columns permuted into descending score order (the subsamples then draw from these positions). */
function inScoreOrder(columns: BinaryColumns): BinaryColumns {
  const order = scoreOrder(columns.scores);
  const n = order.length;
  const sorted = {
    ...columns,
    labels: new Uint8Array(n),
    predictions: new Uint8Array(n),
    scores: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    sorted.labels[k] = columns.labels[i] as number;
    sorted.predictions[k] = columns.predictions[i] as number;
    sorted.scores[k] = columns.scores[i] as number;
  }
  return sorted;
}

function withDeviations(
  values: Record<string, number>,
  deviations: Record<string, number>,
): Record<string, MetricStatistic> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      { value, standardDeviation: deviations[name] ?? Number.NaN },
    ]),
  );
}
