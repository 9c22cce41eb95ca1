import type { BackfillProgressSnapshot } from '@vigil/core/backfill';

/**
 * One line of backfill progress: phase, bar, counts done/failed/total, retries, rate and ETA.
 *
 * @example
 * ```ts
 * progressLine({ phase: 'profiles', total: 240, done: 120, failed: 1, retried: 2, perSecond: 3.4, etaSeconds: 35 });
 * // 'profiles [############------------] 121/240 (120 done, 1 failed, 2 retried) 3.4/s ETA 0:35'
 * ```
 */
export function progressLine(snapshot: BackfillProgressSnapshot, width = 24): string {
  const finished = snapshot.done + snapshot.failed;
  const share = snapshot.total === 0 ? 1 : finished / snapshot.total;
  const filled = Math.round(share * width);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
  const eta = snapshot.etaSeconds === undefined ? 'ETA --' : `ETA ${duration(snapshot.etaSeconds)}`;
  return (
    `${snapshot.phase} [${bar}] ${finished}/${snapshot.total} ` +
    `(${snapshot.done} done, ${snapshot.failed} failed, ${snapshot.retried} retried) ` +
    `${snapshot.perSecond.toFixed(1)}/s ${eta}`
  );
}

/** `h:mm:ss`, or `m:ss` under an hour. */
function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** Where progress goes: a terminal line redrawn in place, or plain lines for logs and pipes. */
export interface ProgressSink {
  /** Redraws the status line in place (a TTY); absent when stderr is not a terminal. */
  redraw?: (text: string) => void;
  /** Prints a whole line. */
  line: (text: string) => void;
  nowMs: () => number;
  /** On a non-TTY, at most one line per this many milliseconds (default 10 s), plus each phase's end. */
  intervalMs?: number;
}

/**
 * Shows backfill progress: on a terminal, one bar redrawn in place; elsewhere (CI logs, pipes) a
 * plain line at most every `intervalMs`, and always one when a phase completes.
 *
 * @example
 * ```ts
 * const display = new ProgressDisplay({ redraw, line: io.stderr, nowMs: Date.now });
 * await runBackfill(plan, { ...ports, onProgress: (s) => display.update(s) });
 * ```
 */
export class ProgressDisplay {
  private lastPrinted = Number.NEGATIVE_INFINITY;
  private lastPhase: string | undefined;

  constructor(private readonly sink: ProgressSink) {}

  update(snapshot: BackfillProgressSnapshot): void {
    const text = progressLine(snapshot);
    const complete = snapshot.done + snapshot.failed === snapshot.total;
    if (this.sink.redraw) {
      this.sink.redraw(text);
      if (complete && this.lastPhase !== `${snapshot.phase}:complete`) {
        this.sink.line('');
        this.lastPhase = `${snapshot.phase}:complete`;
      }
      return;
    }
    const now = this.sink.nowMs();
    const due = now - this.lastPrinted >= (this.sink.intervalMs ?? 10_000);
    const phaseEnd = complete && this.lastPhase !== `${snapshot.phase}:complete`;
    if (due || phaseEnd) {
      this.sink.line(text);
      this.lastPrinted = now;
      if (phaseEnd) this.lastPhase = `${snapshot.phase}:complete`;
    }
  }
}
