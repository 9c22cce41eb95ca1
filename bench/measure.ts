import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** What one benchmark task reports from its own process. */
export interface TaskResult {
  task: string;
  /** Units of work done (records, rows, SHAP values). */
  units: number;
  ms: number;
  /** Peak resident set size of the task's process, MB. */
  peakMb: number;
  extra?: Record<string, number | string>;
}

const run = promisify(execFile);
const taskScript = fileURLToPath(new URL('./task.ts', import.meta.url));

/**
 * Runs one task in a fresh Node process (so peak memory is the task's own) and returns its
 * result; the best of `repeats` runs by time is kept, to damp noise from a busy machine.
 */
export async function measure(task: string, args: string[], repeats = 1): Promise<TaskResult> {
  let best: TaskResult | undefined;
  for (let i = 0; i < repeats; i++) {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', taskScript, task, ...args], {
      maxBuffer: 16 << 20,
    });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as TaskResult;
    if (!best || result.ms < best.ms) best = result;
  }
  if (!best) throw new Error(`benchmark task ${task} produced no result`);
  return best;
}
