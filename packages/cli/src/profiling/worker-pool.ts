import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { OutputColumnsPosition } from '@vigil/core/capture';
import { type PartitionResult, profilePartition } from '@vigil/core/dataquality';
import { profileFromTransfer } from '@vigil/core/profile';
import {
  PartitionProfilingError,
  type PartitionReply,
  type PartitionTask,
  type StoredPartition,
} from './partition-task.ts';
import { startWorker } from './start-worker.ts';

/**
 * Heap limits of a profiling worker. A 32 MiB partition needs about 40 MB of heap; without limits
 * each worker's V8 grows its young generation freely and two threads peak above 330 MB of RSS.
 * With these, two threads stay under 300 MB at a few percent of speed. A worker that still runs
 * out is not an error: its partition is profiled again in the main thread (see `workerLane`).
 */
export const WORKER_HEAP_LIMITS: ResourceLimits = {
  maxYoungGenerationSizeMb: 16,
  maxOldGenerationSizeMb: 96,
};

/** A worker running `profile-worker` under the given heap limits. */
function startProfileWorker(resourceLimits: ResourceLimits): Worker {
  return startWorker(import.meta.url, './profile-worker', { resourceLimits });
}

/** True when a worker died because it reached its heap limit. */
function outOfMemory(error: Error): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/**
 * Profiles one partition (by its index) somewhere: in this thread or on a worker. A lane whose
 * worker died is `retired`: it finishes the partition it held and takes no more.
 */
type Lane = { profile: (index: number) => Promise<PartitionResult>; retired: boolean };

type LaneOptions = { outputColumns: OutputColumnsPosition; baselineNames: readonly string[] };

/** How the pool runs its workers. */
export interface PoolOptions {
  /** Heap limits of each worker (default `WORKER_HEAP_LIMITS`). */
  heapLimits?: ResourceLimits;
  /** Told when a worker ran out of heap and its partition went to the main thread. */
  onWorkerOutOfMemory?: (partition: StoredPartition) => void;
}

/**
 * A lane on a worker thread: the task goes as a message, the profile comes back as typed arrays. If
 * the worker runs out of heap, `fallback` profiles that partition in this thread instead and the
 * lane retires, so a run never fails for memory a worker was denied.
 */
function workerLane(
  worker: Worker,
  partitions: readonly StoredPartition[],
  options: LaneOptions,
  fallback: Lane,
  pool: PoolOptions,
): Lane {
  const lane: Lane = { retired: false, profile: (index) => onWorker(index) };
  const onWorker = (index: number) =>
    new Promise<PartitionResult>((resolve, reject) => {
      const partition = partitions[index] as StoredPartition;
      const onMessage = (reply: PartitionReply) => {
        worker.off('error', onError);
        if ('error' in reply) {
          reject(new PartitionProfilingError(partition, reply.error.name, reply.error.message));
          return;
        }
        const { profile, records, issues, lines } = reply;
        resolve({ profile: profileFromTransfer(profile), records, issues, lines });
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        if (outOfMemory(error)) {
          lane.retired = true;
          pool.onWorkerOutOfMemory?.(partition);
          fallback.profile(index).then(resolve, reject);
          return;
        }
        reject(new PartitionProfilingError(partition, error.name, error.message, { cause: error }));
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      const task: PartitionTask = {
        index,
        storeLocation: partition.store.location,
        key: partition.key,
        start: partition.start,
        end: partition.end,
        ...options,
      };
      worker.postMessage(task);
    });
  return lane;
}

/** The lane in this thread, which would otherwise only wait for the workers. */
function inProcessLane(partitions: readonly StoredPartition[], options: LaneOptions): Lane {
  const profile = async (index: number) => {
    const partition = partitions[index] as StoredPartition;
    try {
      return await profilePartition(partition.store, partition, options);
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      throw new PartitionProfilingError(partition, name, message, { cause: error });
    }
  };
  return { profile, retired: false };
}

/**
 * Profiles `partitions` on `threads` lanes, this thread and `threads - 1` worker threads, each
 * taking the next partition when done, and hands each result to `onResult` as it comes (in
 * whatever order the lanes finish). The first failure stops the run with a
 * `PartitionProfilingError`; the workers end either way. Workers run under `pool.heapLimits`
 * (default `WORKER_HEAP_LIMITS`).
 *
 * @example
 * ```ts
 * await runOnThreads(partitions, { outputColumns: 'START', baselineNames: [] }, 2, {}, (i, r) => merger.add(i, r));
 * ```
 */
export async function runOnThreads(
  partitions: readonly StoredPartition[],
  options: LaneOptions,
  threads: number,
  pool: PoolOptions,
  onResult: (index: number, result: PartitionResult) => void,
): Promise<void> {
  const heapLimits = pool.heapLimits ?? WORKER_HEAP_LIMITS;
  const workers = Array.from({ length: Math.max(0, threads - 1) }, () => startProfileWorker(heapLimits));
  const mainLane = inProcessLane(partitions, options);
  const lanes = [mainLane, ...workers.map((w) => workerLane(w, partitions, options, mainLane, pool))];
  let next = 0;
  let failed = false;
  try {
    await Promise.all(
      lanes.map(async (lane) => {
        while (!failed && !lane.retired && next < partitions.length) {
          const index = next++;
          try {
            const result = await lane.profile(index);
            onResult(index, result);
          } catch (error) {
            failed = true;
            throw error;
          }
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
