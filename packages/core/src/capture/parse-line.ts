import { batchRows } from './batch-output.ts';
import { notJsonObjectProblem, parseJsonLine } from './json-line.ts';
import { decodePayload } from './payload.ts';
import type {
  CaptureIssueReason,
  CaptureRecord,
  CaptureSource,
  CaptureValue,
  ParsedCaptureLine,
} from './types.ts';

interface CaptureLineShape {
  captureData?: {
    endpointInput?: unknown;
    endpointOutput?: unknown;
    batchTransformOutput?: unknown;
  };
  eventMetadata?: { eventId?: unknown; inferenceId?: unknown; inferenceTime?: unknown };
}

/**
 * Parses one line of a SageMaker data-capture file (JSON Lines:
 * `{"captureData":{"endpointInput":{…},"endpointOutput":{…}},"eventMetadata":{…},"eventVersion":"0"}`)
 * into a record, or says why it cannot be used. Never throws.
 *
 * - A request carrying several records (CSV or JSON Lines lines, a JSON `instances` array) gives one
 *   input row per record; output row i pairs with input row i. A response that has a different
 *   number of records is a `record-count-mismatch` — except a one-line CSV response with exactly one
 *   field per input record (XGBoost answers a CSV batch as `0.1,0.7,0.4`), read as one value each.
 * - Capture without `endpointInput` (CaptureMode Output) gives empty input rows.
 * - `captureData.batchTransformOutput` rows parse as `batchRows` describes, with per-row ids.
 * - A line that `lineBlocks` found not to be UTF-8 (`isNotUtf8Line`) is a `not-utf8` issue.
 *
 * @example
 * ```ts
 * const { record } = parseCaptureLine(line, { key: 'capture/ep/AllTraffic/2024/05/01/13/a.jsonl', line: 1 });
 * record?.inputs; // [['0.00632', '18.00', …]]
 * ```
 */
export function parseCaptureLine(line: string, source: CaptureSource): ParsedCaptureLine {
  const read = parseJsonLine(line, 'capture');
  if (read.problem) return issue(read.problem.reason, source, read.problem.message);
  return captureRecordOf(read.value, source);
}

/**
 * The record of a capture line already parsed as JSON, or why it cannot be used (see
 * `parseCaptureLine`).
 *
 * @example
 * ```ts
 * const { record } = captureRecordOf(JSON.parse(line), { key, line: 1 });
 * ```
 */
export function captureRecordOf(json: unknown, source: CaptureSource): ParsedCaptureLine {
  const notObject = notJsonObjectProblem(json, 'capture');
  if (notObject) return issue(notObject.reason, source, notObject.message);
  const parsed = json as CaptureLineShape;
  const metadata = parsed.eventMetadata;
  const eventId = metadata?.eventId;
  if (typeof eventId !== 'string' || eventId.length === 0) {
    return issue(
      'malformed-line',
      source,
      'eventMetadata.eventId is missing: the line is not a SageMaker capture record',
    );
  }
  const capture = parsed.captureData;
  if (capture === null || typeof capture !== 'object') {
    return issue('missing-capture-data', source, 'captureData is missing');
  }
  const { endpointInput, endpointOutput, batchTransformOutput } = capture;
  if (endpointInput === undefined && endpointOutput === undefined) {
    if (batchTransformOutput !== undefined)
      return batchRecord(batchTransformOutput, eventId, metadata!, source);
    return issue(
      'missing-capture-data',
      source,
      'captureData has neither endpointInput, endpointOutput nor batchTransformOutput',
    );
  }

  let inputs: CaptureValue[][] | undefined;
  if (endpointInput !== undefined) {
    const decoded = decodePayload(endpointInput, 'captureData.endpointInput');
    if (decoded.problem) return issue(decoded.problem.reason, source, decoded.problem.message);
    inputs = decoded.payload.rows;
  }
  let outputs: CaptureValue[][] = [];
  let outputJson: unknown[] | undefined;
  if (endpointOutput !== undefined) {
    const decoded = decodePayload(endpointOutput, 'captureData.endpointOutput');
    if (decoded.problem) return issue(decoded.problem.reason, source, decoded.problem.message);
    outputs = decoded.payload.rows;
    outputJson = decoded.payload.json;
    if (inputs === undefined) {
      inputs = outputs.map(() => []);
    } else if (outputs.length !== inputs.length) {
      const single = outputs[0];
      if (decoded.payload.format === 'csv' && outputs.length === 1 && single!.length === inputs.length) {
        outputs = single!.map((value) => [value]);
      } else {
        return issue(
          'record-count-mismatch',
          source,
          `the request holds ${inputs.length} record(s) but the response ${outputs.length}: ` +
            'input line i must pair with output line i',
        );
      }
    }
  }
  if (inputs === undefined || inputs.length === 0) {
    return issue('missing-capture-data', source, 'the captured payload holds no record');
  }
  const record: CaptureRecord = { eventId, inputs, outputs, source };
  if (typeof metadata!.inferenceId === 'string') record.inferenceId = metadata!.inferenceId;
  if (typeof metadata!.inferenceTime === 'string') record.inferenceTime = metadata!.inferenceTime;
  if (outputJson) record.outputJson = outputJson;
  return { record };
}

function batchRecord(
  eventData: unknown,
  eventId: string,
  metadata: NonNullable<CaptureLineShape['eventMetadata']>,
  source: CaptureSource,
): ParsedCaptureLine {
  const decoded = decodePayload(eventData, 'captureData.batchTransformOutput');
  if (decoded.problem) return issue(decoded.problem.reason, source, decoded.problem.message);
  const rows = batchRows(decoded.payload);
  if (rows.outputs.length === 0)
    return issue('missing-capture-data', source, 'the captured payload holds no record');
  const record: CaptureRecord = { eventId, inputs: rows.inputs, outputs: rows.outputs, source };
  if (typeof metadata.inferenceId === 'string') record.inferenceId = metadata.inferenceId;
  const time = typeof metadata.inferenceTime === 'string' ? metadata.inferenceTime : rows.rowTimes[0];
  if (time !== undefined) record.inferenceTime = time;
  if (rows.outputJson) record.outputJson = rows.outputJson;
  if (rows.rowIds.some((id) => id !== undefined)) record.rowIds = rows.rowIds;
  return { record };
}

function issue(reason: CaptureIssueReason, source: CaptureSource, message: string): ParsedCaptureLine {
  return { issue: { reason, key: source.key, line: source.line, message } };
}
