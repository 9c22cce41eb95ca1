import type { ModelRecord } from '../ports/model-invoker.ts';
import type { PredictorConfig } from './analysis-config.ts';
import { ModelResponseError } from './errors.ts';
import { evaluatePath } from './json-path.ts';

/** How records go to the model and where the explained score is in its answer (Clarify's predictor). */
export interface ModelFormat {
  /** `text/csv` (default), `application/jsonlines` or `application/json`. */
  contentType: string;
  /** Defaults to the content type. */
  acceptType: string;
  /** JSON Lines: `{"features":$features}` by default; JSON: `{"instances":$records}` by default. */
  contentTemplate?: string;
  /** Where the score is: a CSV column index or a JMESPath; preferred over `label`. */
  probability?: string | number;
  label?: string | number;
  labelHeaders?: readonly (string | number)[];
}

/**
 * The model format of a Clarify predictor section; the content type falls back to the data set's.
 *
 * @example
 * ```ts
 * modelFormatFor({ content_type: 'application/jsonlines', probability: 'score' }, 'text/csv');
 * // { contentType: 'application/jsonlines', acceptType: 'application/jsonlines', probability: 'score', ... }
 * ```
 */
export function modelFormatFor(predictor: PredictorConfig, datasetType = 'text/csv'): ModelFormat {
  const contentType = mediaType(predictor.content_type ?? datasetType);
  const usable = ['text/csv', 'application/jsonlines', 'application/json'];
  return {
    contentType: usable.includes(contentType) ? contentType : 'text/csv',
    acceptType: mediaType(predictor.accept_type ?? contentType),
    contentTemplate: predictor.content_template,
    probability: predictor.probability,
    label: predictor.label,
    labelHeaders: predictor.label_headers,
  };
}

/** `text/csv; charset=utf-8` → `text/csv`; `application/x-jsonlines` → `application/jsonlines`. */
export function mediaType(contentType: string): string {
  const bare = contentType.split(';')[0]!.trim().toLowerCase();
  return bare === 'application/x-jsonlines' ? 'application/jsonlines' : bare;
}

/**
 * The request body for a batch of records.
 *
 * @example
 * ```ts
 * encodeRecords([[1, 2], [3, 'a,b']], { contentType: 'text/csv', acceptType: 'text/csv' });
 * // '1,2\n3,"a,b"'
 * ```
 */
export function encodeRecords(records: readonly ModelRecord[], format: ModelFormat): string {
  return joinRecordTexts(
    records.map((r) => encodeRecord(r, format)),
    format,
  );
}

/** One record as it appears in a request body (a CSV line, a JSON line, or a JSON array element). */
export function encodeRecord(record: ModelRecord, format: ModelFormat): string {
  switch (format.contentType) {
    case 'application/jsonlines':
      return (format.contentTemplate ?? '{"features":$features}').replace(
        '$features',
        JSON.stringify(record),
      );
    case 'application/json':
      return JSON.stringify(record);
    default:
      return record.map(csvField).join(',');
  }
}

/** The request body holding already encoded records. */
export function joinRecordTexts(texts: readonly string[], format: ModelFormat): string {
  if (format.contentType === 'application/json') {
    return (format.contentTemplate ?? '{"instances":$records}').replace('$records', `[${texts.join(',')}]`);
  }
  return texts.join('\n');
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Reads the explained outputs from a model's response: one vector per record, the scores at
 * `probability` (else `label`), or every value the record's answer holds when neither is set.
 * Throws ModelResponseError when the response does not have `expectedCount` numeric answers.
 *
 * @example
 * ```ts
 * decodeOutputs('{"predicted_label":1,"score":0.98}\n{"predicted_label":0,"score":0.1}',
 *   { contentType: 'application/jsonlines', acceptType: 'application/jsonlines', probability: 'score' }, 2);
 * // [[0.98], [0.1]]
 * ```
 */
export function decodeOutputs(body: string, format: ModelFormat, expectedCount: number): number[][] {
  const where = format.probability ?? format.label;
  let answers: unknown[];
  switch (format.acceptType) {
    case 'application/jsonlines':
      answers = lines(body).map((line, i) => pick(parseJson(line, `line ${i + 1}`), where));
      break;
    case 'application/json': {
      const json = parseJson(body, 'the response');
      const found = typeof where === 'string' ? evaluatePath(json, where) : json;
      const list = Array.isArray(found) ? found : evaluatePath(json, 'predictions');
      answers = Array.isArray(list) ? list : [];
      break;
    }
    default:
      answers = lines(body).map((line) => {
        const cells = splitCsv(line);
        if (typeof where === 'number') return parseCell(cells[where]);
        return cells.length === 1 ? parseCell(cells[0]) : cells.map(parseCell);
      });
  }
  if (answers.length !== expectedCount) {
    throw new ModelResponseError(
      `The model answered ${answers.length} records for ${expectedCount} sent: check predictor.accept_type and that the model scores one line per record`,
    );
  }
  const outputs = answers.map((answer, i) => numbers(answer, i));
  const width = outputs[0]?.length ?? 0;
  if (outputs.some((o) => o.length !== width || o.length === 0)) {
    throw new ModelResponseError(
      'The model answered a different number of scores per record: set predictor.probability to the score to explain',
    );
  }
  return outputs;
}

/**
 * Names of the explained outputs: `label_headers` when they match the output width, the last
 * header for a single score with several headers (the positive class of a binary model), else
 * `label0`, `label1`, … as Clarify names them.
 */
export function labelNames(width: number, labelHeaders?: readonly (string | number)[]): string[] {
  if (labelHeaders && labelHeaders.length === width) return labelHeaders.map(String);
  if (labelHeaders && labelHeaders.length > 1 && width === 1) return [String(labelHeaders.at(-1))];
  return Array.from({ length: width }, (_, i) => `label${i}`);
}

function lines(body: string): string[] {
  return body.split(/\r?\n/).filter((line) => line.trim().length > 0);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ModelResponseError(`The model's answer (${what}) is not JSON: check predictor.accept_type`, {
      cause: error,
    });
  }
}

function pick(answer: unknown, where: string | number | undefined): unknown {
  if (where === undefined) return answer;
  if (typeof where === 'number') return Array.isArray(answer) ? answer[where] : undefined;
  return evaluatePath(answer, where);
}

function parseCell(cell: string | undefined): unknown {
  if (cell === undefined) return undefined;
  const text = cell.trim();
  if (text.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function numbers(answer: unknown, index: number): number[] {
  const list = Array.isArray(answer) ? answer : [answer];
  return list.map((v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    if (!Number.isFinite(n)) {
      throw new ModelResponseError(
        `The model's answer for record ${index + 1} has no numeric score where expected: set predictor.probability (or label) to the score's column or JSON path`,
      );
    }
    return n;
  });
}

/** Splits one CSV line, honouring double-quoted fields. */
export function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
