// A worker thread that runs the profile-capture handler for `vigil backfill`, on a local runtime
// of its own over the same home (stores do not cross threads): one reply per event, the handler's
// summary or the error's name and message.
import { parentPort, workerData } from 'node:worker_threads';
import { logger } from '@vigil/aws';
import { parseConfigText } from '@vigil/core';
import { handler as profileCapture } from '@vigil/functions/profile-capture';
import { provideRuntime } from '@vigil/functions/shared/runtime';
import { localRuntime } from '../adapters.ts';
import type {
  ProfileCaptureReply,
  ProfileCaptureTask,
  ProfileCaptureWorkerData,
} from './profile-capture-task.ts';

const data = workerData as ProfileCaptureWorkerData;
logger.setLogLevel(data.logLevel as Parameters<typeof logger.setLogLevel>[0]);
provideRuntime(
  localRuntime({
    config: parseConfigText(data.configText, data.configSource),
    cwd: data.cwd,
    home: data.home,
  }),
);

parentPort?.on('message', (task: ProfileCaptureTask) => {
  void (async (): Promise<ProfileCaptureReply> => {
    try {
      return { id: task.id, summary: await profileCapture(task.event) };
    } catch (error) {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      return { id: task.id, error: { name, message } };
    }
  })().then((reply) => parentPort?.postMessage(reply));
});
