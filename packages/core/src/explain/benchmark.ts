import type { ModelInvoker, ModelRecord } from '../ports/model-invoker.ts';
import { kernelShap } from './kernel-shap.ts';

export interface ShapThroughput {
  records: number;
  features: number;
  /** Local SHAP values computed (records × features × labels). */
  shapValues: number;
  rowsScored: number;
  seconds: number;
  shapValuesPerSecond: number;
}

/**
 * Times KernelSHAP on `records` against a model (a local HTTP server or an in-process function),
 * for the benchmark line "SHAP values per second against a local model".
 *
 * @example
 * ```ts
 * const t = await measureShapThroughput(httpModelInvoker({ url }), rows, { rows: background });
 * console.log(`${t.shapValuesPerSecond.toFixed(0)} SHAP values/s`);
 * ```
 */
export async function measureShapThroughput(
  invoker: ModelInvoker,
  records: readonly ModelRecord[],
  background: { rows: readonly ModelRecord[]; weights?: readonly number[] },
  options: { numSamples?: number; seed?: number; now?: () => number } = {},
): Promise<ShapThroughput> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const result = await kernelShap(invoker, records, background, options);
  const seconds = (now() - started) / 1000;
  const features = records[0]?.length ?? 0;
  const shapValues = records.length * features * result.expectedValues.length;
  return {
    records: records.length,
    features,
    shapValues,
    rowsScored: result.rowsScored,
    seconds,
    shapValuesPerSecond: seconds > 0 ? shapValues / seconds : Number.POSITIVE_INFINITY,
  };
}
