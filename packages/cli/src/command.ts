import type { ParseArgsConfig } from 'node:util';
import { COMMAND_SUMMARIES, type CommandName } from './commands/summaries.ts';

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
