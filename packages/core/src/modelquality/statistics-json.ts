import type { JsonOut } from '../json/jackson.ts';
import { toJacksonJson } from '../json/jackson.ts';
import { STATISTICS_KEY } from './problem-type.ts';
import type { ConfusionMatrix, ModelQualityStatistics } from './statistics.ts';

/**
 * statistics.json of a model-quality run or baseline, in SageMaker's format and key order
 * (Jackson pretty printer, doubles as Java writes them, `"NaN"` standard deviations, confusion
 * counts as integers).
 *
 * @example
 * ```ts
 * statisticsJson(statistics);
 * // '{\n  "version" : 0.0,\n  "dataset" : {\n    "item_count" : 100\n  },\n  "regression_metrics" : { … } }'
 * ```
 */
export function statisticsJson(statistics: ModelQualityStatistics): string {
  return toJacksonJson(statisticsDocument(statistics));
}

/** The statistics.json document as a JSON value (for callers that embed it). */
export function statisticsDocument(statistics: ModelQualityStatistics): JsonOut {
  const body: Record<string, JsonOut> = {};
  if (statistics.confusionMatrix) body.confusion_matrix = confusionJson(statistics.confusionMatrix);
  for (const [name, metric] of Object.entries(statistics.metrics)) {
    // SageMaker writes the curves between the rates and auc.
    if (name === 'auc') {
      if (statistics.rocCurve) {
        body.receiver_operating_characteristic_curve = {
          false_positive_rates: statistics.rocCurve.falsePositiveRates,
          true_positive_rates: statistics.rocCurve.truePositiveRates,
        };
      }
      if (statistics.precisionRecallCurve) {
        body.precision_recall_curve = {
          precisions: statistics.precisionRecallCurve.precisions,
          recalls: statistics.precisionRecallCurve.recalls,
        };
      }
    }
    body[name] = { value: metric.value, standard_deviation: metric.standardDeviation };
  }
  return {
    version: 0,
    dataset: { item_count: BigInt(statistics.itemCount) },
    [STATISTICS_KEY[statistics.problemType]]: body,
  };
}

function confusionJson(matrix: ConfusionMatrix): JsonOut {
  return Object.fromEntries(
    matrix.classes.map((actual, a) => [
      actual,
      Object.fromEntries(
        matrix.classes.map((predicted, p) => [predicted, BigInt(matrix.counts[a]?.[p] ?? 0)]),
      ),
    ]),
  );
}
