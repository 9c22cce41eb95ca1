/**
 * Runs `work` on every item with at most `concurrency` at once, each taking the next item when it
 * is done; resolves when all are done. `work` is expected to settle its own failures (a backfill
 * item retries and reports), so one item's error never stops the others; an error `work` does
 * throw is rethrown after the rest finished.
 *
 * @example
 * ```ts
 * await forEachBounded(keys, 4, async (key) => profile(key));
 * ```
 */
export async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        await work(items[index] as T, index);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  const lanes = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  if (errors.length > 0) throw errors[0];
}
