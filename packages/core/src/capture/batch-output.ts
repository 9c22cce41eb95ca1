import { JsonObject, jsonNodeOf, plainJson } from './json-node.ts';
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

const RESERVED_KEYS = ['SageMakerInferenceId', 'SageMakerInferenceTime', 'SageMakerOutput'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/**
 * Splits the rows of `captureData.batchTransformOutput` as SageMaker batch transform writes them.
 *
 * JSON rows (read from `payload.nodes`, else from `payload.json`): the reserved keys `SageMakerInferenceId` / `SageMakerInferenceTime` become the row's id
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
 * // { inputs: [['1', '2']], outputs: [['0.9']], outputJson: [{ score: 0.9 }], rowIds: ['a'], rowTimes: [undefined] }
 * ```
 */
export function batchRows(payload: DecodedPayload): BatchRows {
  const result: BatchRows = { inputs: [], outputs: [], rowIds: [], rowTimes: [] };
  const nodes = payload.nodes ?? payload.json?.map(jsonNodeOf);
  if (nodes) {
    const outputJson: unknown[] = [];
    for (const node of nodes) {
      if (!(node instanceof JsonObject)) {
        result.inputs.push([]);
        result.outputs.push(jsonRecordValues(node));
        outputJson.push(plainJson(node));
        result.rowIds.push(undefined);
        result.rowTimes.push(undefined);
        continue;
      }
      const id = node.get('SageMakerInferenceId');
      const time = node.get('SageMakerInferenceTime');
      const answer = node.get('SageMakerOutput');
      result.rowIds.push(typeof id === 'string' ? id : undefined);
      result.rowTimes.push(typeof time === 'string' ? time : undefined);
      const rest = withoutKeys(node, RESERVED_KEYS);
      if (answer !== undefined) {
        result.inputs.push(jsonRecordValues(rest));
        result.outputs.push(jsonRecordValues(answer));
        outputJson.push(plainJson(answer));
      } else {
        result.inputs.push([]);
        result.outputs.push(jsonRecordValues(rest));
        outputJson.push(plainJson(rest));
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

/** The object without `keys`, the others in document order. */
function withoutKeys(node: JsonObject, keys: readonly string[]): JsonObject {
  const kept = new JsonObject([], []);
  node.keys.forEach((key, i) => {
    if (keys.includes(key)) return;
    kept.keys.push(key);
    kept.values.push(node.values[i]!);
  });
  return kept;
}
