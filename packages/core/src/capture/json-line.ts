import { isNotUtf8Line, NOT_UTF8_MESSAGE } from './lines.ts';

/** Why one line of a JSON Lines file (capture or ground truth) cannot be read at all. */
export interface JsonLineProblem {
  reason: 'not-utf8' | 'malformed-line';
  message: string;
}

/**
 * The JSON value of one line of a `kind` file ("capture", "ground-truth"), or the problem: bytes
 * that were not UTF-8, or text that is not JSON. Never throws.
 *
 * @example
 * ```ts
 * parseJsonLine('{"a":1}', 'capture'); // { value: { a: 1 } }
 * parseJsonLine('{', 'capture').problem?.reason; // 'malformed-line'
 * ```
 */
export function parseJsonLine(
  line: string,
  kind: string,
): { value: unknown; problem?: undefined } | { problem: JsonLineProblem } {
  if (isNotUtf8Line(line)) return { problem: { reason: 'not-utf8', message: NOT_UTF8_MESSAGE } };
  try {
    return { value: JSON.parse(line) };
  } catch {
    const message = `the line is not valid JSON: a ${kind} file holds one JSON object per line`;
    return { problem: { reason: 'malformed-line', message } };
  }
}

/**
 * The problem when a parsed line of a `kind` file is not one JSON object (an array, a number,
 * null), or undefined when it is.
 *
 * @example
 * ```ts
 * notJsonObjectProblem([1], 'capture')?.message; // 'the line is not a JSON object: a capture line is one JSON object'
 * ```
 */
export function notJsonObjectProblem(value: unknown, kind: string): JsonLineProblem | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return undefined;
  return {
    reason: 'malformed-line',
    message: `the line is not a JSON object: a ${kind} line is one JSON object`,
  };
}
