import type { MonitorRunPorts } from '@vigil/core';
import { cliRunPorts, homePath, openLocation } from '../adapters.ts';
import { flag, optionalName, optionalString, requiredString, stringList } from '../args.ts';
import { type CliIO, type CommandArgs, type OptionType, UsageError } from '../command.ts';

/**
 * `--out`, `--cloudwatch` and `--home`, in that order: where a monitor run writes its report and
 * where its metrics go. Shared by the commands that run a monitor or compare variants.
 */
export const REPORT_OPTIONS: Record<string, OptionType> = {
  out: 'string',
  cloudwatch: 'boolean',
  home: 'string',
};

/**
 * `--baseline`, `--analysis-config` and `--capture`, in that order: the inputs of the monitors that
 * check capture against a Clarify baseline analysis.json (bias drift, feature attribution).
 */
export const CLARIFY_MONITOR_INPUTS: Record<string, OptionType> = {
  baseline: 'string',
  'analysis-config': 'string',
  capture: 'string[]',
};

/** `--start` and `--end`: the window of capture a command looks at. */
export const WINDOW_OPTIONS: Record<string, OptionType> = {
  start: 'string',
  end: 'string',
};

/**
 * Every value of the repeatable path option `--name` (capture, ground truth); none is refused with a
 * `UsageError` that says what to give.
 *
 * @example
 * ```ts
 * const captures = requiredPaths(args, 'capture', 'a file or folder; repeatable');
 * // no --capture: UsageError('--capture is required (a file or folder; repeatable)')
 * ```
 */
export function requiredPaths(args: CommandArgs, name: string, what: string): string[] {
  const paths = stringList(args, name);
  if (paths.length === 0) throw new UsageError(`--${name} is required (${what})`);
  return paths;
}

/**
 * The folder of the required `--out` (local or s3://) that a command writes its report or files to.
 *
 * @example
 * ```ts
 * const out = outFolder(args, io);
 * await out.store.put(joinKey(out.key, 'analysis.json'), json, 'application/json');
 * ```
 */
export function outFolder(args: CommandArgs, io: CliIO): ReturnType<typeof openLocation> {
  return openLocation(requiredString(args, 'out'), io.cwd);
}

/**
 * The endpoint a run's metrics and events name: `--endpoint`, else "local".
 *
 * @example
 * ```ts
 * endpointOption(args); // 'local' without --endpoint
 * ```
 */
export function endpointOption(args: CommandArgs): string {
  return optionalName(args, 'endpoint') ?? 'local';
}

/**
 * The ports of a monitor run as `--cloudwatch` and `--home` choose them (see `cliRunPorts`); with
 * `warn`, the run's warnings are printed through it.
 *
 * @example
 * ```ts
 * await runBiasDriftMonitor(runPorts(args, io, (m) => io.stderr(m)), options);
 * ```
 */
export function runPorts(args: CommandArgs, io: CliIO, warn?: (message: string) => void): MonitorRunPorts {
  const home = homePath(optionalString(args, 'home'), io.cwd);
  return cliRunPorts({ cloudwatch: flag(args, 'cloudwatch'), home, ...(warn ? { warn } : {}) });
}

/**
 * The time of the ISO-8601 option `--name`, or undefined when it is absent.
 *
 * @example
 * ```ts
 * optionalTime(args, 'start'); // --start 2024-05-01T12:00:00Z → Date; --start noon → UsageError
 * ```
 */
export function optionalTime(args: CommandArgs, name: string): Date | undefined {
  const value = optionalString(args, name);
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime()))
    throw new UsageError(`--${name} must be an ISO-8601 time, got "${value}"`);
  return time;
}
