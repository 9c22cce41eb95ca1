import type { JsonOut } from './jackson.ts';

/**
 * The value a `JsonOut` document stands for, as `JSON.parse` of its text would give it (bigints
 * as numbers, keys whose value is undefined left out), without writing and parsing the text. An
 * array of numbers is kept as it is, not copied: a statistics document's sketch levels hold
 * thousands of numbers, and readers that cache by array (`sharedSketchOf`) still find them.
 * Non-finite numbers stay numbers (the text would hold "NaN").
 *
 * @example
 * ```ts
 * plainJson({ item_count: 3n, data: [[1, 2]] }); // { item_count: 3, data: [[1, 2]] }
 * ```
 */
export function plainJson(value: JsonOut): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'number')) return value;
    const items = value.map((item: JsonOut) => plainJson(item));
    // An array whose items all came back as they were is returned itself, so that a sketch's
    // `data` keeps its identity (`sharedSketchOf` finds the sketch already ranked by it).
    return items.every((item, i) => item === value[i]) ? value : items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, JsonOut | undefined>))
    if (item !== undefined) out[key] = plainJson(item);
  return out;
}
