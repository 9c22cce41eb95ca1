// `npm run bench` (first part), or `npm run bench:startup` alone: how long the installed `vigil`
// bin takes to print `--help`, as a ratio to `node -e 0` measured in the same run. Target ≤ 0.3 s.
// Never a pass/fail on time: the numbers are printed (and written to bench/out/startup.json).
import { execFile } from 'node:child_process';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const out = fileURLToPath(new URL('./out/', import.meta.url));
const bin = `${root}node_modules/.bin/vigil`;
const runs = Number(process.env.VIGIL_BENCH_STARTUP_RUNS ?? 15);

// The bin runs the compiled packages as a user's install would: no TypeScript loader and no
// `@vigil/source` condition (`npm run bench` sets it for the profiling tasks) in its environment.
const { NODE_OPTIONS: _nodeOptions, ...env } = process.env;

/** Wall-clock milliseconds of each of `runs` runs of `file args`, sorted. */
async function timeRuns(file: string, args: string[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run(file, args, { env, cwd: root });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;

try {
  await access(`${root}packages/cli/dist/bin/main.js`);
} catch {
  throw new Error(
    'The CLI is not built (packages/cli/dist/bin/main.js is missing): run `npm run build:js` first',
  );
}

const floor = await timeRuns(process.execPath, ['-e', '0']);
const help = await timeRuns(bin, ['--help']);
const result = {
  runs,
  floorMedianMs: median(floor),
  helpMedianMs: median(help),
  helpMinMs: help[0] ?? Number.NaN,
  helpMaxMs: help[help.length - 1] ?? Number.NaN,
  ratio: median(help) / median(floor),
};
console.log(
  [
    `vigil --help start-up (node_modules/.bin/vigil, median of ${runs} runs):`,
    `  node -e 0 (floor): ${result.floorMedianMs.toFixed(0)} ms`,
    `  vigil --help:      ${result.helpMedianMs.toFixed(0)} ms (min ${result.helpMinMs.toFixed(0)}, max ${result.helpMaxMs.toFixed(0)})`,
    `  ratio to floor: ${result.ratio.toFixed(2)}×  (target ≤ 300 ms)`,
  ].join('\n'),
);
await mkdir(out, { recursive: true });
await writeFile(`${out}startup.json`, `${JSON.stringify(result, null, 2)}\n`);
