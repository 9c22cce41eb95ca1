import type { ParseArgsConfig } from 'node:util';
import { sageMakerNameProblem } from '@vigil/core';
import { COMMAND_SUMMARIES, type CommandName } from './commands/summaries.ts';
import { UsageError } from './usage-error.ts';

/** Where a command writes and what it may read from the environment. */
export interface CliIO {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Redraws a transient status line (a progress bar) when stderr is a terminal; absent otherwise. */
  progress?: (line: string) => void;
}

/** Parsed options and positionals of one invocation. */
export interface CommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * One `vigil` sub-command, as a command module declares it through `defineCommand`. `name` may
 * hold two words (`baseline data-quality`). `run` returns the process exit code: 0 when the run
 * happened (with or without violations), non-zero only when it could not happen.
 */
export interface Command {
  name: string;
  /** The line `vigil --help` prints for it, from `COMMAND_SUMMARIES`. */
  summary: string;
  /** Usage lines shown by `vigil <name> --help`, without the leading `vigil`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Extra help text: what the options mean, examples. */
  details?: string;
  run(args: CommandArgs, io: CliIO): Promise<number>;
}

export { UsageError } from './usage-error.ts';

/**
 * A help text written as an indented block in a template literal, to print as it reads: the line
 * break after the opening backtick, the one before the closing backtick and the indentation the
 * block's lines share are left out. Interpolated texts (shared option help) are taken as they are.
 *
 * @example
 * ```ts
 * helpText`
 *   --out  Folder for analysis.json.
 *          Local path or s3:// URI.
 * `; // '--out  Folder for analysis.json.\n       Local path or s3:// URI.'
 * ```
 */
export function helpText(lines: TemplateStringsArray, ...texts: string[]): string {
  const indents = lines.flatMap((part) => [...part.matchAll(/\n( *)(?=\S)/g)].map((m) => m[1]!.length));
  const margin = new RegExp(`\\n {${indents.length ? Math.min(...indents) : 0}}`, 'g');
  const text = lines.reduce((out, part, i) => out + part.replace(margin, '\n') + (texts[i] ?? ''), '');
  return text.replace(/^\n/, '').replace(/\n *$/, '');
}

/**
 * A command as its module declares it: all but the summary, which `COMMAND_SUMMARIES` holds, and
 * its options by name and type (see `optionTypes`).
 */
export type CommandSpec = Omit<Command, 'name' | 'summary' | 'options'> & {
  name: CommandName;
  options: Record<string, OptionType>;
};

/**
 * The command `spec` declares, with its summary from `COMMAND_SUMMARIES` (what `vigil --help`
 * lists for it without loading its module) and its options declared for `parseArgs`.
 *
 * @example
 * ```ts
 * export const demoCommand = defineCommand({ name: 'demo', usage: 'demo', options: {}, run: async () => 0 });
 * demoCommand.summary; // 'Play a full monitoring scenario on real public data, …'
 * ```
 */
export function defineCommand(spec: CommandSpec): Command {
  return { ...spec, summary: COMMAND_SUMMARIES[spec.name], options: optionTypes(spec.options) };
}

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

/** What an option takes: a value (`string`), a repeatable value (`string[]`) or nothing (`boolean`). */
export type OptionType = 'string' | 'string[]' | 'boolean';

/**
 * The `parseArgs` declaration of a command's options, from their names and types, in the order
 * `--help` lists them.
 *
 * @example
 * ```ts
 * optionTypes({ config: 'string', image: 'string[]', json: 'boolean' });
 * // { config: { type: 'string' }, image: { type: 'string', multiple: true }, json: { type: 'boolean' } }
 * ```
 */
export function optionTypes(types: Record<string, OptionType>): Command['options'] {
  return Object.fromEntries(
    Object.entries(types).map(([name, type]) => [
      name,
      type === 'string[]' ? { type: 'string', multiple: true } : { type },
    ]),
  );
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
