import type { BackfillExecutionState } from '@vigil/aws';
import type { BackfillProgressSnapshot } from '@vigil/core/backfill';
import { MONITOR_MAP_LABEL, PROFILE_MAP_LABEL } from '../../../../infra/wiring.ts';

/** What following an execution needs: its state on demand, a clock, a wait and a progress sink. */
export interface FollowPorts {
  state(): Promise<BackfillExecutionState>;
  nowMs(): number;
  sleep(ms: number): Promise<void>;
  onProgress(snapshot: BackfillProgressSnapshot): void;
}

/**
 * The progress of a backfill execution from its Map Runs: in the profile phase, the files of the
 * hours started so far (the total extrapolated from them to all `hourCount` hours, since S3 is
 * listed hour by hour); then the monitor sequences, one per monitor type.
 *
 * @example
 * ```ts
 * executionProgress(state, 24, startedAtMs, Date.now()); // { phase: 'profiles', total: 2880, done: 240, … }
 * ```
 */
export function executionProgress(
  state: BackfillExecutionState,
  hourCount: number,
  startedAtMs: number,
  nowMs: number,
): BackfillProgressSnapshot {
  const runs = state.mapRuns.filter((r) => r.label === MONITOR_MAP_LABEL);
  const phase = runs.length > 0 ? 'runs' : 'profiles';
  const current = phase === 'runs' ? runs : state.mapRuns.filter((r) => r.label === PROFILE_MAP_LABEL);
  const sum = (field: 'total' | 'succeeded' | 'failed') => current.reduce((n, r) => n + r[field], 0);
  const seen = sum('total');
  const total =
    phase === 'profiles' && current.length > 0 && current.length < hourCount
      ? Math.round((seen / current.length) * hourCount)
      : seen;
  const done = sum('succeeded');
  const failed = sum('failed');
  const seconds = Math.max(0, nowMs - startedAtMs) / 1000;
  const perSecond = seconds > 0 ? (done + failed) / seconds : 0;
  const left = total - done - failed;
  return {
    phase,
    total,
    done,
    failed,
    retried: 0,
    perSecond,
    ...(perSecond > 0 ? { etaSeconds: Math.ceil(left / perSecond) } : {}),
  };
}

/**
 * Polls an execution every `intervalMs` until it ends, reporting progress; returns its last state.
 *
 * @example
 * ```ts
 * const final = await followExecution({ state: () => sfn.state(arn), nowMs: Date.now, sleep, onProgress }, 24);
 * ```
 */
export async function followExecution(
  ports: FollowPorts,
  hourCount: number,
  intervalMs = 5000,
): Promise<BackfillExecutionState> {
  const startedAt = ports.nowMs();
  for (;;) {
    const state = await ports.state();
    ports.onProgress(executionProgress(state, hourCount, startedAt, ports.nowMs()));
    if (state.status !== 'RUNNING' && state.status !== 'PENDING_REDRIVE') return state;
    await ports.sleep(intervalMs);
  }
}
