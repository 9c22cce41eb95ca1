import type { CaptureRecord } from '../capture/types.ts';
import { attributeValue, type LabelValue, toLabelValue, toProbability } from '../merge/attributes.ts';
import type { PredictionAttributes } from '../merge/join.ts';
import { predictionKey } from '../merge/keys.ts';

/** One captured prediction of a variant, keyed as the ground-truth join keys it. */
export interface VariantPrediction {
  /** The inferenceId (else eventId) of the request, `#i` for sub-record i of a multi-record request. */
  id: string;
  prediction?: LabelValue;
  probability?: number;
}

/**
 * The predictions of captured records, read at the attributes as the ground-truth merge reads them
 * (`mergeWithLabels`): the prediction at `inferenceAttribute`, else — with a
 * `probabilityAttribute` — 1 when the probability reaches the threshold, else the first column.
 *
 * @example
 * ```ts
 * variantPredictions(records, { probabilityAttribute: '0' })[0]; // { id: 'e-1', prediction: 1, probability: 0.83 }
 * ```
 */
export function variantPredictions(
  records: readonly CaptureRecord[],
  attributes: PredictionAttributes = {},
): VariantPrediction[] {
  const threshold = attributes.probabilityThreshold ?? 0.5;
  const out: VariantPrediction[] = [];
  for (const record of records) {
    for (let i = 0; i < record.inputs.length; i++) {
      const output = record.outputs[i];
      const row: VariantPrediction = { id: predictionKey(record, i) };
      if (output !== undefined) {
        const json = record.outputJson?.[i];
        if (attributes.probabilityAttribute !== undefined) {
          const probability = toProbability(attributeValue(output, json, attributes.probabilityAttribute));
          if (probability !== undefined) row.probability = probability;
        }
        if (attributes.inferenceAttribute !== undefined || attributes.probabilityAttribute === undefined) {
          const prediction = toLabelValue(attributeValue(output, json, attributes.inferenceAttribute));
          if (prediction !== undefined) row.prediction = prediction;
        } else if (row.probability !== undefined) {
          row.prediction = row.probability >= threshold ? 1 : 0;
        }
      }
      out.push(row);
    }
  }
  return out;
}
