/**
 * A PascalCase, alphanumeric resource name.
 *
 * @example
 * ```ts
 * resourceName('churn-prod'); // 'ChurnProd'
 * ```
 */
export function resourceName(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
