/** The two phases of a backfill: profile the capture files, then run the monitors. */
export type BackfillPhase = 'profiles' | 'runs';

/** Counts of one phase: how many items there are and how they ended so far. */
export interface PhaseCounts {
  total: number;
  done: number;
  failed: number;
  /** Attempts that failed and were tried again (an item can retry more than once). */
  retried: number;
}

/** What a progress display shows: the phase, its counts, rate and time left. */
export interface BackfillProgressSnapshot extends PhaseCounts {
  phase: BackfillPhase;
  /** Items finished (done or failed) per second since the phase began; 0 before the first. */
  perSecond: number;
  /** Seconds left at that rate, or undefined before the first item finished. */
  etaSeconds?: number;
}

/**
 * Counts a backfill's items as they finish and estimates the time left from the rate so far.
 * Time comes in as milliseconds from the caller's clock, so the arithmetic is exact in tests.
 *
 * @example
 * ```ts
 * const progress = new BackfillProgress('profiles', 200, 0);
 * progress.finish('done');
 * progress.snapshot(2_000); // { phase: 'profiles', total: 200, done: 1, …, perSecond: 0.5, etaSeconds: 398 }
 * ```
 */
export class BackfillProgress {
  readonly counts: PhaseCounts;

  constructor(
    readonly phase: BackfillPhase,
    total: number,
    private readonly startedAtMs: number,
  ) {
    this.counts = { total, done: 0, failed: 0, retried: 0 };
  }

  /** One item ended: done, or failed after its last attempt. */
  finish(outcome: 'done' | 'failed'): void {
    this.counts[outcome] += 1;
  }

  /** One attempt failed and the item is tried again. */
  retry(): void {
    this.counts.retried += 1;
  }

  /** The counts, rate and estimate at `nowMs`. */
  snapshot(nowMs: number): BackfillProgressSnapshot {
    const finished = this.counts.done + this.counts.failed;
    const seconds = Math.max(0, nowMs - this.startedAtMs) / 1000;
    const perSecond = finished > 0 && seconds > 0 ? finished / seconds : 0;
    const left = this.counts.total - finished;
    return {
      phase: this.phase,
      ...this.counts,
      perSecond,
      ...(perSecond > 0 ? { etaSeconds: Math.ceil(left / perSecond) } : left === 0 ? { etaSeconds: 0 } : {}),
    };
  }
}
