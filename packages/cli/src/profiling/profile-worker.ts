// A worker thread that profiles capture partitions for `profileInParallel`: it takes them one at a
// time from a counter shared with the other lanes (never waiting for the busy main thread to hand
// it the next), and answers each with the partition's profile as typed arrays and plain values
// (profiles are classes, which do not cross threads; their buffers are transferred, not copied)
// and its issues.
import * as nodeBuffer from 'node:buffer';
import { parentPort } from 'node:worker_threads';
import { profilePartition } from '@vigil/core/dataquality';
import { asciiDecoderFromNodeBuffer, provideAsciiDecoder } from '@vigil/core/decoding';
import type { ObjectStore } from '@vigil/core/ports';
import { profileToTransfer } from '@vigil/core/profile';
import { storeAt } from './open-store.ts';
import type { PartitionJob, PartitionReply, PartitionTask } from './partition-task.ts';

provideAsciiDecoder(asciiDecoderFromNodeBuffer(nodeBuffer));
const stores = new Map<string, Promise<ObjectStore>>();

async function run(
  task: PartitionTask,
  options: PartitionJob['options'],
): Promise<{ reply: PartitionReply; buffers: ArrayBuffer[] }> {
  try {
    let store = stores.get(task.storeLocation);
    if (!store) {
      store = storeAt(task.storeLocation);
      stores.set(task.storeLocation, store);
    }
    const result = await profilePartition(await store, task, options);
    const { data, buffers } = profileToTransfer(result.profile);
    return {
      reply: {
        index: task.index,
        profile: data,
        records: result.records,
        issues: result.issues,
        lines: result.lines,
      },
      buffers,
    };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { reply: { index: task.index, error: { name, message } }, buffers: [] };
  }
}

/** Takes partitions from the shared counter until none is left (or a failure stopped the job). */
async function work(job: PartitionJob): Promise<void> {
  for (;;) {
    const index = Atomics.add(job.next, 0, 1);
    const task = job.tasks[index];
    if (task === undefined) break;
    Atomics.store(job.current, job.slot, index);
    const { reply, buffers } = await run(task, job.options);
    parentPort?.postMessage(reply, buffers);
  }
  Atomics.store(job.current, job.slot, -1);
  parentPort?.postMessage({ done: true } satisfies PartitionReply);
}

parentPort?.once('message', (job: PartitionJob) => {
  void work(job);
});
