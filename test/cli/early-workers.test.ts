import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureObjectsIn, IssueTally, PARTITION_BYTES } from '@vigil/core/dataquality';
import { serializeProfile } from '@vigil/core/profile';
import { LocalObjectStore } from '@vigil/local';
import { afterEach, describe, expect, it } from 'vitest';
import {
  earlyWorkerCount,
  earlyWorkersFor,
  endEarlyWorkers,
  MAX_EARLY_WORKERS,
  mayShareInput,
  SMALLEST_SHARED_INPUT,
  startProfileWorkersEarly,
  takeEarlyWorkers,
  WORKER_HEAP_LIMITS,
} from '../../packages/cli/src/profiling/early-workers.ts';
import { profileInParallel } from '../../packages/cli/src/profiling/profile-in-parallel.ts';

async function captureFile(lines: number) {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-early-'));
  const body = Array.from({ length: lines }, (_, i) =>
    JSON.stringify({
      captureData: {
        endpointInput: {
          observedContentType: 'text/csv',
          mode: 'INPUT',
          data: `${(i % 97) / 4},${i % 13},${i % 3 === 0 ? 'red' : 'blue'}`,
          encoding: 'CSV',
        },
      },
      eventMetadata: { eventId: `e${i}`, inferenceTime: '2024-05-01T13:05:00Z' },
      eventVersion: '0',
    }),
  );
  await writeFile(join(dir, 'capture.jsonl'), body.join('\n'));
  return captureObjectsIn([{ store: new LocalObjectStore(dir), key: '' }]);
}

const options = { outputColumns: 'NONE' as const, baselineNames: ['a', 'b', 'c'] };

afterEach(async () => {
  await endEarlyWorkers();
});

describe('earlyWorkersFor', () => {
  it('starts the workers --threads allows, less this thread, at most MAX_EARLY_WORKERS', () => {
    expect(earlyWorkersFor(['--threads', '3'], 2)).toBe(2);
    expect(earlyWorkersFor(['--baseline', 'b/', '--threads=2'], 8)).toBe(1);
    expect(earlyWorkersFor(['--threads', '1'], 8)).toBe(0);
    expect(earlyWorkersFor(['--threads', '64'], 2)).toBe(MAX_EARLY_WORKERS);
  });

  it('starts the default threads less one without --threads', () => {
    expect(earlyWorkersFor(['--baseline', 'b/'], 2)).toBe(1);
    expect(earlyWorkersFor([], 1)).toBe(0);
    expect(earlyWorkersFor([], 8)).toBe(MAX_EARLY_WORKERS);
  });

  it('starts none for a --threads value the command rejects', () => {
    for (const value of ['0', '65', '2.5', 'two', ''])
      expect(earlyWorkersFor(['--threads', value], 4)).toBe(0);
    expect(earlyWorkersFor(['--threads'], 4)).toBe(0);
  });
});

describe('early profiling workers', () => {
  it('are taken only under the same heap limits; the others end', async () => {
    startProfileWorkersEarly(2);
    expect(earlyWorkerCount()).toBe(2);
    const taken = takeEarlyWorkers(1, { ...WORKER_HEAP_LIMITS });
    expect(taken).toHaveLength(1);
    expect(earlyWorkerCount()).toBe(0);
    await Promise.all(taken.map((worker) => worker.terminate()));
    startProfileWorkersEarly(1);
    expect(takeEarlyWorkers(1, { maxOldGenerationSizeMb: 64 })).toEqual([]);
    expect(earlyWorkerCount()).toBe(0);
  });

  it('profile partitions as workers started with the run do, with the same profile', async () => {
    const objects = await captureFile(3000);
    const alone = await profileInParallel(objects, {
      ...options,
      tally: new IssueTally(),
      threads: 1,
      partitionBytes: 60_000,
    });
    startProfileWorkersEarly(1);
    const tally = new IssueTally();
    const shared = await profileInParallel(objects, {
      ...options,
      tally,
      threads: 2,
      partitionBytes: 60_000,
    });
    expect(earlyWorkerCount()).toBe(0);
    expect(serializeProfile(shared)).toBe(serializeProfile(alone));
  });

  it('end when the input is too small to share', async () => {
    const objects = await captureFile(20);
    startProfileWorkersEarly(1);
    const profile = await profileInParallel(objects, { ...options, tally: new IssueTally(), threads: 2 });
    expect(profile.itemCount).toBe(20);
    expect(earlyWorkerCount()).toBe(0);
  });
});

describe('mayShareInput', () => {
  it('is false only for local files smaller together than four partitions, too few for a second thread', async () => {
    expect(SMALLEST_SHARED_INPUT).toBe(4 * PARTITION_BYTES);
    const dir = await mkdtemp(join(tmpdir(), 'vigil-sizes-'));
    await writeFile(join(dir, 'small.jsonl'), 'x'.repeat(1000));
    // A sparse file: its size without writing 64 MiB.
    await writeFile(join(dir, 'half.jsonl'), '');
    await truncate(join(dir, 'half.jsonl'), SMALLEST_SHARED_INPUT / 2);
    expect(mayShareInput(['--capture', 'small.jsonl', '--baseline', 'b/'], dir)).toBe(false);
    expect(mayShareInput([`--capture=${join(dir, 'half.jsonl')}`], '/')).toBe(false);
    expect(mayShareInput(['--capture', 'half.jsonl', '--capture', 'half.jsonl'], dir)).toBe(true);
    expect(mayShareInput(['--capture', 'half.jsonl', '--capture', 'small.jsonl'], dir)).toBe(false);
    // A folder or a bucket is listed by the run, not measured here.
    expect(mayShareInput(['--capture', '.'], dir)).toBe(true);
    expect(mayShareInput(['--capture', 's3://bucket/capture/'], dir)).toBe(true);
    // A missing file is the run's to report; it adds nothing.
    expect(mayShareInput(['--capture', 'gone.jsonl', '--capture', 'small.jsonl'], dir)).toBe(false);
  });
});
