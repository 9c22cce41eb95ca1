/** A JSON number as written: `text` is its lexeme (`50010.0` stays `50010.0`). */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A JSON object with its keys in document order (a repeated key keeps its first place and last value). */
export class JsonObject {
  constructor(
    readonly keys: string[],
    readonly values: JsonNode[],
  ) {}

  /** The value of `key`, or undefined. */
  get(key: string): JsonNode | undefined {
    const i = this.keys.indexOf(key);
    return i === -1 ? undefined : this.values[i];
  }
}

/** A parsed JSON value that keeps what `JSON.parse` loses: number lexemes and key order. */
export type JsonNode = string | boolean | null | JsonNumber | JsonObject | JsonNode[];

/**
 * The value `JSON.parse` gives for the same text: numbers as doubles, objects as plain objects.
 *
 * @example
 * ```ts
 * plainJson(parseJsonText('{"a":[1.0,"x"]}')); // { a: [1, 'x'] }
 * ```
 */
export function plainJson(node: JsonNode): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (node instanceof JsonNumber) return Number(node.text);
  if (Array.isArray(node)) return node.map(plainJson);
  // fromEntries defines own properties, so a "__proto__" key stays data as in JSON.parse.
  return Object.fromEntries(node.keys.map((key, i) => [key, plainJson(node.values[i] as JsonNode)]));
}

/**
 * The node of a value already parsed by `JSON.parse` (numbers get their shortest text), so that
 * code built on nodes also takes plain values.
 *
 * @example
 * ```ts
 * jsonNodeOf({ a: 1 }); // JsonObject { keys: ['a'], values: [JsonNumber { text: '1' }] }
 * ```
 */
export function jsonNodeOf(value: unknown): JsonNode {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return new JsonNumber(String(value));
    case 'object':
      if (value === null) return null;
      if (value instanceof JsonNumber || value instanceof JsonObject) return value;
      if (Array.isArray(value)) return value.map(jsonNodeOf);
      return new JsonObject(
        Object.keys(value),
        Object.values(value).map((v) => jsonNodeOf(v)),
      );
    default:
      return null;
  }
}

/**
 * Compact JSON text of a node with its numbers as written and keys in document order.
 *
 * @example
 * ```ts
 * jsonTextOf(parseJsonText('{ "b": 1.50, "a": [2] }')); // '{"b":1.50,"a":[2]}'
 * ```
 */
export function jsonTextOf(node: JsonNode): string {
  if (node === null) return 'null';
  if (typeof node === 'string') return JSON.stringify(node);
  if (typeof node === 'boolean') return node ? 'true' : 'false';
  if (node instanceof JsonNumber) return node.text;
  if (Array.isArray(node)) return `[${node.map(jsonTextOf).join(',')}]`;
  const parts = node.keys.map((key, i) => `${JSON.stringify(key)}:${jsonTextOf(node.values[i] as JsonNode)}`);
  return `{${parts.join(',')}}`;
}
