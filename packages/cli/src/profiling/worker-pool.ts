import type { ResourceLimits, Worker } from 'node:worker_threads';
import { type PartitionResult, profilePartition } from '@vigil/core/dataquality';
import { profileFromTransfer } from '@vigil/core/profile';
import { startProfileWorker, takeEarlyWorkers, WORKER_HEAP_LIMITS } from './early-workers.ts';
import {
  type PartitionJob,
  PartitionProfilingError,
  type PartitionReply,
  type StoredPartition,
} from './partition-task.ts';

export { WORKER_HEAP_LIMITS } from './early-workers.ts';

/** True when a worker died because it reached its heap limit. */
function outOfMemory(error: Error): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

type LaneOptions = PartitionJob['options'];

/** How the pool runs its workers. */
export interface PoolOptions {
  /** Heap limits of each worker (default `WORKER_HEAP_LIMITS`). */
  heapLimits?: ResourceLimits;
  /**
   * Told when a worker ran out of heap: the partition it was on went to the main thread (undefined
   * when it held none, dying as it started), and the main thread takes the partitions left.
   */
  onWorkerOutOfMemory?: (partition: StoredPartition | undefined) => void;
}

/**
 * What the lanes share: the next partition to take (`next[0]`, taken with `Atomics.add`, so a
 * worker never waits for the main thread to hand it work) and, per worker, the partition it is
 * on (`current[slot]`, -1 when none). A failure sets `next[0]` past the end: no lane takes more.
 */
interface SharedQueue {
  partitions: readonly StoredPartition[];
  next: Int32Array;
  current: Int32Array;
}

/** The next partition for a lane in this thread, or undefined when none is left. */
function take(queue: SharedQueue): number | undefined {
  const index = Atomics.add(queue.next, 0, 1);
  return index < queue.partitions.length ? index : undefined;
}

/** Stops every lane taking partitions (after a failure). */
function halt(queue: SharedQueue): void {
  Atomics.store(queue.next, 0, queue.partitions.length);
}

/** Profiles partition `index` in this thread, a failure named after the partition. */
async function profileHere(
  queue: SharedQueue,
  index: number,
  options: LaneOptions,
): Promise<PartitionResult> {
  const partition = queue.partitions[index] as StoredPartition;
  try {
    return await profilePartition(partition.store, partition, options);
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    throw new PartitionProfilingError(partition, name, message, { cause: error });
  }
}

/** The lane in this thread, which would otherwise only wait for the workers: partitions until none is left. */
async function mainLane(
  queue: SharedQueue,
  options: LaneOptions,
  onResult: (index: number, result: PartitionResult) => void,
): Promise<void> {
  for (let index = take(queue); index !== undefined; index = take(queue)) {
    try {
      onResult(index, await profileHere(queue, index, options));
    } catch (error) {
      halt(queue);
      throw error;
    }
  }
}

/**
 * A lane on a worker thread: the worker gets every partition once and takes them from the shared
 * counter itself; each profile comes back as typed arrays. If the worker runs out of heap, the
 * partition it was on is profiled in this thread instead and the lane ends (the main lane takes
 * the rest), so a run never fails for memory a worker was denied.
 */
function workerLane(
  worker: Worker,
  slot: number,
  queue: SharedQueue,
  options: LaneOptions,
  pool: PoolOptions,
  onResult: (index: number, result: PartitionResult) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // The lane's outcome is settled: later events of the worker (terminated in the end) are moot.
    const detach = () => {
      worker.removeAllListeners('message');
      worker.removeAllListeners('error');
      worker.on('error', () => {});
    };
    const fail = (error: unknown) => {
      detach();
      halt(queue);
      reject(error);
    };
    // The partition this worker answered last: one it was on when it died is profiled again only
    // if it is not this one (a worker's messages all arrive before its exit is reported).
    let lastAnswered = -1;
    worker.on('message', (reply: PartitionReply) => {
      if ('done' in reply) {
        detach();
        resolve();
        return;
      }
      lastAnswered = reply.index;
      const partition = queue.partitions[reply.index] as StoredPartition;
      if ('error' in reply) {
        fail(new PartitionProfilingError(partition, reply.error.name, reply.error.message));
        return;
      }
      const { profile, records, issues, lines } = reply;
      try {
        onResult(reply.index, { profile: profileFromTransfer(profile), records, issues, lines });
      } catch (error) {
        fail(error);
      }
    });
    worker.once('error', (error: Error) => {
      detach();
      const index = Atomics.load(queue.current, slot);
      const partition = index === lastAnswered ? undefined : queue.partitions[index];
      if (!outOfMemory(error)) {
        fail(
          partition
            ? new PartitionProfilingError(partition, error.name, error.message, { cause: error })
            : error,
        );
        return;
      }
      // Out of heap: the main lane takes what is left; the partition in hand is profiled here.
      pool.onWorkerOutOfMemory?.(partition);
      if (partition === undefined) {
        resolve();
        return;
      }
      profileHere(queue, index, options).then(
        (result) => {
          onResult(index, result);
          resolve();
        },
        (failure) => fail(failure),
      );
    });
    const job: PartitionJob = {
      tasks: queue.partitions.map(({ store, key, start, end }, index) => ({
        index,
        storeLocation: store.location,
        key,
        start,
        end,
      })),
      options,
      next: queue.next,
      current: queue.current,
      slot,
    };
    worker.postMessage(job);
  });
}

/**
 * Profiles `partitions` on `threads` lanes, this thread and `threads - 1` worker threads, each
 * taking the next partition from a shared counter when done, and hands each result to `onResult`
 * as it comes (in whatever order the lanes finish). The first failure stops the run with a
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
  const workerCount = Math.max(0, threads - 1);
  const queue: SharedQueue = {
    partitions,
    next: new Int32Array(new SharedArrayBuffer(4)),
    current: new Int32Array(new SharedArrayBuffer(4 * Math.max(1, workerCount))).fill(-1),
  };
  // Workers started early (see `startProfileWorkersEarly`) first: they may have loaded already.
  const workers = takeEarlyWorkers(workerCount, heapLimits);
  while (workers.length < workerCount) workers.push(startProfileWorker(heapLimits));
  try {
    await Promise.all([
      mainLane(queue, options, onResult),
      ...workers.map((worker, slot) => workerLane(worker, slot, queue, options, pool, onResult)),
    ]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
