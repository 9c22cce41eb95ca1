import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { OutputColumnsPosition } from '@vigil/core/capture';
import { type PartitionResult, profilePartition } from '@vigil/core/dataquality';
import { parseProfile } from '@vigil/core/profile';
import {
  PartitionProfilingError,
  type PartitionReply,
  type PartitionTask,
  type StoredPartition,
} from './partition-task.ts';

/**
 * A worker running `profile-worker`: the compiled file next to this one, or, when Vigil runs from
 * its TypeScript sources (tests, development), the source file through tsx's loader.
 */
function startWorker(): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(`./profile-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSources) return new Worker(entry);
  const code = `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(code, { eval: true, execArgv: ['--conditions=@vigil/source'] });
}

/** The file URL of tsx's ESM register API (its CommonJS twin cannot register from a worker). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  const api = exports['./esm/api']?.import.default;
  if (api === undefined)
    throw new Error('tsx has no ./esm/api export: run `npm ci` to install the pinned tsx');
  return new URL(api, pathToFileURL(manifest)).href;
}

/** Profiles one partition (by its index) somewhere: in this thread or on a worker. */
type Lane = (index: number) => Promise<PartitionResult>;

type LaneOptions = { outputColumns: OutputColumnsPosition; baselineNames: readonly string[] };

/** A lane on a worker thread: the task goes as a message, the profile comes back as JSON text. */
function workerLane(worker: Worker, partitions: readonly StoredPartition[], options: LaneOptions): Lane {
  return (index) =>
    new Promise((resolve, reject) => {
      const partition = partitions[index] as StoredPartition;
      const onMessage = (reply: PartitionReply) => {
        worker.off('error', onError);
        if ('error' in reply) {
          reject(new PartitionProfilingError(partition, reply.error.name, reply.error.message));
          return;
        }
        const { profile, records, issues, lines } = reply;
        resolve({ profile: parseProfile(profile), records, issues, lines });
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
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
}

/** The lane in this thread, which would otherwise only wait for the workers. */
function inProcessLane(partitions: readonly StoredPartition[], options: LaneOptions): Lane {
  return async (index) => {
    const partition = partitions[index] as StoredPartition;
    try {
      return await profilePartition(partition.store, partition, options);
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      throw new PartitionProfilingError(partition, name, message, { cause: error });
    }
  };
}

/**
 * Profiles `partitions` on `threads` lanes, this thread and `threads - 1` worker threads, each
 * taking the next partition when done; results in the partitions' order. The first failure stops
 * the run with a `PartitionProfilingError`; the workers end either way.
 *
 * @example
 * ```ts
 * const results = await runOnThreads(partitions, { outputColumns: 'START', baselineNames: [] }, 2);
 * ```
 */
export async function runOnThreads(
  partitions: readonly StoredPartition[],
  options: LaneOptions,
  threads: number,
): Promise<PartitionResult[]> {
  const results: PartitionResult[] = new Array(partitions.length);
  const workers = Array.from({ length: Math.max(0, threads - 1) }, startWorker);
  const lanes = [
    inProcessLane(partitions, options),
    ...workers.map((w) => workerLane(w, partitions, options)),
  ];
  let next = 0;
  let failed = false;
  try {
    await Promise.all(
      lanes.map(async (lane) => {
        while (!failed && next < partitions.length) {
          const index = next++;
          try {
            results[index] = await lane(index);
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
  return results;
}
