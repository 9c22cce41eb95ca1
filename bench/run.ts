// `npm run bench`: Vigil's benchmarks, each reported as a ratio to a floor measured in the same run.
// Never a pass/fail on time: the numbers are printed (and written to bench/out/results.json).
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { formatCostModel, type MeasuredCosts } from './cost-model.ts';
import { formatDashboardLoad, runDashboardLoad } from './dashboard-load.ts';
import { printDriftBenchmark, runDriftBenchmark } from './drift-bench.ts';
import { duckDbProfileScript } from './duckdb-reference.ts';
import { BENCH_COLUMNS, generateCaptureFile } from './generate-capture.ts';
import { formatLambdaBundles, measureLambdaBundles } from './lambda-bundles.ts';
import { formatLoadTest, type LoadTestResult, runLoadTest } from './load-test.ts';
import { measure, type TaskResult } from './measure.ts';
import { formatMonitorCli, runMonitorCliBenchmark } from './monitor-cli.ts';

const out = fileURLToPath(new URL('./out/', import.meta.url));
const records = Number(process.env.VIGIL_BENCH_RECORDS ?? 1_000_000);
const repeats = Number(process.env.VIGIL_BENCH_REPEATS ?? 2);
const capture = `${out}capture-${records}.jsonl`;
// VIGIL_BENCH_ONLY=drift runs the drift workload alone; =lambda bundles and measures the Lambda handlers alone.
const only = process.env.VIGIL_BENCH_ONLY;
if (only === 'lambda') {
  console.log(formatLambdaBundles(await measureLambdaBundles(repeats)).join('\n'));
  process.exit(0);
}
// VIGIL_BENCH_ONLY=dashboard loads the dashboard over a generated home of 30 days × 24 runs × 4 monitors × 3 endpoints.
if (only === 'dashboard') {
  console.log(formatDashboardLoad(await runDashboardLoad(`${out}dashboard-home`, repeats)).join('\n'));
  process.exit(0);
}
// VIGIL_BENCH_ONLY=load runs the load test (VIGIL_BENCH_LOAD_FILES capture files, default 10,000) and the cost model.
const loadFiles = Number(process.env.VIGIL_BENCH_LOAD_FILES ?? 10_000);
if (only === 'load') {
  printLoadAndCost(await runLoadTest(loadFiles));
  process.exit(0);
}
// The scaling sizes of the whole-process CLI runs (VIGIL_BENCH_SCALING=100000,1000000 for a shorter run).
const scaling = (process.env.VIGIL_BENCH_SCALING ?? '100000,1000000,10000000').split(',').map(Number);
if (only === 'drift') {
  const drift = await runDriftBenchmark(out, repeats);
  printDriftBenchmark(drift);
  process.exit(0);
}
// VIGIL_BENCH_DUCKDB=1 installs DuckDB into bench/out/duckdb/ (once) and times it next to two threads.
const duckDb = await duckDbProfileScript(out, process.env.VIGIL_BENCH_DUCKDB === '1');
if (only === 'monitor') {
  await runDriftBenchmark(out, 1);
  const baselineFolder = `${out}drift-baseline-100000/`;
  console.log(
    formatMonitorCli(await runMonitorCliBenchmark(out, baselineFolder, scaling, repeats, 2, duckDb)).join(
      '\n',
    ),
  );
  process.exit(0);
}

console.log(`Generating ${records.toLocaleString('en')} capture records (${BENCH_COLUMNS} columns)…`);
const bytes = await generateCaptureFile(capture, records);
const mb = bytes / 1e6;

const floor = await measure('floor', [capture], repeats);
const profile = await measure('profile', [capture], repeats);
const mergeFloor = await measure('mergeFloor', [String(records)], repeats);
const merge = await measure('merge', [String(records)], repeats);
const shapInProcess = await measure('shapInProcess', [], 1);
const shapHttp = await measure('shapHttp', [], 1);

const rate = (r: TaskResult) => r.units / (r.ms / 1000);
const lines = [
  `Data-quality profile of a ${mb.toFixed(0)} MB CSV capture file (${records.toLocaleString('en')} records):`,
  `  floor (read + JSON.parse every line): ${fmt(rate(floor))} records/s, ${(mb / (floor.ms / 1000)).toFixed(1)} MB/s, peak ${floor.peakMb.toFixed(0)} MB`,
  `  profile (parse + profile, streamed):  ${fmt(rate(profile))} records/s, ${(mb / (profile.ms / 1000)).toFixed(1)} MB/s, peak ${profile.peakMb.toFixed(0)} MB`,
  `  ratio to floor: ${(profile.ms / floor.ms).toFixed(2)}×  (target ≤ 2.5×, peak memory < 300 MB)`,
  `Model-quality merge of ${records.toLocaleString('en')} predictions with labels (arquero join + binary metrics):`,
  `  floor (hash join of the ids by hand): ${fmt(rate(mergeFloor))} rows/s`,
  `  merge + metrics:                      ${fmt(rate(merge))} rows/s, peak ${merge.peakMb.toFixed(0)} MB, ratio ${(merge.ms / mergeFloor.ms).toFixed(1)}×`,
  'KernelSHAP (12 features, 5 background rows, 20 records):',
  `  in-process model: ${fmt(rate(shapInProcess))} SHAP values/s`,
  `  local HTTP model (container contract): ${fmt(rate(shapHttp))} SHAP values/s, ratio to in-process ${(shapHttp.ms / shapInProcess.ms).toFixed(1)}×`,
];
console.log(lines.join('\n'));
const drift = await runDriftBenchmark(out, repeats);
printDriftBenchmark(drift);
const monitorCli = await runMonitorCliBenchmark(
  out,
  `${out}drift-baseline-${drift.referenceRows}/`,
  scaling,
  repeats,
  2,
  duckDb,
);
console.log(formatMonitorCli(monitorCli).join('\n'));
const lambdaBundles = await measureLambdaBundles(repeats);
console.log(formatLambdaBundles(lambdaBundles).join('\n'));
const load = await runLoadTest(loadFiles);
printLoadAndCost(load);
await mkdir(out, { recursive: true });
await writeFile(
  `${out}results.json`,
  JSON.stringify(
    {
      records,
      bytes,
      floor,
      profile,
      mergeFloor,
      merge,
      shapInProcess,
      shapHttp,
      drift,
      monitorCli,
      lambdaBundles,
      load: { ...load, captureToProfileMs: undefined, captureToMetricMs: undefined },
    },
    null,
    2,
  ),
);

/** Prints the load test and the cost model built on its measured CPU figures. */
function printLoadAndCost(load: LoadTestResult): void {
  console.log(formatLoadTest(load).join('\n'));
  const measured: MeasuredCosts = {
    cpuMsPerProfile: load.cpuMsPerProfile,
    cpuMsPerMonitorRun: load.cpuMsPerMonitorRun,
    filesPerEndpointHourMeasured: load.files / load.endpoints,
    metricSeriesPerEndpoint: load.metricSeriesPerEndpoint,
    bytesPerFile: load.bytesPerFile,
  };
  console.log(formatCostModel(measured).join('\n'));
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en');
}
