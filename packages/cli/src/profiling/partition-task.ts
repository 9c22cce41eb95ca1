import type { ObjectStore } from '@vigil/core';
import { VigilError } from '@vigil/core';
import type { CaptureIssue, CapturePartition, OutputColumnsPosition } from '@vigil/core/capture';
import type { TransferredProfile } from '@vigil/core/profile';

/** One partition as a worker reads it: of one object, named by its store's location. */
export interface PartitionTask {
  index: number;
  /** `ObjectStore.location`: a local folder (`/`) or `s3://bucket`. */
  storeLocation: string;
  key: string;
  start: number;
  end: number;
}

/**
 * What a profiling worker is given once: every partition, how to profile them, and the shared
 * counters through which every lane takes the next one (`Atomics.add` on `next[0]`) without
 * waiting for the main thread, and where this worker notes the partition it is on
 * (`current[slot]`, -1 when none).
 */
export interface PartitionJob {
  tasks: PartitionTask[];
  options: { outputColumns: OutputColumnsPosition; baselineNames: readonly string[] };
  next: Int32Array;
  current: Int32Array;
  slot: number;
}

/**
 * A worker's messages: a partition's profile (see `profileToTransfer`), why a partition failed,
 * or that no partition is left to take.
 */
export type PartitionReply =
  | { index: number; profile: TransferredProfile; records: number; issues: CaptureIssue[]; lines: number }
  | { index: number; error: { name: string; message: string } }
  | { done: true };

/** A partition and the store of its object. */
export type StoredPartition = CapturePartition & { store: ObjectStore };

/** A profiling worker failed on a partition; the message names it and the worker's error. */
export class PartitionProfilingError extends VigilError {
  constructor(partition: CapturePartition, name: string, message: string, options?: ErrorOptions) {
    super(
      `Profiling ${partition.key} (bytes ${partition.start}–${partition.end}) failed: ${name}: ${message}`,
      {
        ...options,
        code: 'PARTITION_PROFILING_FAILED',
      },
    );
  }
}
