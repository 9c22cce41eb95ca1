/**
 * One value of a captured record. CSV fields keep their text (the profiler infers types, as
 * SageMaker's analyzer does), and so do JSON numbers (`50010.0` stays `'50010.0'`), so a value
 * types the same whichever the payload's format; JSON strings, booleans and null keep their
 * JSON type. Nested JSON objects and arrays inside a record become their compact JSON text.
 */
export type CaptureValue = string | number | boolean | null;

/** Where a record or an issue came from: object key and 1-based line number. */
export interface CaptureSource {
  key: string;
  line: number;
}

/** One line of a SageMaker data-capture file, decoded. */
export interface CaptureRecord {
  eventId: string;
  inferenceId?: string;
  /** ISO-8601 as captured (`YYYY-MM-DDTHH:MM:SSZ`). */
  inferenceTime?: string;
  /** One entry per record of the request (multi-record payloads split by line); each entry is that record's columns. */
  inputs: CaptureValue[][];
  /** Same length as inputs when the output was captured (output line i pairs with input line i); [] when not captured. */
  outputs: CaptureValue[][];
  /**
   * The parsed JSON of each output row when the output was JSON (the line of a JSON Lines response,
   * the element of a split `{"predictions":[…]}` / array response, else the whole document), so that
   * model quality can address a prediction by JSON path. Absent for CSV outputs.
   */
  outputJson?: unknown[];
  /**
   * Per-row join ids carried inside the payload: batch transform's `SageMakerInferenceId` (JSON) or
   * the id column that `GenerateInferenceId` appends (CSV). Absent for endpoint capture.
   */
  rowIds?: (string | undefined)[];
  /** Where it came from, for reports: object key and 1-based line number. */
  source: CaptureSource;
}

/** Why a capture line could not be used. */
export type CaptureIssueReason =
  | 'malformed-line'
  | 'not-utf8'
  | 'undecodable-payload'
  | 'unsupported-content-type'
  | 'record-count-mismatch'
  | 'missing-capture-data';

/** A capture line that was counted and skipped. The message never contains payload text. */
export interface CaptureIssue {
  reason: CaptureIssueReason;
  key: string;
  line: number;
  message: string;
}

/** The result of parsing one capture line: a record or the issue that kept it out. */
export type ParsedCaptureLine =
  | { record: CaptureRecord; issue?: undefined }
  | { record?: undefined; issue: CaptureIssue };
