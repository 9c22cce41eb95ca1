import { jsonRecordValues } from './json-rows.ts';
import type { DecodedPayload } from './payload.ts';
import type { CaptureValue } from './types.ts';

/** A batch transform output split into the request part, the model's part and per-row ids. */
export interface BatchRows {
  inputs: CaptureValue[][];
  outputs: CaptureValue[][];
  outputJson?: unknown[];
  rowIds: (string | undefined)[];
  rowTimes: (string | undefined)[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/**
 * Splits the rows of `captureData.batchTransformOutput` as SageMaker batch transform writes them.
 *
 * JSON rows: the reserved keys `SageMakerInferenceId` / `SageMakerInferenceTime` become the row's id
 * and time; with `join_source="Input"` the model's answer sits under `SageMakerOutput` and the rest
 * of the object is the input; without it the whole object is the model's answer and the input was
 * not captured (an empty input row).
 *
 * CSV rows are the model's answer; the two columns `GenerateInferenceId` appends (a UUID and an
 * ISO time) are recognised at the end of the row and taken out. A CSV row joined with its input
 * cannot be told apart from the answer, so it is kept whole as output.
 *
 * @example
 * ```ts
 * batchRows({ format: 'jsonlines', rows: [], json: [{ SageMakerInferenceId: 'a', SageMakerOutput: { score: 0.9 }, features: [1, 2] }] });
 * // { inputs: [[1, 2]], outputs: [[0.9]], outputJson: [{ score: 0.9 }], rowIds: ['a'], rowTimes: [undefined] }
 * ```
 */
export function batchRows(payload: DecodedPayload): BatchRows {
  const result: BatchRows = { inputs: [], outputs: [], rowIds: [], rowTimes: [] };
  if (payload.json) {
    const outputJson: unknown[] = [];
    for (const value of payload.json) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        result.inputs.push([]);
        result.outputs.push(jsonRecordValues(value));
        outputJson.push(value);
        result.rowIds.push(undefined);
        result.rowTimes.push(undefined);
        continue;
      }
      const { SageMakerInferenceId, SageMakerInferenceTime, SageMakerOutput, ...rest } = value as Record<
        string,
        unknown
      >;
      result.rowIds.push(typeof SageMakerInferenceId === 'string' ? SageMakerInferenceId : undefined);
      result.rowTimes.push(typeof SageMakerInferenceTime === 'string' ? SageMakerInferenceTime : undefined);
      if (SageMakerOutput !== undefined) {
        result.inputs.push(jsonRecordValues(rest));
        result.outputs.push(jsonRecordValues(SageMakerOutput));
        outputJson.push(SageMakerOutput);
      } else {
        result.inputs.push([]);
        result.outputs.push(jsonRecordValues(rest));
        outputJson.push(rest);
      }
    }
    result.outputJson = outputJson;
    return result;
  }
  for (const row of payload.rows) {
    const n = row.length;
    const id = row[n - 2];
    const time = row[n - 1];
    if (
      n >= 3 &&
      typeof id === 'string' &&
      typeof time === 'string' &&
      UUID.test(id) &&
      ISO_TIME.test(time)
    ) {
      result.outputs.push(row.slice(0, n - 2));
      result.rowIds.push(id);
      result.rowTimes.push(time);
    } else {
      result.outputs.push(row);
      result.rowIds.push(undefined);
      result.rowTimes.push(undefined);
    }
    result.inputs.push([]);
  }
  return result;
}
