// Profiling workers started before a command has even loaded. A worker takes about 100 ms to start
// (a new isolate, then its modules); started first thing, it loads on another core while this
// thread loads the command, reads the baseline and lists the capture files, and is ready when
// profiling begins. Only node: builtins here: the command table imports this for every command.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { startWorker } from './start-worker.ts';

/**
 * Heap limits of a profiling worker. A 32 MiB partition needs about 40 MB of heap; without limits
 * each worker's V8 grows its young generation freely and two threads peak above 330 MB of RSS.
 * With these, two threads stay under 300 MB at a few percent of speed. A worker that still runs
 * out is not an error: its partition is profiled again in the main thread (see `runOnThreads`).
 */
export const WORKER_HEAP_LIMITS: ResourceLimits = {
  maxYoungGenerationSizeMb: 16,
  maxOldGenerationSizeMb: 96,
};

/**
 * The threads `profileInParallel` uses by default: the machine's cores, at most 8.
 *
 * @example
 * ```ts
 * defaultThreads(); // 2 on a two-core machine
 * ```
 */
export function defaultThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/** A worker running `profile-worker` under the given heap limits. */
export function startProfileWorker(resourceLimits: ResourceLimits): Worker {
  return startWorker(import.meta.url, './profile-worker', { resourceLimits });
}

/** An early worker and whether it failed (or exited) before any run took it. */
interface EarlyWorker {
  worker: Worker;
  limits: ResourceLimits;
  dead: boolean;
}

const early: EarlyWorker[] = [];

/**
 * Starts `count` profiling workers now, for the next `runOnThreads` to take (`takeEarlyWorkers`).
 * They do not keep the process alive, and a failure before they are taken only marks them unused.
 *
 * @example
 * ```ts
 * startProfileWorkersEarly(defaultThreads() - 1);
 * ```
 */
export function startProfileWorkersEarly(count: number, limits: ResourceLimits = WORKER_HEAP_LIMITS): void {
  for (let i = 0; i < count; i++) {
    const worker = startProfileWorker(limits);
    const entry: EarlyWorker = { worker, limits, dead: false };
    const markDead = () => {
      entry.dead = true;
    };
    worker.on('error', markDead);
    worker.on('exit', markDead);
    worker.unref();
    early.push(entry);
  }
}

/**
 * Up to `count` early workers started with `limits`, now the caller's (they keep the process
 * alive again). Workers that failed or run under other limits are ended.
 *
 * @example
 * ```ts
 * const workers = takeEarlyWorkers(1, WORKER_HEAP_LIMITS); // [] when none was started
 * ```
 */
export function takeEarlyWorkers(count: number, limits: ResourceLimits): Worker[] {
  const taken: Worker[] = [];
  for (const entry of early.splice(0)) {
    if (taken.length < count && !entry.dead && sameLimits(entry.limits, limits)) {
      entry.worker.removeAllListeners('error');
      entry.worker.removeAllListeners('exit');
      entry.worker.ref();
      taken.push(entry.worker);
    } else {
      void entry.worker.terminate();
    }
  }
  return taken;
}

/** Ends the early workers no run took (an input too small to share, or `--threads 1` after all). */
export async function endEarlyWorkers(): Promise<void> {
  await Promise.all(early.splice(0).map((entry) => entry.worker.terminate()));
}

/** Early workers started and not yet taken or ended. */
export function earlyWorkerCount(): number {
  return early.length;
}

function sameLimits(a: ResourceLimits, b: ResourceLimits): boolean {
  return (
    a.maxYoungGenerationSizeMb === b.maxYoungGenerationSizeMb &&
    a.maxOldGenerationSizeMb === b.maxOldGenerationSizeMb &&
    a.codeRangeSizeMb === b.codeRangeSizeMb &&
    a.stackSizeMb === b.stackSizeMb
  );
}

/**
 * Workers started before the input's size is known, at most: each one an input too small to share
 * turns out not to need costs a core about 100 ms and some 40 MB for a moment; more workers, when
 * the input is large, start with the run.
 */
export const MAX_EARLY_WORKERS = 3;

/**
 * How many workers to start early for `vigil monitor data-quality` with these arguments: the
 * workers `--threads` (either spelling) allows, else the default threads', less this thread, at
 * most `MAX_EARLY_WORKERS`; none for a value the command will reject.
 *
 * @example
 * ```ts
 * earlyWorkersFor(['--threads', '3'], 2); // 2
 * earlyWorkersFor(['--baseline', 'b/'], 2); // 1
 * ```
 */
export function earlyWorkersFor(args: readonly string[], threads = defaultThreads()): number {
  return Math.min(MAX_EARLY_WORKERS, workersAllowed(args, threads));
}

/**
 * The least input `profileInParallel` shares with a worker: it runs one thread per two
 * partitions' worth of input, so two threads from four partitions (4 × PARTITION_BYTES, kept here
 * as a number so that this module loads nothing but node's builtins).
 */
export const SMALLEST_SHARED_INPUT = 128 * 1024 * 1024;

/**
 * Whether the `--capture` inputs among `args` may be large enough to share with workers: false only
 * when every one is a local file and together they are smaller than `SMALLEST_SHARED_INPUT`
 * (a folder or an s3:// location is not measured here; the run lists it).
 *
 * @example
 * ```ts
 * mayShareInput(['--capture', 'small.jsonl'], '/work'); // false for a 1 MB file
 * ```
 */
export function mayShareInput(args: readonly string[], cwd: string): boolean {
  const paths = optionValues(args, 'capture').filter((path) => path !== undefined);
  if (paths.length === 0) return true;
  let total = 0;
  for (const path of paths) {
    if (/^s3:\/\//i.test(path)) return true;
    const stats = statSync(resolve(cwd, path), { throwIfNoEntry: false });
    if (stats === undefined) continue;
    if (!stats.isFile()) return true;
    total += stats.size;
  }
  return total >= SMALLEST_SHARED_INPUT;
}

function workersAllowed(args: readonly string[], threads: number): number {
  const values = optionValues(args, 'threads');
  if (values.length === 0) return threads - 1;
  // The last one counts, as for parseArgs; a --threads without a value is no valid count.
  const value = values[values.length - 1];
  const asked = value === undefined ? undefined : parseThreadCount(value);
  return asked === undefined ? 0 : asked - 1;
}

/**
 * The thread count `--threads` spells: a whole number from 1 to 64, else undefined.
 *
 * @example
 * ```ts
 * parseThreadCount('2'); // 2
 * parseThreadCount('0'); // undefined
 * ```
 */
export function parseThreadCount(value: string): number | undefined {
  const threads = Number(value);
  return Number.isInteger(threads) && threads >= 1 && threads <= 64 ? threads : undefined;
}

/**
 * The values given to `--name` among raw arguments, either spelling (`--name v`, `--name=v`), in
 * order; undefined for a `--name` with nothing after it. The command's own parser has not run yet.
 */
function optionValues(args: readonly string[], name: string): (string | undefined)[] {
  const values: (string | undefined)[] = [];
  args.forEach((arg, i) => {
    if (arg === `--${name}`) values.push(args[i + 1]);
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  });
  return values;
}
