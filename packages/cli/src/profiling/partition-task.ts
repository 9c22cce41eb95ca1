import type { ObjectStore } from '@vigil/core';
import { VigilError } from '@vigil/core';
import type { CaptureIssue, CapturePartition, OutputColumnsPosition } from '@vigil/core/capture';
import type { TransferredProfile } from '@vigil/core/profile';

/** What a profiling worker is asked to do: one partition of one object, named by its store's location. */
export interface PartitionTask {
  index: number;
  /** `ObjectStore.location`: a local folder (`/`) or `s3://bucket`. */
  storeLocation: string;
  key: string;
  start: number;
  end: number;
  outputColumns: OutputColumnsPosition;
  baselineNames: readonly string[];
}

/** A worker's answer: the partition's profile (see `profileToTransfer`), or why it failed. */
export type PartitionReply =
  | { index: number; profile: TransferredProfile; records: number; issues: CaptureIssue[]; lines: number }
  | { index: number; error: { name: string; message: string } };

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
