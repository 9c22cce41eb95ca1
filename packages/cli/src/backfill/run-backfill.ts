import type {
  BackfillPhase,
  BackfillPlan,
  BackfillProgressSnapshot,
  PhaseCounts,
} from '@vigil/core/backfill';
import { BackfillProgress } from '@vigil/core/backfill';
import type { ObjectStore } from '@vigil/core/ports';
import { objectCreatedEvent } from '@vigil/local';
import { forEachBounded } from './bounded-pool.ts';

/** What the local executor runs a plan with. */
export interface BackfillPorts {
  /** The store of the endpoint's capture location (the plan's hour prefixes are keys in it). */
  captureStore: ObjectStore;
  /** The bucket the "Object Created" events name: the capture URI's bucket, else Vigil's bucket. */
  captureBucket: string;
  /** Invokes a function of the wiring table by name, as Lambda would: profile-capture, the monitors. */
  invoke(functionName: string, event: unknown): Promise<unknown>;
  /** Milliseconds of the caller's clock, for rates and estimates. */
  nowMs(): number;
  /** Waits between attempts of an item; default a real timer. */
  sleep?(ms: number): Promise<void>;
  /** Told after every item (and every retry), for a progress bar. */
  onProgress?(snapshot: BackfillProgressSnapshot): void;
}

/** How hard the executor works. */
export interface BackfillOptions {
  /** Capture files profiled at once (default 4): leaves the machine to live work. */
  concurrency?: number;
  /** Attempts per item before it is reported failed (default 3, as Lambda's async retries). */
  attempts?: number;
  /** Wait before the second attempt, doubled for each further one (default 200 ms). */
  retryDelayMs?: number;
}

/** An item that failed after its last attempt. */
export interface BackfillFailure {
  phase: BackfillPhase;
  /** The capture key, or the run's `<monitor>@<scheduled time>`. */
  id: string;
  attempts: number;
  reason: string;
}

/** What a backfill did. */
export interface BackfillReport {
  profiles: PhaseCounts;
  runs: PhaseCounts;
  failures: BackfillFailure[];
  /** Each run's final status (`Completed`, `CompletedWithViolations`, `Failed`), by run id. */
  runStatuses: Record<string, string>;
}

/** Returned by a monitor's handler (`ScheduledRunSummary`): the fields the executor reads. */
interface RunSummary {
  status?: string;
  failureReason?: string;
}

/**
 * Runs a backfill plan on this machine with the Lambda handlers themselves: lists the capture files
 * of each planned hour (`.jsonl`, as profile-capture takes), profiles them `concurrency` at a time
 * by invoking profile-capture with the "Object Created" event S3 would send, then invokes each
 * monitor run of the plan in order with `{ endpoint, scheduledTime, backfill: true }`. A thrown
 * invocation is retried (`attempts`, with a doubling wait) and then reported as failed while the
 * rest go on; a run that ends Failed (no data in the window, no baseline) is reported at once, as
 * trying again would give the same verdict. Every key written derives from a capture key or a
 * window, so running the same plan again rewrites the same objects with the same bytes.
 *
 * @example
 * ```ts
 * const report = await runBackfill(plan, { captureStore, captureBucket: 'vigil-local', invoke, nowMs: Date.now });
 * report.profiles; // { total: 240, done: 240, failed: 0, retried: 1 }
 * ```
 */
export async function runBackfill(
  plan: BackfillPlan,
  ports: BackfillPorts,
  options: BackfillOptions = {},
): Promise<BackfillReport> {
  const failures: BackfillFailure[] = [];
  const runStatuses: Record<string, string> = {};
  const withRetries = retrying(options, ports, failures);

  const keys = await captureKeys(plan, ports.captureStore);
  const profiles = new BackfillProgress('profiles', keys.length, ports.nowMs());
  ports.onProgress?.(profiles.snapshot(ports.nowMs()));
  await forEachBounded(keys, options.concurrency ?? 4, async ({ key, size }, index) => {
    const event = objectCreatedEvent({
      bucket: ports.captureBucket,
      key,
      size,
      etag: '',
      sequencer: index.toString(16).toUpperCase().padStart(16, '0'),
      time: new Date(ports.nowMs()),
    });
    const ok = await withRetries('profiles', key, profiles, async () => {
      await ports.invoke('profile-capture', event);
    });
    profiles.finish(ok ? 'done' : 'failed');
    ports.onProgress?.(profiles.snapshot(ports.nowMs()));
  });

  const runs = new BackfillProgress('runs', plan.runs.length, ports.nowMs());
  ports.onProgress?.(runs.snapshot(ports.nowMs()));
  // In the plan's order: each monitor's windows oldest first, as the live schedule ran them.
  for (const run of plan.runs) {
    const event = { endpoint: run.endpoint, scheduledTime: run.scheduledTime.toISOString(), backfill: true };
    let summary: RunSummary = {};
    // A run the monitor settled as Failed (a model server down, a baseline unreadable) is tried
    // again like a thrown error: a backfill replaces the settled window on the next attempt.
    const ok = await withRetries('runs', run.id, runs, async () => {
      summary = ((await ports.invoke(run.function, event)) ?? {}) as RunSummary;
      if (summary.status === 'Failed') throw new Error(summary.failureReason ?? 'The run failed');
    });
    if (ok || summary.status !== undefined) runStatuses[run.id] = summary.status ?? 'Completed';
    runs.finish(ok ? 'done' : 'failed');
    ports.onProgress?.(runs.snapshot(ports.nowMs()));
  }
  return { profiles: profiles.counts, runs: runs.counts, failures, runStatuses };
}

/**
 * The retry loop of the executor: `withRetries(phase, id, progress, attempt)` tries `attempt` up to
 * `options.attempts` times, waiting `options.retryDelayMs` (doubled each time) between attempts and
 * counting each retry in `progress`; true when an attempt succeeded, else the failure is recorded
 * in `failures`.
 */
function retrying(options: BackfillOptions, ports: BackfillPorts, failures: BackfillFailure[]) {
  const attempts = Math.max(1, options.attempts ?? 3);
  const retryDelayMs = options.retryDelayMs ?? 200;
  const sleep = ports.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async (
    phase: BackfillPhase,
    id: string,
    progress: BackfillProgress,
    attempt: () => Promise<void>,
  ): Promise<boolean> => {
    for (let n = 1; ; n++) {
      try {
        await attempt();
        return true;
      } catch (error) {
        if (n >= attempts) {
          failures.push({ phase, id, attempts: n, reason: (error as Error).message ?? String(error) });
          return false;
        }
        progress.retry();
        ports.onProgress?.(progress.snapshot(ports.nowMs()));
        await sleep(retryDelayMs * 2 ** (n - 1));
      }
    }
  };
}

/** The capture files of the plan's hours, in key order. */
async function captureKeys(plan: BackfillPlan, store: ObjectStore): Promise<{ key: string; size: number }[]> {
  const keys: { key: string; size: number }[] = [];
  for (const { prefix } of plan.captureHours) {
    for await (const info of store.list(prefix)) {
      if (info.key.endsWith('.jsonl')) keys.push({ key: info.key, size: info.size });
    }
  }
  return keys;
}
