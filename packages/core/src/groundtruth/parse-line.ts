import { notJsonObjectProblem, parseJsonLine } from '../capture/json-line.ts';
import { decodePayload } from '../capture/payload.ts';
import type { CaptureSource } from '../capture/types.ts';
import type { GroundTruthIssueReason, GroundTruthLabel, ParsedGroundTruthLine } from './types.ts';

interface GroundTruthLineShape {
  groundTruthData?: unknown;
  eventMetadata?: { eventId?: unknown; inferenceTime?: unknown };
}

/**
 * Parses one line of a SageMaker ground-truth file:
 * `{"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"…"},"eventVersion":"0"}`.
 *
 * `data` is read as the capture payloads are: encoding CSV (one label record per line, its fields as
 * text), JSON (`{"label":0}`, one document or one per line) or BASE64 with an `observedContentType`.
 * A data string of several lines labels the sub-records of a multi-record request in order; their
 * ids are `<eventId>#<i>`. Never throws.
 *
 * @example
 * ```ts
 * parseGroundTruthLine('{"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"a"},"eventVersion":"0"}', src);
 * // { labels: [{ id: 'a', eventId: 'a', values: ['1'], source: src }] }
 * ```
 */
export function parseGroundTruthLine(line: string, source: CaptureSource): ParsedGroundTruthLine {
  const read = parseJsonLine(line, 'ground-truth');
  if (read.problem) return issue(read.problem.reason, source, read.problem.message);
  const notObject = notJsonObjectProblem(read.value, 'ground-truth');
  if (notObject) return issue(notObject.reason, source, notObject.message);
  const parsed = read.value as GroundTruthLineShape;
  const eventId = parsed.eventMetadata?.eventId;
  if (typeof eventId !== 'string' || eventId.length === 0) {
    return issue(
      'malformed-line',
      source,
      "eventMetadata.eventId is missing: set it to the capture's inferenceId (or eventId) the label belongs to",
    );
  }
  if (parsed.groundTruthData === undefined) {
    return issue('missing-ground-truth-data', source, 'groundTruthData is missing');
  }
  const decoded = decodePayload(parsed.groundTruthData, 'groundTruthData');
  if (decoded.problem) {
    const reason = decoded.problem.reason as GroundTruthIssueReason;
    return issue(reason, source, decoded.problem.message);
  }
  const { rows, json } = decoded.payload;
  if (rows.length === 0)
    return issue('missing-ground-truth-data', source, 'groundTruthData.data holds no label');
  const inferenceTime = parsed.eventMetadata?.inferenceTime;
  const labels = rows.map((values, i): GroundTruthLabel => {
    const label: GroundTruthLabel = {
      id: rows.length === 1 ? eventId : `${eventId}#${i}`,
      eventId,
      values,
      source,
    };
    if (json) label.json = json[i];
    if (typeof inferenceTime === 'string') label.inferenceTime = inferenceTime;
    return label;
  });
  return { labels };
}

function issue(
  reason: GroundTruthIssueReason,
  source: CaptureSource,
  message: string,
): ParsedGroundTruthLine {
  return { issue: { reason, key: source.key, line: source.line, message } };
}
