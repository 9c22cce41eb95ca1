import type { SkippedInput } from './monitoring-execution.ts';

/** How many examples a skipped-input reason keeps, in reports and in the execution event. */
export const MAX_SKIPPED_EXAMPLES = 5;

/**
 * Counts skipped input by reason, in the order reasons first occur, keeping up to
 * `MAX_SKIPPED_EXAMPLES` examples each (object keys and line numbers, join ids, never payload
 * data). The one tally of every monitor run (`runMonitor` hands each run one) and of profiling.
 * A count of zero or less adds nothing, so "0 skipped" never shows as a reason.
 *
 * @example
 * ```ts
 * const tally = new SkippedInputTally();
 * tally.add('malformed-line', 'capture/ep/…/x.jsonl:12');
 * tally.addAll([{ reason: 'duplicate-prediction', count: 2 }]);
 * tally.toSkipped();
 * // [{ reason: 'malformed-line', count: 1, examples: ['capture/ep/…/x.jsonl:12'] },
 * //  { reason: 'duplicate-prediction', count: 2 }]
 * ```
 */
export class SkippedInputTally {
  private readonly byReason = new Map<string, { count: number; examples?: string[] }>();

  /** Counts `count` skips for `reason`, keeping `example` while there is room. */
  add(reason: string, example?: string, count = 1): void {
    if (!(count > 0)) return;
    const entry = this.entry(reason, true);
    entry.count += count;
    if (example) keep(entry, [example]);
  }

  /**
   * Adds skips counted elsewhere (a stored profile, a join report). An entry given without
   * `examples` stays without them, as a count-only reason.
   */
  addAll(skipped: readonly SkippedInput[]): void {
    for (const s of skipped) {
      if (!(s.count > 0)) continue;
      const entry = this.entry(s.reason, s.examples !== undefined);
      entry.count += s.count;
      if (s.examples) keep(entry, s.examples);
    }
  }

  /** Total skips. */
  get total(): number {
    let n = 0;
    for (const e of this.byReason.values()) n += e.count;
    return n;
  }

  /** One entry per reason, in first-seen order; copies, so the tally may go on counting. */
  toSkipped(): SkippedInput[] {
    return [...this.byReason].map(([reason, e]) =>
      e.examples ? { reason, count: e.count, examples: [...e.examples] } : { reason, count: e.count },
    );
  }

  private entry(reason: string, withExamples: boolean): { count: number; examples?: string[] } {
    let entry = this.byReason.get(reason);
    if (!entry) {
      entry = withExamples ? { count: 0, examples: [] } : { count: 0 };
      this.byReason.set(reason, entry);
    }
    return entry;
  }
}

function keep(entry: { examples?: string[] }, examples: readonly string[]): void {
  entry.examples ??= [];
  for (const example of examples) {
    if (entry.examples.length >= MAX_SKIPPED_EXAMPLES) return;
    entry.examples.push(example);
  }
}
