// The standard drift workload of issue 10 in `npm run bench`: generate it (seeded, `%.6g` floats),
// baseline the reference, profile the current window as capture next to the floor, and print
// Vigil's verdicts per feature for every numerical drift method.
import { mkdir } from 'node:fs/promises';
import { DRIFT_METHODS } from '@vigil/core/dataquality';
import { WORKLOAD_COLUMNS, WORKLOAD_DRIFTED } from './drift-workload.ts';
import { writeWorkloadCapture, writeWorkloadReference } from './generate-drift-workload.ts';
import { measure, type TaskResult } from './measure.ts';

/** What the drift benchmark measured. */
export interface DriftBenchmark {
  referenceRows: number;
  currentRows: number;
  bytes: number;
  baseline: TaskResult;
  floor: TaskResult;
  profile: TaskResult;
}

/**
 * Generates the workload under `out` (reused when already there), then measures the baseline,
 * the floor and the profile (best of `repeats`) in their own processes.
 */
export async function runDriftBenchmark(out: string, repeats: number): Promise<DriftBenchmark> {
  const currentRows = Number(process.env.VIGIL_BENCH_DRIFT_ROWS ?? 1_000_000);
  const referenceRows = Math.round(currentRows / 10);
  const reference = `${out}drift-reference-${referenceRows}.csv`;
  const capture = `${out}drift-capture-${currentRows}.jsonl`;
  const baselineFolder = `${out}drift-baseline-${referenceRows}/`;
  console.log(
    `Generating the drift workload: ${referenceRows.toLocaleString('en')} reference rows, ` +
      `${currentRows.toLocaleString('en')} capture records (20 columns, %.6g)…`,
  );
  await writeWorkloadReference(reference, referenceRows);
  const bytes = await writeWorkloadCapture(capture, currentRows);
  await mkdir(baselineFolder, { recursive: true });
  const baseline = await measure('baselineDrift', [reference, baselineFolder], 1);
  const floor = await measure('floor', [capture], repeats);
  const profile = await measure('profileDrift', [capture, baselineFolder], repeats);
  return { referenceRows, currentRows, bytes, baseline, floor, profile };
}

/** Prints the timings next to the floor and the verdict table. */
export function printDriftBenchmark(result: DriftBenchmark): void {
  const { profile, floor } = result;
  const extra = profile.extra ?? {};
  const profileMs = Number(extra.profileMs ?? profile.ms);
  const mb = result.bytes / 1e6;
  const types = String(extra.types ?? '').split(',');
  const numeric = types.filter((t) => t === 'Fractional' || t === 'Integral').length;
  const lines = [
    `Drift workload (${result.currentRows.toLocaleString('en')} capture records, ${mb.toFixed(0)} MB; reference ${result.referenceRows.toLocaleString('en')} rows):`,
    `  baseline of the reference CSV: ${(result.baseline.ms / 1000).toFixed(1)} s, peak ${result.baseline.peakMb.toFixed(0)} MB`,
    `  floor (read + JSON.parse every line): ${(floor.ms / 1000).toFixed(1)} s, peak ${floor.peakMb.toFixed(0)} MB`,
    `  profile (parse + profile, streamed):  ${(profileMs / 1000).toFixed(1)} s, peak ${profile.peakMb.toFixed(0)} MB`,
    `  ratio to floor: ${(profileMs / floor.ms).toFixed(2)}×  (target ≤ 2.5×, peak memory < 300 MB)`,
    `  columns profiled as numbers: ${numeric} of ${types.length}; drift verdicts of all methods: ${Number(extra.driftMs ?? 0).toFixed(0)} ms`,
    '  Verdicts per method (value, * = drift; expected drift: f0 +0.2σ, f1 +0.5σ, f2 ×1.5 spread, f4 exp(x/2)):',
  ];
  const methods = DRIFT_METHODS.filter((m) => m.types.includes('numerical'));
  lines.push(`    ${'feature'.padEnd(8)}${methods.map((m) => m.name.padStart(15)).join('')}`);
  WORKLOAD_COLUMNS.forEach((feature, i) => {
    const cells = methods.map((m) => {
      const value = String(extra[`values:${m.name}`] ?? '').split(',')[i] ?? '';
      const drifted = String(extra[`drifted:${m.name}`] ?? '')
        .split(',')
        .includes(feature);
      return `${value}${drifted ? '*' : ' '}`.padStart(15);
    });
    lines.push(`    ${feature.padEnd(8)}${cells.join('')}`);
  });
  for (const m of methods) {
    const flagged = String(extra[`drifted:${m.name}`] ?? '');
    const exact = flagged === WORKLOAD_DRIFTED.join(',');
    lines.push(
      `    ${m.name.padEnd(12)} (threshold ${m.defaultThreshold}, drift ${m.driftWhen}) flags ${flagged || 'nothing'}` +
        `${exact ? '  = exactly f0, f1, f2, f4' : ''}${m.name === 'wasserstein' ? '  [default]' : ''}`,
    );
  }
  console.log(lines.join('\n'));
}
