import { type CapturePartition, partitionChunks, readStart } from '../../capture/partition.ts';
import type { OutputColumnsPosition } from '../../capture/rows.ts';
import type { CaptureIssue } from '../../capture/types.ts';
import { SkippedInputTally } from '../../events/skipped-input-tally.ts';
import type { ObjectStore } from '../../ports/object-store.ts';
import type { Profile } from '../../profile/profile.ts';
import { ProfileBuilder } from '../../profile/profile-builder.ts';
import { profileCaptureChunks } from '../capture-profiler.ts';
import { PartitionMerger } from './partition-merger.ts';

/**
 * Size of a partition of a large capture input. Fixed, not derived from the number of threads,
 * so that a run's profile is the same on any machine: the partitions are profiled apart and
 * merged in order, as Spark and the hourly profiles of the Lambdas do.
 */
export const PARTITION_BYTES = 32 * 1024 * 1024;

/** What profiling one partition found; its issues' line numbers count from the partition's start. */
export interface PartitionResult {
  profile: Profile;
  records: number;
  issues: CaptureIssue[];
  /** Lines the partition holds, blank ones included. */
  lines: number;
}

/** How a partition is profiled: the options of `profileCaptureObjects`. */
export interface PartitionOptions {
  outputColumns: OutputColumnsPosition;
  baselineNames?: readonly string[];
}

/**
 * The partitions of capture objects of known sizes, object by object in the order given:
 * `partitionBytes` each while more than twice that remains of the whole input, then half of what
 * remains, down to a quarter of `partitionBytes` (a smaller rest joins the partition before it,
 * within `partitionBytes`). Threads take partitions in order, so the last
 * ones are small and the threads finish together; the plan depends only on the sizes, so one
 * thread and eight profile the same partitions.
 *
 * @example
 * ```ts
 * planPartitions([{ key: 'a.jsonl', size: 100 }], 32); // [0, 32) [32, 64) [64, 82) [82, 91) [91, 100)
 * ```
 */
export function planPartitions(
  objects: readonly { key: string; size: number }[],
  partitionBytes = PARTITION_BYTES,
): CapturePartition[] {
  if (!(partitionBytes > 0)) throw new RangeError(`partitionBytes must be positive, got ${partitionBytes}`);
  const smallest = Math.max(1, Math.floor(partitionBytes / 4));
  let remaining = objects.reduce((sum, object) => sum + object.size, 0);
  const partitions: CapturePartition[] = [];
  for (const { key, size } of objects) {
    let start = 0;
    do {
      let bytes = Math.min(partitionBytes, Math.max(smallest, Math.ceil(remaining / 2)));
      // A sliver smaller than the smallest partition goes with the one before it, when that fits.
      const rest = size - start - bytes;
      if (rest > 0 && rest < smallest && bytes + rest <= partitionBytes) bytes += rest;
      const end = Math.min(size, start + bytes);
      partitions.push({ key, start, end });
      remaining -= end - start;
      start = end;
    } while (start < size);
  }
  return partitions;
}

/**
 * Profiles the lines that start in one partition of a capture object, reading only from just
 * before its start to the end of its last line. Runs anywhere: in the caller or on a worker thread.
 *
 * @example
 * ```ts
 * const result = await profilePartition(store, partition, { outputColumns: 'START' });
 * ```
 */
export async function profilePartition(
  store: ObjectStore,
  partition: CapturePartition,
  options: PartitionOptions,
): Promise<PartitionResult> {
  const builder = new ProfileBuilder(options.baselineNames ?? []);
  const chunks = partitionChunks(store.stream(partition.key, readStart(partition)), partition);
  const counts = await profileCaptureChunks(chunks, partition.key, builder, {
    outputColumns: options.outputColumns,
    tally: new SkippedInputTally(),
  });
  return { profile: builder.build(), records: counts.records, issues: counts.issues, lines: counts.lines };
}

/**
 * Merges the results of `partitions` (same order, each object's partitions in a row from its
 * first) into one profile, and counts their issues in `tally` with line numbers counted from each
 * object's first line, as profiling the objects whole would number them.
 *
 * @example
 * ```ts
 * const profile = mergePartitions(partitions, results, tally);
 * ```
 */
export function mergePartitions(
  partitions: readonly CapturePartition[],
  results: readonly PartitionResult[],
  tally: SkippedInputTally,
): Profile {
  if (results.length === 0) throw new RangeError('mergePartitions needs at least one partition');
  const merger = new PartitionMerger(partitions, tally);
  results.forEach((result, i) => {
    merger.add(i, result);
  });
  return merger.profile();
}
