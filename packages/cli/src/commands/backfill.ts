import { parseS3Uri, systemClock } from '@vigil/core';
import type { BackfillPlan } from '@vigil/core/backfill';
import { planBackfill, splitPlan } from '@vigil/core/backfill';
import type { MonitorFolder } from '@vigil/core/monitors';
import { scheduledTimes } from '@vigil/local';
import {
  BACKFILL_MAX_HOURS,
  BACKFILL_RESULTS_PREFIX,
  backfillExecutionInput,
} from '../../../../infra/wiring.ts';
import { commaList, flag, optionalNumber, optionalString, requiredName, requiredString } from '../args.ts';
import { followExecution } from '../backfill/follow-execution.ts';
import { ProgressDisplay } from '../backfill/progress-bar.ts';
import { type BackfillReport, runBackfill } from '../backfill/run-backfill.ts';
import { type CliIO, type CommandArgs, defineCommand, helpText, UsageError } from '../command.ts';
import { readConfigFile } from '../config-file.ts';

/** `vigil backfill`: profile a range of capture again and re-run its monitor windows. */
export const backfillCommand = defineCommand({
  name: 'backfill',
  usage:
    'backfill --endpoint NAME --from ISO --to ISO [--monitors data-quality,model-quality] [--config vigil.config.json]\n' +
    '         [--home .vigil] [--concurrency 4] [--threads N] [--attempts 3]\n' +
    '       vigil backfill --aws --state-machine ARN [--bucket VIGIL_BUCKET] --endpoint NAME --from ISO --to ISO',
  options: {
    endpoint: 'string',
    from: 'string',
    to: 'string',
    monitors: 'string[]',
    config: 'string',
    home: 'string',
    concurrency: 'string',
    threads: 'string',
    attempts: 'string',
    aws: 'boolean',
    'state-machine': 'string',
    bucket: 'string',
  },
  details: helpText`
    Profiles every capture file of the hours in [--from, --to) again (profile-capture), then runs each
    monitor's windows whose scheduled time falls in the range, oldest first, as their schedules would have.
    The current hour is left to the live path, and so is the run at its top. Every output key comes from
    the capture key or the window, so a second backfill of the same range writes the same bytes; a window
    settled before gets its report and run record replaced, without sending its metrics or event again.
    A failing file or run is retried (--attempts), then reported; the others go on. Exit code 1 if any failed.

    Locally (default) the handlers run on the home folder: profile-capture on --threads worker threads
    (default: the cores, at most 8), --concurrency files at a time; then the monitors in order.
    With --aws the deployed state machine runs it (sst deploy prints its ARN as backfillStateMachine; or set
    VIGIL_BACKFILL_STATE_MACHINE); --bucket (or VIGIL_BUCKET) names Vigil's bucket when the capture is in it.
    A range longer than 31 days runs as one execution per 31 days, one after another.

    Example: vigil backfill --endpoint churn --from 2024-05-01T00:00:00Z --to 2024-05-08T00:00:00Z --monitors data-quality
  `,
  async run(args, io) {
    const { config, text: configText, path: configSource } = await readConfigFile(args, io);
    const clock = systemClock;
    const plan = planBackfill(
      config,
      {
        endpoint: requiredName(args, 'endpoint'),
        from: isoOption(args, 'from'),
        to: isoOption(args, 'to'),
        monitors: monitorsOption(args),
      },
      { now: clock.now(), fireTimes: scheduledTimes },
    );
    io.stderr(describePlan(plan));
    const display = new ProgressDisplay({
      ...(io.progress ? { redraw: io.progress } : {}),
      line: io.stderr,
      nowMs: () => Date.now(),
    });
    if (flag(args, 'aws')) return runOnAws(plan, args, io, display);

    // Handlers log through Powertools; keep the terminal for the progress bar unless asked.
    const { logger } = await import('@vigil/aws');
    logger.setLogLevel((io.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR') as Parameters<typeof logger.setLogLevel>[0]);
    const { createLocalSystem } = await import('../dev/local-system.ts');
    const { monitorHandlers } = await import('../dev/monitor-handlers.ts');
    const { ProfileCapturePool } = await import('../backfill/profile-capture-pool.ts');
    const { defaultThreads } = await import('../profiling/profile-in-parallel.ts');
    const system = createLocalSystem({
      config,
      cwd: io.cwd,
      home: optionalString(args, 'home'),
      clock,
      print: io.stdout,
      env: io.env,
    });
    const concurrency = positive(args, 'concurrency') ?? 4;
    // profile-capture on worker threads (it is CPU work), the monitors in this thread, in order.
    const pool = ProfileCapturePool.start(
      Math.min(positive(args, 'threads') ?? defaultThreads(), concurrency),
      {
        configText,
        configSource,
        cwd: io.cwd,
        ...(optionalString(args, 'home') ? { home: optionalString(args, 'home') } : {}),
        logLevel: io.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
      },
    );
    const handlers: Record<string, (event: unknown) => unknown> = {
      'profile-capture': (event) => pool.invoke(event),
      ...monitorHandlers(),
    };
    const capture = system.runtime.storeFor(plan.capture);
    const report = await runBackfill(
      plan,
      {
        captureStore: capture.store,
        captureBucket: parseS3Uri(plan.capture)?.bucket ?? system.runtime.bucket,
        invoke: async (name, event) => {
          const handler = handlers[name];
          if (!handler) throw new Error(`No handler for the function "${name}"`);
          return handler(event);
        },
        nowMs: () => Date.now(),
        onProgress: (snapshot) => display.update(snapshot),
      },
      { concurrency, attempts: positive(args, 'attempts') ?? 3 },
    ).finally(() => pool.close());
    printReport(report, io);
    return report.failures.length > 0 ? 1 : 0;
  },
});

async function runOnAws(plan: BackfillPlan, args: CommandArgs, io: CliIO, display: ProgressDisplay) {
  const stateMachine = optionalString(args, 'state-machine') ?? io.env.VIGIL_BACKFILL_STATE_MACHINE;
  if (!stateMachine) {
    throw new UsageError(
      '--aws needs the state machine: pass --state-machine with the backfillStateMachine output of sst deploy, or set VIGIL_BACKFILL_STATE_MACHINE',
    );
  }
  const bucket = parseS3Uri(plan.capture)?.bucket ?? optionalString(args, 'bucket') ?? io.env.VIGIL_BUCKET;
  if (!bucket) {
    throw new UsageError(
      `The capture of ${plan.endpoint} is in Vigil's bucket: pass --bucket with the bucket output of sst deploy, or set VIGIL_BUCKET`,
    );
  }
  const { StepFunctionsBackfill } = await import('@vigil/aws');
  const sfn = new StepFunctionsBackfill();
  const compact = (d: Date) => d.toISOString().slice(0, 13).replace(/[-T]/g, '');
  // One execution per month at most (Step Functions' history and input limits), one after another.
  const parts = splitPlan(plan, BACKFILL_MAX_HOURS);
  let failed = 0;
  for (const [index, part] of parts.entries()) {
    // Unique per start (Step Functions keeps names 90 days); the outputs are the same whatever the name.
    const name =
      `${part.endpoint}-${compact(part.range.start)}-${compact(part.range.end)}-${Date.now()}`.slice(0, 80);
    const executionArn = await sfn.start(stateMachine, name, backfillExecutionInput(part, bucket));
    const of = parts.length > 1 ? ` (part ${index + 1} of ${parts.length})` : '';
    io.stderr(`vigil backfill: started ${executionArn}${of}`);
    const final = await followExecution(
      {
        state: () => sfn.state(executionArn),
        nowMs: () => Date.now(),
        sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
        onProgress: (snapshot) => display.update(snapshot),
      },
      part.captureHours.length,
    );
    failed += final.mapRuns.reduce((n, r) => n + r.failed, 0);
    if (final.status !== 'SUCCEEDED') {
      io.stdout(`Backfill ${final.status}${of}: ${final.error ?? 'stopped'}: ${final.cause ?? ''}`);
      io.stdout(
        `Failed items are listed under s3://${io.env.VIGIL_BUCKET ?? "<Vigil's bucket>"}/${BACKFILL_RESULTS_PREFIX}`,
      );
      return 1;
    }
  }
  io.stdout(
    `Backfill SUCCEEDED: ${failed} failed item(s)${failed > 0 ? `, listed under s3://${io.env.VIGIL_BUCKET ?? "<Vigil's bucket>"}/${BACKFILL_RESULTS_PREFIX}` : ''}`,
  );
  return failed === 0 ? 0 : 1;
}

function isoOption(args: CommandArgs, name: string): Date {
  const text = requiredString(args, name);
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at.getTime())) {
    throw new UsageError(`--${name} must be an ISO-8601 time such as 2024-05-01T00:00:00Z, got "${text}"`);
  }
  return at;
}

function monitorsOption(args: CommandArgs): MonitorFolder[] | undefined {
  const names = commaList(args, 'monitors');
  return names.length > 0 ? (names as MonitorFolder[]) : undefined;
}

function positive(args: CommandArgs, name: string): number | undefined {
  const value = optionalNumber(args, name);
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new UsageError(`--${name} must be a whole number of at least 1, got ${value}`);
  }
  return value;
}

function describePlan(plan: BackfillPlan): string {
  const lines = [
    `vigil backfill: ${plan.endpoint}, ${plan.range.start.toISOString()} to ${plan.range.end.toISOString()}: ` +
      `${plan.captureHours.length} capture hour(s), ${plan.runs.length} monitor run(s) (${plan.monitors.join(', ') || 'no monitors'})`,
  ];
  if (plan.openHour) {
    lines.push(
      `vigil backfill: stopped at ${plan.openHour.toISOString()}: the current hour belongs to the live path`,
    );
  }
  return lines.join('\n');
}

function printReport(report: BackfillReport, io: CliIO): void {
  const { profiles, runs } = report;
  io.stdout(
    `Profiles: ${profiles.done} done, ${profiles.failed} failed, ${profiles.retried} retried, of ${profiles.total}`,
  );
  io.stdout(
    `Monitor runs: ${runs.done} done, ${runs.failed} failed, ${runs.retried} retried, of ${runs.total}`,
  );
  for (const failure of report.failures) {
    io.stdout(
      `  failed ${failure.phase} ${failure.id} after ${failure.attempts} attempt(s): ${failure.reason}`,
    );
  }
}
