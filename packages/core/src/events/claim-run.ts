import { PreconditionFailedError } from '../errors/precondition-failed-error.ts';
import { RunInProgressError } from '../errors/run-in-progress-error.ts';
import { ObjectNotFoundError } from '../errors/vigil-error.ts';
import type { VersionedObject } from '../ports/object-store.ts';
import {
  isSettledRun,
  parseRunRecord,
  type RunRecord,
  type RunRecordStore,
  runRecordKey,
} from './run-record.ts';

/**
 * How long a run's claim on its window holds before another attempt may take it over: a Lambda
 * runs at most 15 minutes, so an older `InProgress` record belongs to an attempt that died.
 */
export const RUN_CLAIM_LEASE_MS = 15 * 60 * 1000;

/** What claiming a window found. */
export interface RunClaim {
  /** The window was already settled and announced: the caller does nothing again. */
  settled?: RunRecord;
  /**
   * The record an earlier attempt left (Failed, or a stale claim, or — with `replaceSettled` — a
   * settled run a backfill re-runs), now replaced by ours.
   */
  prior?: RunRecord;
}

/**
 * Claims a monitoring window for one attempt with a conditional write of its `InProgress` run
 * record (create-only, or compare-and-swap over a Failed or stale record), so that concurrent
 * attempts (a duplicate schedule, a retry racing the original) cannot both publish: the loser sees
 * the window settled, or gets `RunInProgressError` while the winner's claim is fresh and retries later.
 * With `records.replaceSettled` (a backfill) a settled window is claimed again, by the same
 * compare-and-swap, and returned as `prior`.
 *
 * @example
 * ```ts
 * const { settled, prior } = await claimRun(records, inProgressRecord, clock.now());
 * if (settled) return; // a duplicate: nothing is published again
 * ```
 */
export async function claimRun(records: RunRecordStore, claim: RunRecord, now: Date): Promise<RunClaim> {
  const key = runRecordKey(claim, records.prefix, records.variant);
  const body = `${JSON.stringify(claim, null, 2)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await readVersioned(records, key);
    const prior = current ? parseRunRecord(current.body) : undefined;
    if (prior && isSettledRun(prior, claim) && !records.replaceSettled) return { settled: prior };
    if (prior?.status === 'InProgress' && isFresh(prior, now)) {
      throw new RunInProgressError(key, prior.claimedAt ?? 'an unknown time');
    }
    try {
      if (current === undefined) {
        if (!(await records.store.putIfAbsent(key, body, 'application/json'))) continue;
      } else {
        await records.store.putIfMatch(key, body, current.etag, 'application/json');
      }
      return { prior };
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  }
  throw new RunInProgressError(key, now.toISOString());
}

function isFresh(record: RunRecord, now: Date): boolean {
  // Records written before claims carried no time: they cannot be told from a live claim, so they
  // are treated as stale (the behaviour before claims existed).
  const claimedAt = record.claimedAt === undefined ? Number.NaN : Date.parse(record.claimedAt);
  return Number.isFinite(claimedAt) && now.getTime() - claimedAt < RUN_CLAIM_LEASE_MS;
}

async function readVersioned(records: RunRecordStore, key: string): Promise<VersionedObject | undefined> {
  try {
    return await records.store.getVersioned(key);
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw error;
  }
}
