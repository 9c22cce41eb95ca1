/** How many distinct non-numeric texts a column keeps as examples. */
export const MAX_EXAMPLES = 5;
/** Longer texts are cut to this many characters, so that a profile stays small whatever the data. */
export const MAX_EXAMPLE_LENGTH = 40;

/**
 * Adds `text.slice(start, end)` (cut to `MAX_EXAMPLE_LENGTH`) to `examples` unless it is there or
 * the list is full: the first distinct non-numeric texts of a column, which say why a column of
 * numbers was inferred String. Makes a string only for a new example.
 *
 * @example
 * ```ts
 * const examples: string[] = [];
 * addExample(examples, '1,n/a,3', 2, 5); // examples: ['n/a']
 * ```
 */
export function addExample(examples: string[], text: string, start: number, end: number): void {
  if (examples.length >= MAX_EXAMPLES) return;
  const stop = Math.min(end, start + MAX_EXAMPLE_LENGTH);
  const n = stop - start;
  for (const seen of examples) if (seen.length === n && text.startsWith(seen, start)) return;
  examples.push(n === text.length ? text : text.slice(start, stop));
}

/**
 * The examples of two profiles merged: `a`'s, then `b`'s new ones, up to `MAX_EXAMPLES`. Inputs
 * are unchanged.
 *
 * @example
 * ```ts
 * mergeExamples(['n/a'], ['abc', 'n/a']); // ['n/a', 'abc']
 * ```
 */
export function mergeExamples(a: readonly string[], b: readonly string[]): string[] {
  const out = a.slice(0, MAX_EXAMPLES);
  for (const text of b) {
    if (out.length >= MAX_EXAMPLES) break;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}
