import type { Worker } from 'node:worker_threads';
import { startWorker } from '../profiling/start-worker.ts';
import {
  type ProfileCaptureReply,
  type ProfileCaptureWorkerData,
  WorkerInvocationError,
} from './profile-capture-task.ts';

type Pending = { resolve: (summary: unknown) => void; reject: (error: Error) => void };
type Lane = { worker: Worker; inFlight: Map<number, Pending> };

/**
 * Worker threads that run the profile-capture handler, so that a local backfill profiles on every
 * core (profiling is CPU work; one thread would leave the others idle). Each invocation goes to the
 * worker with the fewest in flight; a worker that dies fails its invocations (the backfill retries
 * them) and is replaced.
 *
 * @example
 * ```ts
 * const pool = ProfileCapturePool.start(2, { configText, configSource, cwd, logLevel: 'ERROR' });
 * try { await pool.invoke(objectCreatedEvent); } finally { await pool.close(); }
 * ```
 */
export class ProfileCapturePool {
  private readonly lanes: Lane[] = [];
  private nextId = 0;
  private closed = false;

  private constructor(private readonly data: ProfileCaptureWorkerData) {}

  /** A pool of `threads` workers over the home described by `data`. */
  static start(threads: number, data: ProfileCaptureWorkerData): ProfileCapturePool {
    const pool = new ProfileCapturePool(data);
    for (let i = 0; i < Math.max(1, threads); i++) pool.lanes.push(pool.lane());
    return pool;
  }

  /** Runs profile-capture on `event` in a worker; resolves with its summary, rejects with its error. */
  invoke(event: unknown): Promise<unknown> {
    const lane = this.lanes.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      lane.inFlight.set(id, { resolve, reject });
      lane.worker.postMessage({ id, event });
    });
  }

  /** Ends every worker. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
  }

  private lane(): Lane {
    const worker = startWorker(import.meta.url, './profile-capture-worker', { workerData: this.data });
    const lane: Lane = { worker, inFlight: new Map() };
    worker.on('message', (reply: ProfileCaptureReply) => {
      const pending = lane.inFlight.get(reply.id);
      lane.inFlight.delete(reply.id);
      if (!pending) return;
      if ('error' in reply) pending.reject(new WorkerInvocationError(reply.error.name, reply.error.message));
      else pending.resolve(reply.summary);
    });
    worker.on('error', (error) => {
      for (const pending of lane.inFlight.values()) pending.reject(error);
      lane.inFlight.clear();
      if (this.closed) return;
      // Replace the dead worker so the backfill keeps its threads.
      const index = this.lanes.indexOf(lane);
      if (index >= 0) this.lanes[index] = this.lane();
    });
    return lane;
  }
}
