import { hourOf, InputError, metricsNamespace, SkippedInputTally } from '@vigil/core';
import { captureObjectsIn, publishDataQualityRun, readDataQualityBaseline } from '@vigil/core/dataquality';
import { openHome, openLocation } from '../adapters.ts';
import { flag, optionalString, requiredString } from '../args.ts';
import { defineCommand, helpText, UsageError } from '../command.ts';
import { parseThreadCount } from '../profiling/early-workers.ts';
import { profileInParallel } from '../profiling/profile-in-parallel.ts';
import { DRIFT_EXAMPLES, DRIFT_OPTION_HELP, driftOptions, driftSummary } from './drift-options.ts';
import {
  endpointOption,
  optionalTime,
  outFolder,
  REPORT_OPTIONS,
  requiredPaths,
  runPorts,
  WINDOW_OPTIONS,
} from './run-options.ts';

/** `vigil monitor data-quality`: one data-quality monitoring execution over raw capture. */
export const monitorDataQualityCommand = defineCommand({
  name: 'monitor data-quality',
  usage:
    'monitor data-quality --baseline DIR --capture PATH... [--start ISO] [--end ISO] [--endpoint NAME] --out DIR [--cloudwatch] [--home DIR]\n' +
    '       [--drift-method SPEC] [--drift-threshold SPEC] [--drift-violations] [--threads N]',
  options: {
    baseline: 'string',
    capture: 'string[]',
    ...WINDOW_OPTIONS,
    endpoint: 'string',
    'schedule-name': 'string',
    'output-columns': 'string',
    ...REPORT_OPTIONS,
    rerun: 'boolean',
    'namespace-prefix': 'string',
    'drift-method': 'string[]',
    'drift-threshold': 'string[]',
    'drift-violations': 'boolean',
    threads: 'string',
  },
  details: helpText`
    --baseline        Folder (or s3:// prefix) with statistics.json and constraints.json, SageMaker- or Vigil-made.
    --capture         A capture file, a folder walked in yyyy/mm/dd/hh layout, or an s3:// URI (repeatable).
    --start / --end   The window (ISO-8601, UTC); capture hours outside it are left out. Default: everything.
                      A window given by both is settled once, as the scheduled Lambda settles it: its run record
                      (runs/ under --home) keeps a second run from publishing its metrics and event again.
    --rerun           Check a settled window again: rewrites the report, publishes no metrics (they were).
    --endpoint        Endpoint name for metric dimensions and the event (default "local").
    --schedule-name   MonitoringSchedule dimension (default <endpoint>-data-quality).
    --output-columns  Where captured outputs go in a row: START (SageMaker default), END or NONE. NONE
                      profiles the inputs only: for a baseline without the prediction column.
    --threads         Worker threads for inputs larger than 32 MiB, cut into 32 MiB parts profiled
                      apart and merged (default: the cores, at most 8; 1 profiles in one thread;
                      at most one thread per 64 MiB of input). The profile does not depend on it.
    --out             Report folder: statistics.json, constraint_violations.json, constraints.json,
                      Vigil's vigil_notes.json (ragged rows, non-finite values, why a column is String),
                      drift_report.json (Vigil's drift verdicts) and report.html (tables and charts).
    ${DRIFT_OPTION_HELP}
    Metrics go to the local store under --home (default .vigil), or to CloudWatch with --cloudwatch.
    Notes that help read the verdict are printed as "warning: …" lines.
    Exit code 0 with or without violations; 1 when the run cannot happen (no baseline, no data).
    Example: vigil monitor data-quality --baseline baseline/ --capture capture/ --out report/
    Example: vigil monitor data-quality --baseline baseline/ --capture capture/my-endpoint/AllTraffic/ \\
               --start 2024-05-01T12:00:00Z --end 2024-05-01T13:00:00Z --output-columns NONE --out report/
    ${DRIFT_EXAMPLES}
  `,
  async run(args, io) {
    const captures = requiredPaths(args, 'capture', 'a file, folder or s3:// URI; repeatable');
    const baselinePath = requiredString(args, 'baseline');
    const out = outFolder(args, io);
    const start = optionalTime(args, 'start');
    const end = optionalTime(args, 'end');
    if (start && end && start >= end) throw new UsageError('--start must be before --end');
    const outputColumns = outputColumnsOption(optionalString(args, 'output-columns'));
    const drift = driftOptions(args);
    const rerun = flag(args, 'rerun');
    const endpoint = endpointOption(args);
    const now = new Date();
    const window = { start: start ?? new Date(0), end: end ?? now };

    const baselineLocation = openLocation(baselinePath, io.cwd);
    const baseline = await readDataQualityBaseline(baselineLocation.store, baselineLocation.key);
    const names = (baseline.constraints ?? baseline.statistics)?.features.map((f) => f.name) ?? [];
    const objects = await captureObjectsIn(
      captures.map((path) => openLocation(path, io.cwd)),
      start || end ? window : undefined,
    );
    const tally = new SkippedInputTally();
    const profile = await profileInParallel(objects, {
      outputColumns,
      tally,
      baselineNames: names,
      threads: threadsOption(optionalString(args, 'threads')),
      onWorkerOutOfMemory: (part) =>
        io.stderr(
          `warning: a profiling thread ran out of memory${part ? ` on ${part.key} (bytes ${part.start}–${part.end})` : ''}; ` +
            `the main thread profiled ${part ? 'it and ' : ''}the partitions it had left ` +
            '(results are unchanged; --threads 1 avoids the extra thread)',
        ),
    });
    if (profile.itemCount === 0) {
      throw new InputError(
        `No captured records in ${captures.join(', ')}${start || end ? ' for the window' : ''} ` +
          `(${objects.length} capture files, ${tally.total} lines skipped): check the paths and --start/--end`,
      );
    }
    const summary = await publishDataQualityRun(
      runPorts(args, io),
      {
        endpoint,
        monitoringSchedule: optionalString(args, 'schedule-name') ?? `${endpoint}-data-quality`,
        namespace: metricsNamespace(optionalString(args, 'namespace-prefix'), 'data-quality'),
        scheduledTime: hourOf(end ?? now),
        window,
        reports: out,
        publishMetrics: !rerun,
        drift,
        // An explicit window runs once, like the scheduled Lambda's: no metric is published twice.
        ...(start && end && !rerun
          ? { records: { store: openHome(optionalString(args, 'home'), io.cwd) } }
          : {}),
      },
      { profile, baseline, skipped: tally.toSkipped() },
    );
    if (summary.duplicate) {
      io.stderr(
        `${summary.status}: the window ${window.start.toISOString()} – ${window.end.toISOString()} was already ` +
          `settled (report in ${summary.reportUri ?? 'its report folder'}); nothing was written or published ` +
          'again. Pass --rerun to check it again without publishing its metrics twice.',
      );
      return 0;
    }
    for (const v of summary.violations)
      io.stdout(`${v.feature_name}\t${v.constraint_check_type}\t${v.description}`);
    const byType = new Map<string, number>();
    for (const v of summary.violations)
      byType.set(v.constraint_check_type, (byType.get(v.constraint_check_type) ?? 0) + 1);
    const kinds = [...byType].map(([type, n]) => `${type} ${n}`).join(', ');
    const skipped = summary.skipped.reduce((n, s) => n + s.count, 0);
    io.stderr(
      `${summary.status}: ${summary.violations.length} violations${kinds ? ` (${kinds})` : ''} in ` +
        `${summary.recordCount} rows from ${objects.length} capture files` +
        `${skipped > 0 ? `; ${skipped} skipped (${summary.skipped.map((s) => s.reason).join(', ')})` : ''}` +
        `; ${summary.metricsPublished} metrics; report in ${summary.reportUri}`,
    );
    for (const note of summary.notes) io.stderr(`warning: ${note}`);
    const driftLine = summary.driftReport ? driftSummary(summary.driftReport, drift) : undefined;
    if (driftLine) io.stderr(driftLine);
    return 0;
  },
});

function threadsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const threads = parseThreadCount(value);
  if (threads === undefined)
    throw new UsageError(`--threads must be a whole number from 1 to 64, got "${value}"`);
  return threads;
}

function outputColumnsOption(value: string | undefined): 'START' | 'END' | 'NONE' {
  if (value === undefined) return 'START';
  const upper = value.toUpperCase();
  if (upper === 'START' || upper === 'END' || upper === 'NONE') return upper;
  throw new UsageError(`--output-columns must be START, END or NONE, got "${value}"`);
}
