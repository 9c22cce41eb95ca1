import type { CapturePartition } from '../../capture/partition.ts';
import type { SkippedInputTally } from '../../events/skipped-input-tally.ts';
import { mergeProfiles, type Profile } from '../../profile/profile.ts';
import type { PartitionResult } from './profile-partitions.ts';

/**
 * Merges partition results into one profile in the partitions' order, taking them in any order:
 * each result is merged as soon as all before it are, so a run merges while threads still
 * profile instead of after. Issues are counted in the tally with line numbers counted from each
 * object's first line, as profiling the objects whole would number them. The profile is the same
 * as merging the results in order at the end.
 *
 * @example
 * ```ts
 * const merger = new PartitionMerger(partitions, tally);
 * merger.add(1, second);
 * merger.add(0, first); // merges 0, then 1
 * const profile = merger.profile();
 * ```
 */
export class PartitionMerger {
  private readonly partitions: readonly CapturePartition[];
  private readonly tally: SkippedInputTally;
  /** Results that arrived before one of the partitions ahead of them. */
  private readonly waiting = new Map<number, PartitionResult>();
  private next = 0;
  private linesBefore = 0;
  private merged: Profile | undefined;

  constructor(partitions: readonly CapturePartition[], tally: SkippedInputTally) {
    this.partitions = partitions;
    this.tally = tally;
  }

  /** Takes partition `index`'s result, and merges every result now next in order. */
  add(index: number, result: PartitionResult): void {
    if (index < this.next || this.waiting.has(index) || !(index < this.partitions.length))
      throw new RangeError(
        `partition ${index} was merged already or is not one of the ${this.partitions.length}`,
      );
    this.waiting.set(index, result);
    for (let ready = this.waiting.get(this.next); ready; ready = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.mergeNext(ready);
    }
  }

  /** The merged profile; throws unless every partition's result was added. */
  profile(): Profile {
    if (this.merged === undefined || this.next < this.partitions.length)
      throw new RangeError(
        `${this.partitions.length - this.next} of ${this.partitions.length} partitions are not merged yet`,
      );
    return this.merged;
  }

  private mergeNext(result: PartitionResult): void {
    // An object's first partition starts its line numbers again.
    if ((this.partitions[this.next] as CapturePartition).start === 0) this.linesBefore = 0;
    for (const issue of result.issues)
      this.tally.add(issue.reason, `${issue.key}:${issue.line + this.linesBefore}`);
    this.linesBefore += result.lines;
    this.merged = this.merged === undefined ? result.profile : mergeProfiles(this.merged, result.profile);
    this.next++;
  }
}
