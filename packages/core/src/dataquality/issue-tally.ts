import type { SkippedInput } from '../events/monitoring-execution.ts';

const MAX_EXAMPLES = 5;

/**
 * Counts skipped input by reason, keeping a few examples (object keys and line numbers, never
 * payload data) for reports and the execution event.
 *
 * @example
 * ```ts
 * const tally = new IssueTally();
 * tally.add('malformed-line', 'capture/ep/…/x.jsonl:12');
 * tally.toSkipped(); // [{ reason: 'malformed-line', count: 1, examples: ['capture/ep/…/x.jsonl:12'] }]
 * ```
 */
export class IssueTally {
  private readonly byReason = new Map<string, { count: number; examples: string[] }>();

  /** Counts `count` skips for `reason`, with up to a few examples. */
  add(reason: string, example?: string, count = 1): void {
    let entry = this.byReason.get(reason);
    if (!entry) {
      entry = { count: 0, examples: [] };
      this.byReason.set(reason, entry);
    }
    entry.count += count;
    if (example !== undefined && entry.examples.length < MAX_EXAMPLES) entry.examples.push(example);
  }

  /** Adds skips reported elsewhere (for example in a stored profile). */
  addAll(skipped: readonly SkippedInput[]): void {
    for (const s of skipped) {
      this.add(s.reason, undefined, s.count);
      const entry = this.byReason.get(s.reason);
      for (const example of s.examples ?? []) {
        if (entry && entry.examples.length < MAX_EXAMPLES) entry.examples.push(example);
      }
    }
  }

  /** Total skips. */
  get total(): number {
    let n = 0;
    for (const e of this.byReason.values()) n += e.count;
    return n;
  }

  toSkipped(): SkippedInput[] {
    return [...this.byReason].map(([reason, e]) => ({ reason, count: e.count, examples: [...e.examples] }));
  }
}
