// A worker thread that profiles capture partitions for `profileInParallel`: one task at a time,
// answered with the partition's profile as typed arrays and plain values (profiles are classes,
// which do not cross threads; their sketches' buffers are transferred, not copied) and its issues.
import * as nodeBuffer from 'node:buffer';
import { parentPort } from 'node:worker_threads';
import { profilePartition } from '@vigil/core/dataquality';
import { asciiDecoderFromNodeBuffer, provideAsciiDecoder } from '@vigil/core/decoding';
import type { ObjectStore } from '@vigil/core/ports';
import { profileToTransfer } from '@vigil/core/profile';
import { storeAt } from './open-store.ts';
import type { PartitionReply, PartitionTask } from './partition-task.ts';

provideAsciiDecoder(asciiDecoderFromNodeBuffer(nodeBuffer));
const stores = new Map<string, Promise<ObjectStore>>();

async function run(task: PartitionTask): Promise<{ reply: PartitionReply; buffers: ArrayBuffer[] }> {
  try {
    let store = stores.get(task.storeLocation);
    if (!store) {
      store = storeAt(task.storeLocation);
      stores.set(task.storeLocation, store);
    }
    const result = await profilePartition(await store, task, {
      outputColumns: task.outputColumns,
      baselineNames: task.baselineNames,
    });
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

parentPort?.on('message', (task: PartitionTask) => {
  void run(task).then(({ reply, buffers }) => parentPort?.postMessage(reply, buffers));
});
