import { CaptureLineTemplates } from './line-template.ts';
import { isNotUtf8Line, NOT_UTF8_MESSAGE } from './lines.ts';
import { captureRecordOf } from './parse-line.ts';
import { payloadFormat } from './payload-format.ts';
import type { ParsedCaptureLine } from './types.ts';

const CR = 13;

/**
 * A capture line in the shape endpoint capture has most of the time: one CSV record in, and one
 * CSV record or nothing out, without quotes. The input record is the text
 * `input.slice(inputStart, inputEnd)`, whose fields are the text between commas (`inputEnd` leaves
 * out a trailing `\r`); the output likewise. `input` is the payload's data or the line itself.
 */
export interface PlainCsvCapture {
  input: string;
  inputStart: number;
  inputEnd: number;
  /** Undefined when the response was not captured. */
  output: string | undefined;
  outputStart: number;
  outputEnd: number;
}

/**
 * An empty `PlainCsvCapture` for `parseCaptureLineOrPlainCsv` to fill.
 *
 * @example
 * ```ts
 * const plain = emptyPlainCsvCapture();
 * ```
 */
export function emptyPlainCsvCapture(): PlainCsvCapture {
  return { input: '', inputStart: 0, inputEnd: 0, output: undefined, outputStart: 0, outputEnd: 0 };
}

/** Shapes of the plain lines seen so far: most lines of a file match one and skip `JSON.parse`. */
const templates = new CaptureLineTemplates();
const templateMatch = { inputStart: 0, inputEnd: 0, outputStart: -1, outputEnd: 0 };

/**
 * Parses one capture line as `parseCaptureLine` does, except that a line of the plain CSV shape
 * (see `PlainCsvCapture`) is not split into a record: its payload texts are written to `into` and
 * the result is undefined. Splitting would make an array and a string per field, which is most of
 * the cost of profiling a large capture file; the caller reads the fields in place instead. Every
 * other line gives the same record or issue as `parseCaptureLine`, and a plain line's fields are
 * exactly that record's `inputs[0]` and `outputs[0]`. A line that is a known plain line's text but
 * for its data and event metadata (see `CaptureLineTemplates`) is read without `JSON.parse`.
 *
 * @example
 * ```ts
 * const plain = emptyPlainCsvCapture();
 * const parsed = parseCaptureLineOrPlainCsv(line, key, 1, plain);
 * if (parsed === undefined) plain.input.slice(plain.inputStart, plain.inputEnd).split(','); // the input fields
 * ```
 */
export function parseCaptureLineOrPlainCsv(
  line: string,
  key: string,
  lineNumber: number,
  into: PlainCsvCapture,
): ParsedCaptureLine | undefined {
  if (isNotUtf8Line(line)) {
    return { issue: { reason: 'not-utf8', key, line: lineNumber, message: NOT_UTF8_MESSAGE } };
  }
  if (templates.match(line, templateMatch)) {
    into.input = line;
    into.inputStart = templateMatch.inputStart;
    into.inputEnd = templateMatch.inputEnd;
    const hasOutput = templateMatch.outputStart !== -1;
    into.output = hasOutput ? line : undefined;
    into.outputStart = hasOutput ? templateMatch.outputStart : 0;
    into.outputEnd = hasOutput ? templateMatch.outputEnd : 0;
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return {
      issue: {
        reason: 'malformed-line',
        key,
        line: lineNumber,
        message: 'the line is not valid JSON: a capture file holds one JSON object per line',
      },
    };
  }
  if (isPlainCsv(json, into)) {
    templates.learn(line, json);
    return undefined;
  }
  return captureRecordOf(json, { key, line: lineNumber });
}

/** Whether `json` is a valid capture line of the plain CSV shape; if so its texts are in `into`. */
function isPlainCsv(json: unknown, into: PlainCsvCapture): boolean {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
  const { captureData, eventMetadata } = json as {
    captureData?: { endpointInput?: unknown; endpointOutput?: unknown } | null;
    eventMetadata?: { eventId?: unknown } | null;
  };
  const eventId = eventMetadata?.eventId;
  if (typeof eventId !== 'string' || eventId.length === 0) return false;
  if (captureData === null || typeof captureData !== 'object') return false;
  const input = plainCsvData(captureData.endpointInput, inputContent);
  if (input === undefined) return false;
  const { endpointOutput } = captureData;
  let output: string | undefined;
  if (endpointOutput !== undefined) {
    output = plainCsvData(endpointOutput, outputContent);
    if (output === undefined) return false;
  }
  into.input = input;
  into.inputStart = 0;
  into.inputEnd = recordEnd(input);
  into.output = output;
  into.outputStart = 0;
  into.outputEnd = output === undefined ? 0 : recordEnd(output);
  return true;
}

/**
 * The data of an `EventData` that `decodePayload` reads as CSV text (not base64) holding exactly
 * one record without quotes; undefined for anything else.
 */
function plainCsvData(eventData: unknown, content: CsvContentMemo): string | undefined {
  if (eventData === null || typeof eventData !== 'object') return undefined;
  const { data, encoding, observedContentType } = eventData as {
    data?: unknown;
    encoding?: unknown;
    observedContentType?: unknown;
  };
  if (typeof data !== 'string') return undefined;
  const upperEncoding =
    encoding === 'CSV' ? encoding : typeof encoding === 'string' ? encoding.toUpperCase() : '';
  if (upperEncoding !== 'CSV' && upperEncoding !== 'JSON' && upperEncoding !== '') return undefined;
  if (!content.isCsv(observedContentType, upperEncoding)) return undefined;
  if (recordEnd(data) === 0 || data.indexOf('\n') !== -1 || data.indexOf('"') !== -1) return undefined;
  return data;
}

/**
 * Remembers the last content type and encoding found to be CSV, so that a file repeating the same
 * ones (as capture files do) skips `payloadFormat`'s parsing. One per payload role: requests and
 * responses often carry different content types.
 */
class CsvContentMemo {
  private contentType: string | undefined;
  private encoding = '';

  /** `payloadFormat(contentType, upperEncoding) === 'csv'`. */
  isCsv(contentType: unknown, upperEncoding: string): boolean {
    if (
      this.contentType !== undefined &&
      contentType === this.contentType &&
      upperEncoding === this.encoding
    ) {
      return true;
    }
    if (payloadFormat(contentType, upperEncoding) !== 'csv') return false;
    if (typeof contentType === 'string') {
      this.contentType = contentType;
      this.encoding = upperEncoding;
    }
    return true;
  }
}

const inputContent = new CsvContentMemo();
const outputContent = new CsvContentMemo();

/** The length of a one-line CSV text without its trailing `\r`, as `csvRecords` reads it. */
function recordEnd(text: string): number {
  const n = text.length;
  return n > 0 && text.charCodeAt(n - 1) === CR ? n - 1 : n;
}
