import { decodeBase64Text } from './base64.ts';
import { csvRecords } from './csv-text.ts';
import { type JsonNode, plainJson } from './json-node.ts';
import { jsonDocumentRecords, jsonRecordValues } from './json-rows.ts';
import { JsonTextError, parseJsonText } from './json-text.ts';
import { type PayloadFormat, payloadFormat } from './payload-format.ts';
import type { CaptureIssueReason, CaptureValue } from './types.ts';

/** A captured request or response body, split into records. */
export interface DecodedPayload {
  format: PayloadFormat;
  rows: CaptureValue[][];
  /** The parsed JSON of each row, for JSON payloads (as `JSON.parse` gives it). */
  json?: unknown[];
  /** The same rows as parsed nodes, with number texts and key order kept (see `parseJsonText`). */
  nodes?: JsonNode[];
}

/** Why a payload could not be decoded; the message names the field (`field` of `decodePayload`), never the payload text. */
export interface PayloadProblem {
  reason: CaptureIssueReason;
  message: string;
}

export type DecodedPayloadResult =
  | { payload: DecodedPayload; problem?: undefined }
  | { payload?: undefined; problem: PayloadProblem };

/**
 * Decodes one of SageMaker's capture `EventData` objects (`endpointInput`, `endpointOutput`,
 * `batchTransformOutput`: `{observedContentType, mode, data, encoding}`) into records.
 *
 * Encodings: `CSV` and `JSON` carry the payload as text, `BASE64` as base64 of the bytes (then read
 * by content type). Formats: CSV (one record per line, RFC-4180 quoting), JSON Lines (one record per
 * line) and JSON (one document; see `jsonDocumentRecords` for how it splits into records; a JSON
 * payload that is not one document but one per line is read as JSON Lines). JSON rows are read as
 * a CSV record of the same values would be (`jsonRecordValues`: numbers as written, keys in
 * document order), so `50010.0` types the same whichever the content type.
 *
 * @example
 * ```ts
 * decodePayload({ observedContentType: 'text/csv', data: '1,2\n3,4', encoding: 'CSV' }, 'captureData.endpointInput');
 * // { payload: { format: 'csv', rows: [['1', '2'], ['3', '4']] } }
 * ```
 */
export function decodePayload(eventData: unknown, field: string): DecodedPayloadResult {
  if (eventData === null || typeof eventData !== 'object') {
    return problem('malformed-line', `${field} is not an object`);
  }
  const { data, encoding, observedContentType } = eventData as {
    data?: unknown;
    encoding?: unknown;
    observedContentType?: unknown;
  };
  if (typeof data !== 'string') return problem('malformed-line', `${field}.data is not a string`);
  const upperEncoding = typeof encoding === 'string' ? encoding.toUpperCase() : '';
  const format = payloadFormat(observedContentType, upperEncoding);
  if (format === undefined) {
    return problem(
      'unsupported-content-type',
      `${field} has content type ${metadataText(observedContentType)} with encoding ` +
        `${metadataText(encoding)}: Vigil reads text/csv, application/json and application/jsonlines ` +
        'payloads (send one of these content types, or capture them as CSV/JSON)',
    );
  }
  let text: string | undefined = data;
  if (upperEncoding === 'BASE64') {
    text = decodeBase64Text(data);
    if (text === undefined) {
      return problem('undecodable-payload', `${field}.data is not base64 of UTF-8 text`);
    }
  } else if (upperEncoding !== 'CSV' && upperEncoding !== 'JSON' && upperEncoding !== '') {
    return problem(
      'undecodable-payload',
      `${field}.encoding ${JSON.stringify(encoding)} is not CSV, JSON or BASE64`,
    );
  }
  if (format === 'csv') return { payload: { format, rows: csvRecords(text) } };
  return decodeJson(text, format, field);
}

/**
 * A content type or encoding as a message shows it: a string as written (it names a format), anything
 * else by its type only, since a client may have put any value there, payload data included.
 */
function metadataText(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return `of type ${Array.isArray(value) ? 'array' : typeof value}`;
}

/** Payloads are written by clients: Python's `json.dumps` writes `NaN` and `Infinity`, and Spark reads them. */
const PAYLOAD_JSON = { nonFiniteNumbers: true };

function decodeJson(text: string, format: PayloadFormat, field: string): DecodedPayloadResult {
  if (format === 'json') {
    try {
      const nodes = jsonDocumentRecords(parseJsonText(text, PAYLOAD_JSON)) as JsonNode[];
      return jsonPayload('json', nodes, () => jsonDocumentRecords(JSON.parse(text)));
    } catch (error) {
      if (!(error instanceof JsonTextError)) throw error;
      // Clients often send JSON Lines labelled application/json: try it line by line below.
      if (text.indexOf('\n') === -1) {
        return problem('undecodable-payload', `${field}.data is not valid JSON (${error.message})`);
      }
    }
  }
  const nodes: JsonNode[] = [];
  const records: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim().length === 0) continue;
    try {
      nodes.push(parseJsonText(line, PAYLOAD_JSON));
    } catch (error) {
      if (!(error instanceof JsonTextError)) throw error;
      return problem(
        'undecodable-payload',
        `line ${i + 1} of ${field}.data is not valid JSON (${error.message}; expected one JSON value per line)`,
      );
    }
    records.push(line);
  }
  return jsonPayload('jsonlines', nodes, () => records.map((record) => JSON.parse(record)));
}

/**
 * Rows read as CSV would read them (`jsonRecordValues`) beside the parsed JSON of each. The JSON
 * is parsed again natively (the same texts, which `parseJsonText` accepted) only when asked for:
 * most payloads are requests, whose JSON nothing reads, and this is the profiler's hot path.
 */
function jsonPayload(format: PayloadFormat, nodes: JsonNode[], parse: () => unknown[]): DecodedPayloadResult {
  let json: unknown[] | undefined;
  const payload: DecodedPayload = {
    format,
    rows: nodes.map(jsonRecordValues),
    nodes,
    get json() {
      json ??= parseNatively(nodes, parse);
      return json;
    },
  };
  return { payload };
}

/** `JSON.parse` refuses `NaN` and `Infinity`; the nodes (which hold them) give the same values then. */
function parseNatively(nodes: JsonNode[], parse: () => unknown[]): unknown[] {
  try {
    return parse();
  } catch (error) {
    if (error instanceof SyntaxError) return nodes.map(plainJson);
    throw error;
  }
}

function problem(reason: CaptureIssueReason, message: string): DecodedPayloadResult {
  return { problem: { reason, message } };
}
