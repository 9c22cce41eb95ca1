/**
 * A zod issue path as a reader writes it: `features[3].completeness`.
 *
 * @example
 * ```ts
 * issuePath(['endpoints', 0, 'monitors', 'dataQuality']); // 'endpoints[0].monitors.dataQuality'
 * ```
 */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}
