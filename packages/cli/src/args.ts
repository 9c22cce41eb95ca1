import { sageMakerNameProblem } from '@vigil/core';
import type { CommandArgs } from './command.ts';
import { UsageError } from './usage-error.ts';

// Readers of a command's parsed arguments: each returns the value in the type the command needs,
// or throws a UsageError that says what the option expects.

/** The string value of `--name`, or undefined. */
export function optionalString(args: CommandArgs, name: string): string | undefined {
  const v = args.values[name];
  if (Array.isArray(v)) return v.length ? String(v[v.length - 1]) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/**
 * The value of a flag that names a SageMaker endpoint or model package group (`--endpoint`,
 * `--group`), or undefined. Such a name becomes part of keys and ARNs, so anything SageMaker would
 * not accept as a name (`../../x`, `a/b`, spaces) is refused with a `UsageError`.
 *
 * @example
 * ```ts
 * const endpoint = optionalName(args, 'endpoint') ?? 'local';
 * ```
 */
export function optionalName(args: CommandArgs, name: string): string | undefined {
  const value = optionalString(args, name);
  if (value === undefined) return undefined;
  const problem = sageMakerNameProblem(value);
  if (problem) throw new UsageError(`--${name} ${problem}; got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Like `optionalName`, but the flag is required.
 *
 * @example
 * ```ts
 * const group = requiredName(args, 'group');
 * ```
 */
export function requiredName(args: CommandArgs, name: string): string {
  requiredString(args, name);
  return optionalName(args, name) as string;
}

/** The string value of `--name`; throws `UsageError` when it is missing. */
export function requiredString(args: CommandArgs, name: string): string {
  const v = optionalString(args, name);
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** Every value of a repeatable `--name` (declared with `multiple: true`). */
export function stringList(args: CommandArgs, name: string): string[] {
  const v = args.values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/**
 * Every item of a repeatable option whose values are comma-separated lists, trimmed, empty ones left
 * out.
 *
 * @example
 * ```ts
 * commaList(args, 'monitors'); // --monitors data-quality,model-quality --monitors bias-drift → 3 names
 * ```
 */
export function commaList(args: CommandArgs, name: string): string[] {
  return stringList(args, name)
    .flatMap((value) => value.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Whether the boolean flag `--name` was given. */
export function flag(args: CommandArgs, name: string): boolean {
  return args.values[name] === true;
}

/** A number option, with a clear error when it does not parse. */
export function optionalNumber(args: CommandArgs, name: string): number | undefined {
  const v = optionalString(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${v}"`);
  return n;
}

/**
 * The value of `--name` when it is one of `choices`, or undefined when the option is absent;
 * anything else is refused with a `UsageError` that lists the choices.
 *
 * @example
 * ```ts
 * const format = optionalChoice(args, 'format', ['md', 'html']) ?? 'html';
 * ```
 */
export function optionalChoice<T extends string>(
  args: CommandArgs,
  name: string,
  choices: readonly T[],
): T | undefined {
  const value = optionalString(args, name);
  if (value === undefined || (choices as readonly string[]).includes(value)) return value as T | undefined;
  const listed = `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
  throw new UsageError(`--${name} must be ${listed}, got "${value}"`);
}

/**
 * Like `optionalChoice`, but the option is required.
 *
 * @example
 * ```ts
 * const problemType = requiredChoice(args, 'problem-type', PROBLEM_TYPES);
 * ```
 */
export function requiredChoice<T extends string>(args: CommandArgs, name: string, choices: readonly T[]): T {
  requiredString(args, name);
  return optionalChoice(args, name, choices) as T;
}
