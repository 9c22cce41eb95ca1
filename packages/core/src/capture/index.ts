export { decodeBase64Text } from './base64.ts';
export type { BatchRows } from './batch-output.ts';
export { batchRows } from './batch-output.ts';
export { columnNames } from './column-names.ts';
export { csvRecords } from './csv-text.ts';
export type { JsonNode } from './json-node.ts';
export { JsonNumber, JsonObject, jsonNodeOf, jsonTextOf, plainJson } from './json-node.ts';
export { jsonColumnValue, jsonDocumentRecords, jsonRecordValues } from './json-rows.ts';
export { JsonTextError, MAX_JSON_DEPTH, parseJsonText } from './json-text.ts';
export { captureLines, decodeLinesText, isNotUtf8Line, lineBlocks } from './lines.ts';
export { captureRecordOf, parseCaptureLine } from './parse-line.ts';
export {
  forEachCaptureLine,
  parseCaptureBatches,
  parseCaptureStream,
  parseCaptureText,
} from './parse-stream.ts';
export type { CapturePartition } from './partition.ts';
export { capturePartitions, partitionChunks, readStart } from './partition.ts';
export type { DecodedPayload, DecodedPayloadResult, PayloadProblem } from './payload.ts';
export { decodePayload } from './payload.ts';
export type { PayloadFormat } from './payload-format.ts';
export { payloadFormat } from './payload-format.ts';
export type { PlainCsvCapture } from './plain-csv.ts';
export { emptyPlainCsvCapture, parseCaptureLineOrPlainCsv } from './plain-csv.ts';
export type { OutputColumnsPosition } from './rows.ts';
export { captureRows } from './rows.ts';
export type {
  CaptureIssue,
  CaptureIssueReason,
  CaptureRecord,
  CaptureSource,
  CaptureValue,
  ParsedCaptureLine,
} from './types.ts';
