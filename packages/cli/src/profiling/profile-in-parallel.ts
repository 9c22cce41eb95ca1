import type { SkippedInputTally } from '@vigil/core';
import type { OutputColumnsPosition } from '@vigil/core/capture';
import {
  type CaptureLocation,
  PARTITION_BYTES,
  PartitionMerger,
  planPartitions,
  profileCaptureObjects,
} from '@vigil/core/dataquality';
import type { Profile } from '@vigil/core/profile';
import { defaultThreads, endEarlyWorkers } from './early-workers.ts';
import type { StoredPartition } from './partition-task.ts';
import { type PoolOptions, runOnThreads } from './worker-pool.ts';

export { defaultThreads } from './early-workers.ts';

/** How `profileInParallel` profiles. */
export interface ParallelProfileOptions extends PoolOptions {
  outputColumns: OutputColumnsPosition;
  tally: SkippedInputTally;
  baselineNames?: readonly string[];
  /** Threads: this one and `threads - 1` workers (default: the cores, at most 8); 1 profiles in this thread only. */
  threads?: number;
  /** Partition size (default `PARTITION_BYTES`); an input no larger is profiled whole. */
  partitionBytes?: number;
}

/**
 * Profiles capture objects into one profile, using every core when the input is large: objects
 * are cut into partitions of at most `PARTITION_BYTES` (whole lines each, smaller towards the end:
 * see `planPartitions`), profiled on worker threads and merged in order, as the Lambdas merge
 * per-file profiles. The partitions do not depend on the
 * number of threads, so one thread and eight give the same profile. An input no larger than one
 * partition is streamed whole in this thread, exactly as before.
 *
 * @example
 * ```ts
 * const profile = await profileInParallel(await captureObjectsIn(locations), { outputColumns: 'START', tally });
 * ```
 */
export async function profileInParallel(
  objects: readonly CaptureLocation[],
  options: ParallelProfileOptions,
): Promise<Profile> {
  const sizes = objects.map((object) => object.size);
  const total = sizes.reduce<number>((sum, size) => sum + (size ?? Number.POSITIVE_INFINITY), 0);
  const partitionBytes = options.partitionBytes ?? PARTITION_BYTES;
  if (!Number.isFinite(total) || total <= partitionBytes) {
    // Workers started early for an input too small to share are not needed.
    void endEarlyWorkers();
    return profileCaptureObjects(objects, options);
  }
  const planned = planPartitions(
    objects.map((object) => ({ key: object.key, size: object.size as number })),
    partitionBytes,
  );
  // The plan lists each object's partitions in a row, the first one starting at byte 0.
  let objectIndex = -1;
  const partitions: StoredPartition[] = planned.map((partition) => {
    if (partition.start === 0) objectIndex++;
    return { ...partition, store: (objects[objectIndex] as CaptureLocation).store };
  });
  // A worker pays for its start-up (loading, then warming up the JIT) only with a few partitions
  // of work: one thread per two partitions' worth of input at most.
  const worthwhile = Math.max(1, Math.floor(total / (2 * partitionBytes)));
  const threads = Math.min(options.threads ?? defaultThreads(), partitions.length, worthwhile);
  const partitionOptions = {
    outputColumns: options.outputColumns,
    baselineNames: options.baselineNames ?? [],
  };
  // Results merge as they come, while the other lanes still profile.
  const merger = new PartitionMerger(partitions, options.tally);
  await runOnThreads(partitions, partitionOptions, threads, options, (index, result) =>
    merger.add(index, result),
  );
  return merger.profile();
}
