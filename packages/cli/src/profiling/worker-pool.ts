import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { OutputColumnsPosition } from '@vigil/core/capture';
import type { PartitionResult } from '@vigil/core/dataquality';
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

/**
 * Profiles `partitions` on `threads` worker threads, each taking the next partition when done;
 * results in the partitions' order. The first failure stops the run with a
 * `PartitionProfilingError`; the workers end either way.
 *
 * @example
 * ```ts
 * const results = await runOnWorkers(partitions, { outputColumns: 'START', baselineNames: [] }, 2);
 * ```
 */
export async function runOnWorkers(
  partitions: readonly StoredPartition[],
  options: { outputColumns: OutputColumnsPosition; baselineNames: readonly string[] },
  threads: number,
): Promise<PartitionResult[]> {
  const results: PartitionResult[] = new Array(partitions.length);
  const workers = Array.from({ length: threads }, startWorker);
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= partitions.length) return resolve();
              const index = next++;
              const partition = partitions[index] as StoredPartition;
              const task: PartitionTask = {
                index,
                storeLocation: partition.store.location,
                key: partition.key,
                start: partition.start,
                end: partition.end,
                outputColumns: options.outputColumns,
                baselineNames: options.baselineNames,
              };
              worker.postMessage(task);
            };
            worker.on('message', (reply: PartitionReply) => {
              const partition = partitions[reply.index] as StoredPartition;
              if ('error' in reply) {
                reject(new PartitionProfilingError(partition, reply.error.name, reply.error.message));
                return;
              }
              results[reply.index] = {
                profile: parseProfile(reply.profile),
                records: reply.records,
                issues: reply.issues,
                lines: reply.lines,
              };
              send();
            });
            worker.on('error', (error) =>
              reject(
                new PartitionProfilingError(
                  partitions[next - 1] as StoredPartition,
                  error.name,
                  error.message,
                  { cause: error },
                ),
              ),
            );
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
