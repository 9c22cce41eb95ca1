// `vigil monitor data-quality` as a user runs it, a whole process timed from spawn to exit, on
// the drift workload at several sizes, next to the floor as a whole process (node, read,
// JSON.parse every line, exit): on one thread and on worker threads.
import { execFile } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { WORKLOAD_COLUMNS } from './drift-workload.ts';
import { writeWorkloadCapture } from './generate-drift-workload.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = `${root}node_modules/.bin/vigil`;
// The bin runs compiled code as an installed one does: no loader or source condition inherited.
const { NODE_OPTIONS: _nodeOptions, ...env } = process.env;

/** One whole-process run: wall time, and peak memory where /usr/bin/time can tell it. */
export interface ProcessRun {
  ms: number;
  peakMb: number | undefined;
}

/** The runs at one capture size. */
export interface MonitorCliSize {
  records: number;
  bytes: number;
  floor: ProcessRun;
  oneThread: ProcessRun;
  threads: ProcessRun;
  threadCount: number;
  /** DuckDB's profile of the same file on as many threads, timed in turn with `threads` (see duckdb-reference.ts). */
  duckDb?: ProcessRun;
}

let timeBin: boolean | undefined;

/** The faster of two runs. */
function best(a: ProcessRun | undefined, b: ProcessRun): ProcessRun {
  return a === undefined || b.ms < a.ms ? b : a;
}

/** Runs `file args` to completion, best of `repeats` by wall time. */
async function timeProcess(file: string, args: string[], repeats: number): Promise<ProcessRun> {
  timeBin ??= await access('/usr/bin/time').then(
    () => true,
    () => false,
  );
  let fastest: ProcessRun | undefined;
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const { stderr } = timeBin
      ? await run('/usr/bin/time', ['-f', 'vigil-bench-peak-kb %M', file, ...args], {
          env,
          cwd: root,
          maxBuffer: 16 << 20,
        })
      : await run(file, args, { env, cwd: root, maxBuffer: 16 << 20 });
    const ms = performance.now() - started;
    const kb = /vigil-bench-peak-kb (\d+)/.exec(stderr)?.[1];
    fastest = best(fastest, { ms, peakMb: kb === undefined ? undefined : Number(kb) / 1024 });
  }
  return fastest as ProcessRun;
}

/**
 * Measures the floor and `vigil monitor data-quality` (one thread, then `threads`) on drift
 * captures of each size in `sizes`, against the 1M workload's baseline folder. With
 * `duckDbScript` (see `duckDbProfileScript`), DuckDB profiles each file too, on `threads`
 * threads, each run right after one of vigil's on as many threads, so both see the same minutes.
 */
export async function runMonitorCliBenchmark(
  out: string,
  baselineFolder: string,
  sizes: readonly number[],
  repeats: number,
  threads = 2,
  duckDbScript?: string,
): Promise<MonitorCliSize[]> {
  try {
    await access(`${root}packages/cli/dist/bin/main.js`);
  } catch {
    throw new Error(
      'The CLI is not built (packages/cli/dist/bin/main.js is missing): run `npm run build:js` first',
    );
  }
  const floorScript = `${out}floor-process.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL('./floor-process.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: floorScript,
    logLevel: 'warning',
  });
  const results: MonitorCliSize[] = [];
  for (const records of sizes) {
    const capture = `${out}drift-capture-${records}.jsonl`;
    console.log(`Generating ${records.toLocaleString('en')} drift capture records…`);
    const bytes = await writeWorkloadCapture(capture, records);
    const runs = records > 2_000_000 ? 1 : repeats;
    const report = await mkdtemp(join(tmpdir(), 'vigil-bench-monitor-'));
    const monitor = (threadCount: number, times = runs) =>
      timeProcess(
        bin,
        [
          'monitor',
          'data-quality',
          '--baseline',
          baselineFolder,
          '--capture',
          capture,
          '--output-columns',
          'NONE',
          '--out',
          `${report}/out-${threadCount}/`,
          '--home',
          `${report}/home-${threadCount}`,
          '--threads',
          String(threadCount),
        ],
        times,
      );
    try {
      const floor = await timeProcess(process.execPath, [floorScript, capture], runs);
      const oneThread = await monitor(1);
      let parallel: ProcessRun | undefined;
      let duckDb: ProcessRun | undefined;
      for (let i = 0; i < runs; i++) {
        parallel = best(parallel, await monitor(threads, 1));
        if (duckDbScript !== undefined) {
          const args = [duckDbScript, capture, String(WORKLOAD_COLUMNS.length), String(threads)];
          duckDb = best(duckDb, await timeProcess(process.execPath, args, 1));
        }
      }
      results.push({
        records,
        bytes,
        floor,
        oneThread,
        threads: parallel as ProcessRun,
        threadCount: threads,
        ...(duckDb ? { duckDb } : {}),
      });
    } finally {
      await rm(report, { recursive: true, force: true });
    }
  }
  return results;
}

/** The table `npm run bench` prints. */
export function formatMonitorCli(results: readonly MonitorCliSize[]): string[] {
  const seconds = (r: ProcessRun) => `${(r.ms / 1000).toFixed(2)} s`;
  const peak = (r: ProcessRun) => (r.peakMb === undefined ? 'n/a' : `${r.peakMb.toFixed(0)} MB`);
  const lines = [
    '`vigil monitor data-quality` as a whole process (drift workload, spawn to exit; floor: node + read + JSON.parse every line):',
    '  records      MB    floor     1 thread (ratio, peak)          worker threads (ratio, ×1 thread, peak)',
  ];
  for (const r of results) {
    lines.push(
      `  ${r.records.toLocaleString('en').padStart(10)} ${(r.bytes / 1e6).toFixed(0).padStart(5)}  ${seconds(r.floor).padStart(7)}  ` +
        `${seconds(r.oneThread)} (${(r.oneThread.ms / r.floor.ms).toFixed(2)}×, ${peak(r.oneThread)})   ` +
        `${r.threadCount}: ${seconds(r.threads)} (${(r.threads.ms / r.floor.ms).toFixed(2)}×, ` +
        `${(r.threads.ms / r.oneThread.ms).toFixed(2)}×, ${peak(r.threads)})` +
        (r.duckDb
          ? `   DuckDB ${r.threadCount}: ${seconds(r.duckDb)} (vigil ${(r.threads.ms / r.duckDb.ms).toFixed(2)}× DuckDB)`
          : ''),
    );
  }
  if (!results.some((r) => r.duckDb))
    lines.push(
      '  (DuckDB left out: VIGIL_BENCH_DUCKDB=1 installs it into bench/out/duckdb/ and times it alongside.)',
    );
  lines.push(
    '  Targets: 1M records ≤ 2.0× the floor as a whole process, peak < 300 MB; two threads no slower than DuckDB (2.27 s).',
  );
  return lines;
}
