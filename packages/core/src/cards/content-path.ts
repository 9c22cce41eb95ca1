/**
 * The value at a dotted path (`model_overview.model_owner`) of a model card's content, or
 * undefined where the path leaves the objects.
 *
 * @example
 * ```ts
 * cardContentAt({ model_overview: { model_owner: 'ml@example.com' } }, 'model_overview.model_owner');
 * // 'ml@example.com'
 * ```
 */
export function cardContentAt(content: Record<string, unknown>, path: string): unknown {
  let value: unknown = content;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
