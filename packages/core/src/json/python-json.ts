import type { JsonOut } from './jackson.ts';
import { pythonFloat } from './java-double.ts';

/**
 * Serializes like Python's `json.dumps(value, indent=4)`, the way SageMaker Clarify writes
 * analysis.json: `number` as a Python float (`1.0`, `1e-05`, `Infinity`, `NaN` bare),
 * `bigint` as an integer, `": "` and `", "` separators, non-ASCII escaped.
 *
 * @example
 * ```ts
 * toPythonJson({ version: '1.0', value: Infinity }); // '{\n    "version": "1.0",\n    "value": Infinity\n}'
 * ```
 */
export function toPythonJson(value: JsonOut, indent = 4): string {
  return write(value, 0, indent);
}

function write(value: JsonOut, depth: number, indent: number): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return pythonString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return pythonFloat(value);
  const pad = ' '.repeat(indent * (depth + 1));
  const close = ' '.repeat(indent * depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => pad + write(item, depth + 1, indent)).join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(value as Record<string, JsonOut | undefined>).filter(
    ([, v]) => v !== undefined,
  );
  if (entries.length === 0) return '{}';
  const body = entries.map(([k, v]) => `${pad}${pythonString(k)}: ${write(v as JsonOut, depth + 1, indent)}`);
  return `{\n${body.join(',\n')}\n${close}}`;
}

// Python's json escapes every non-ASCII character by default (ensure_ascii=True).
function pythonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
