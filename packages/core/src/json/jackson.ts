import { javaDouble } from './java-double.ts';

/**
 * A JSON value as Vigil writes it: `number` is a Java/Python double (`1.0`), `bigint` is an
 * integer (`1`). The distinction matters because SageMaker writes counts as Longs and
 * everything else as Doubles.
 */
export type JsonOut =
  | string
  | number
  | bigint
  | boolean
  | null
  | readonly JsonOut[]
  | { readonly [key: string]: JsonOut | undefined };

/**
 * Serializes like Jackson's default pretty printer, the way SageMaker Model Monitor writes
 * statistics.json, constraints.json and constraint_violations.json: two-space indent,
 * `"key" : value`, arrays inline (`[ 1.0, 2.0 ]`, `[ {` … `}, {` … `} ]`), Java doubles, no
 * trailing newline. Non-finite doubles are written as strings (`"NaN"`), as Jackson does by
 * default. Keys whose value is `undefined` are left out.
 *
 * @example
 * ```ts
 * toJacksonJson({ version: 0, dataset: { item_count: 100n } });
 * // '{\n  "version" : 0.0,\n  "dataset" : {\n    "item_count" : 100\n  }\n}'
 * ```
 */
export function toJacksonJson(value: JsonOut): string {
  return write(value, 0);
}

function write(value: JsonOut, depth: number): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? javaDouble(value) : `"${javaDouble(value)}"`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    // A sketch level holds thousands of doubles: those are written straight, without the type tests.
    const items: string[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i] as JsonOut;
      items[i] = typeof item === 'number' && Number.isFinite(item) ? javaDouble(item) : write(item, depth);
    }
    return `[ ${items.join(', ')} ]`;
  }
  const entries = Object.entries(value as Record<string, JsonOut | undefined>).filter(
    ([, v]) => v !== undefined,
  );
  if (entries.length === 0) return '{ }';
  const pad = '  '.repeat(depth + 1);
  const body = entries.map(([k, v]) => `${pad}${JSON.stringify(k)} : ${write(v as JsonOut, depth + 1)}`);
  return `{\n${body.join(',\n')}\n${'  '.repeat(depth)}}`;
}
