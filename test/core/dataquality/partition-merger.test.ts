import { SkippedInputTally } from '@vigil/core';
import { mergePartitions, PartitionMerger, type PartitionResult } from '@vigil/core/dataquality';
import { ProfileBuilder, serializeProfile } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

// Three objects' partitions: a (two), b (one), c (three).
const partitions = [
  { key: 'a', start: 0, end: 10 },
  { key: 'a', start: 10, end: 20 },
  { key: 'b', start: 0, end: 5 },
  { key: 'c', start: 0, end: 8 },
  { key: 'c', start: 8, end: 16 },
  { key: 'c', start: 16, end: 24 },
];

/** A partition's result: 3,000 numbers (so sketches compact and merges depend on order) and one bad line. */
function resultOf(index: number): PartitionResult {
  const builder = new ProfileBuilder(['x', 'y']);
  for (let i = 0; i < 3000; i++) builder.addRow([String((i * 7919 + index * 104729) % 10007), `${i % 3}`]);
  const key = partitions[index]?.key as string;
  return {
    profile: builder.build(),
    records: 3000,
    issues: [{ reason: 'malformed-line', key, line: 2, message: 'not JSON' }],
    lines: 100 + index,
  };
}

describe('PartitionMerger', () => {
  it('merges results that come in any order into the profile of merging them in order', () => {
    const inOrder = mergePartitions(
      partitions,
      partitions.map((_, i) => resultOf(i)),
      new SkippedInputTally(),
    );
    const tally = new SkippedInputTally();
    const merger = new PartitionMerger(partitions, tally);
    for (const i of [3, 1, 0, 5, 2, 4]) merger.add(i, resultOf(i));
    expect(serializeProfile(merger.profile())).toBe(serializeProfile(inOrder));
  });

  it("numbers issues from each object's first line, whatever the arrival order", () => {
    const tally = new SkippedInputTally();
    const merger = new PartitionMerger(partitions, tally);
    for (const i of [5, 4, 3, 2, 1, 0]) merger.add(i, resultOf(i));
    // Line 2 of each partition, after the lines of the object's partitions before it:
    // a: 2, 100 + 2; b: 2; c: 2, 103 + 2 (the tally keeps 5 examples; c:209 is counted only).
    expect(tally.toSkipped()).toEqual([
      { reason: 'malformed-line', count: 6, examples: ['a:2', 'a:102', 'b:2', 'c:2', 'c:105'] },
    ]);
  });

  it('refuses a result twice and a profile before every partition is in', () => {
    const merger = new PartitionMerger(partitions, new SkippedInputTally());
    merger.add(1, resultOf(1));
    expect(() => merger.add(1, resultOf(1))).toThrow(RangeError);
    expect(() => merger.add(6, resultOf(0))).toThrow(RangeError);
    expect(() => merger.profile()).toThrow('6 of 6 partitions are not merged yet');
    merger.add(0, resultOf(0));
    expect(() => merger.profile()).toThrow('4 of 6 partitions are not merged yet');
  });
});
