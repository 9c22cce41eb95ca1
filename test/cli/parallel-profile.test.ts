import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureObjectsIn, IssueTally, profileCaptureObjects } from '@vigil/core/dataquality';
import { serializeProfile } from '@vigil/core/profile';
import { LocalObjectStore } from '@vigil/local';
import { describe, expect, it } from 'vitest';
import { PartitionProfilingError } from '../../packages/cli/src/profiling/partition-task.ts';
import { profileInParallel } from '../../packages/cli/src/profiling/profile-in-parallel.ts';

const next = (() => {
  let seed = 41;
  return () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
})();

/** Capture lines with numbers, words, a few malformed and blank lines, and rows of other widths. */
function captureFile(lines: number): string {
  return Array.from({ length: lines }, (_, i) => {
    const r = next();
    if (r < 0.01) return '';
    if (r < 0.02) return '{"captureData":';
    const width = r < 0.04 ? 2 : 4;
    const data = Array.from({ length: width }, (_, c) =>
      c === 3 ? (['red', 'blue', 'NaN'][Math.floor(next() * 3)] as string) : (next() * 100 - 50).toFixed(4),
    ).join(',');
    return JSON.stringify({
      captureData: {
        endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data, encoding: 'CSV' },
        endpointOutput: {
          observedContentType: 'text/csv',
          mode: 'OUTPUT',
          data: next().toFixed(3),
          encoding: 'CSV',
        },
      },
      eventMetadata: { eventId: `e${i}`, inferenceTime: '2024-05-01T13:05:00Z' },
      eventVersion: '0',
    });
  }).join('\n');
}

async function captureFolder(files: number, lines: number) {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-parallel-'));
  for (let f = 0; f < files; f++) await writeFile(join(dir, `part-${f}.jsonl`), captureFile(lines));
  const store = new LocalObjectStore(dir);
  return captureObjectsIn([{ store, key: '' }]);
}

const options = { outputColumns: 'START' as const, baselineNames: ['label', 'a', 'b', 'c', 'd'] };

describe('profileInParallel', () => {
  it('gives the same profile and skipped lines on one thread and on two workers', async () => {
    const objects = await captureFolder(2, 1500);
    const runs = [];
    for (const threads of [1, 2]) {
      const tally = new IssueTally();
      const profile = await profileInParallel(objects, {
        ...options,
        tally,
        threads,
        partitionBytes: 40_000,
      });
      runs.push({ profile: serializeProfile(profile), skipped: tally.toSkipped() });
    }
    expect(runs[1]).toEqual(runs[0]);
  });

  it('counts what profiling the files whole counts, with the same line numbers', async () => {
    const objects = await captureFolder(2, 1500);
    const wholeTally = new IssueTally();
    const whole = await profileCaptureObjects(objects, { ...options, tally: wholeTally });
    const tally = new IssueTally();
    const parts = await profileInParallel(objects, { ...options, tally, threads: 2, partitionBytes: 30_000 });
    expect(tally.toSkipped()).toEqual(wholeTally.toSkipped());
    expect(tally.total).toBeGreaterThan(10);
    expect(parts.itemCount).toBe(whole.itemCount);
    expect([...parts.rowWidths]).toEqual([...whole.rowWidths]);
    parts.columns.forEach((column, i) => {
      const other = whole.columns[i];
      expect(column.typeCounts).toEqual(other?.typeCounts);
      expect(column.nonFinite).toBe(other?.nonFinite);
      expect(column.moments.count).toBe(other?.moments.count);
      expect(column.moments.min).toBe(other?.moments.min);
      expect(column.moments.max).toBe(other?.moments.max);
      expect(column.moments.sum).toBeCloseTo(other?.moments.sum ?? Number.NaN, 6);
      expect(column.moments.m2).toBeCloseTo(other?.moments.m2 ?? Number.NaN, 3);
      expect(column.frequencies).toEqual(other?.frequencies);
    });
  });

  it('profiles an input no larger than one partition whole, as before', async () => {
    const objects = await captureFolder(1, 200);
    const tally = new IssueTally();
    const parallel = await profileInParallel(objects, { ...options, tally, threads: 2 });
    const whole = await profileCaptureObjects(objects, { ...options, tally: new IssueTally() });
    expect(serializeProfile(parallel)).toBe(serializeProfile(whole));
  });

  it('stops with an error naming the partition when a worker cannot read it', async () => {
    const [object] = await captureFolder(1, 600);
    if (!object) throw new Error('no capture file');
    const gone = { ...object, key: 'missing.jsonl', size: 50_000 };
    const run = profileInParallel([object, gone], {
      ...options,
      tally: new IssueTally(),
      threads: 2,
      partitionBytes: 20_000,
    });
    await expect(run).rejects.toThrow(PartitionProfilingError);
    await expect(run).rejects.toThrow(/missing\.jsonl \(bytes 0–20000\) failed: ObjectNotFoundError/);
  });

  it('profiles in the main thread what a worker that ran out of heap held or had left', async () => {
    const objects = await captureFolder(2, 1500);
    const alone = await profileInParallel(objects, {
      ...options,
      tally: new IssueTally(),
      threads: 1,
      partitionBytes: 40_000,
    });
    const starved: string[] = [];
    const tally = new IssueTally();
    const profile = await profileInParallel(objects, {
      ...options,
      tally,
      threads: 2,
      partitionBytes: 40_000,
      heapLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 },
      // A worker under such limits may die as it starts, before it takes a partition.
      onWorkerOutOfMemory: (partition) =>
        starved.push(partition ? `${partition.key}@${partition.start}` : 'before any partition'),
    });
    expect(starved).toHaveLength(1);
    expect(serializeProfile(profile)).toBe(serializeProfile(alone));
    expect(tally.total).toBeGreaterThan(10);
  });
});

describe('profileInParallel, a worker out of heap in the middle of a partition', () => {
  /** Lines of `columns` numbers: each column's sketches take some 20 kB, so a wide file needs heap. */
  async function wideCapture(lines: number, columns: number) {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-wide-'));
    const body = Array.from({ length: lines }, (_, i) => {
      const data = Array.from({ length: columns }, (_, c) => ((i * 31 + c * 17) % 1000) / 8).join(',');
      return JSON.stringify({
        captureData: {
          endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data, encoding: 'CSV' },
        },
        eventMetadata: { eventId: `e${i}`, inferenceTime: '2024-05-01T13:05:00Z' },
        eventVersion: '0',
      });
    });
    await writeFile(join(dir, 'wide.jsonl'), body.join('\n'));
    return captureObjectsIn([{ store: new LocalObjectStore(dir), key: '' }]);
  }

  /**
   * The same objects, whose first read in this thread waits 3 s: a worker opens the store again by
   * its location (at full speed), so it surely takes a partition while the main lane waits.
   */
  function slowStartInThisThread(objects: Awaited<ReturnType<typeof wideCapture>>) {
    let first = true;
    return objects.map((object) => {
      const store = object.store;
      const slow = Object.create(store) as typeof store;
      slow.stream = async function* (key: string, start?: number) {
        if (first) {
          first = false;
          await new Promise((resolve) => setTimeout(resolve, 3000));
        }
        yield* store.stream(key, start);
      };
      return { ...object, store: slow };
    });
  }

  it('profiles the partition the worker held in the main thread, with the same profile', async () => {
    const objects = await wideCapture(60, 6000);
    const wide = { outputColumns: 'NONE' as const, baselineNames: [] };
    const alone = await profileInParallel(objects, {
      ...wide,
      tally: new IssueTally(),
      threads: 1,
      partitionBytes: 550_000,
    });
    const starved: string[] = [];
    const profile = await profileInParallel(slowStartInThisThread(objects), {
      ...wide,
      tally: new IssueTally(),
      threads: 2,
      partitionBytes: 550_000,
      // Room to start, not for 6,000 columns' frequency tables.
      heapLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 2 },
      onWorkerOutOfMemory: (partition) =>
        starved.push(partition ? `${partition.start}` : 'before any partition'),
    });
    expect(starved).toHaveLength(1);
    expect(starved[0]).not.toBe('before any partition');
    expect(serializeProfile(profile)).toBe(serializeProfile(alone));
  }, 60_000);
});
