import type { CaptureRecord } from '../capture/types.ts';
import { attributeValue } from '../merge/attributes.ts';
import { toNumber } from '../modelquality/labeled-prediction.ts';
import type { VariantComparisonResult } from '../variants/compare.ts';
import type { ArmEvidence } from './thompson.ts';

/**
 * Rate evidence per variant from a comparison: a quality rate (accuracy, precision, recall) of the
 * labeled predictions. Successes are the rate times the labeled count, rounded; variants without
 * that metric are left out.
 *
 * @example
 * ```ts
 * armsFromComparison(parseComparison(text), 'accuracy'); // [{ variant: 'A', kind: 'rate', successes: 812, trials: 1000 }, …]
 * ```
 */
export function armsFromComparison(
  comparison: Pick<VariantComparisonResult, 'variants'>,
  metric: 'accuracy' | 'precision' | 'recall',
): ArmEvidence[] {
  return comparison.variants.flatMap((v): ArmEvidence[] => {
    const rate = v.metrics[metric];
    if (rate === undefined || !Number.isFinite(rate) || v.labeled === 0) return [];
    return [{ variant: v.name, kind: 'rate', successes: Math.round(rate * v.labeled), trials: v.labeled }];
  });
}

/**
 * Evidence of one variant from a business value in its captured output (a conversion flag, a
 * revenue figure), read at a column index or JSON path as the model-quality attributes are.
 * Records without a numeric value there are left out.
 *
 * @example
 * ```ts
 * armFromCapture('B', records, 'converted', 'rate'); // { variant: 'B', kind: 'rate', successes: 31, trials: 400 }
 * ```
 */
export function armFromCapture(
  variant: string,
  records: readonly CaptureRecord[],
  attribute: string,
  kind: 'rate' | 'continuous',
): ArmEvidence {
  const values: number[] = [];
  for (const record of records) {
    record.outputs.forEach((output, i) => {
      const raw = attributeValue(output, record.outputJson?.[i], attribute);
      const value =
        typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean'
          ? toNumber(raw)
          : undefined;
      if (value !== undefined) values.push(value);
    });
  }
  if (kind === 'rate') {
    return { variant, kind, successes: values.filter((v) => v > 0).length, trials: values.length };
  }
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
  const variance =
    values.length > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { variant, kind, count: values.length, mean, variance };
}
