import type { Command } from '../command.ts';
import { earlyWorkersFor, mayShareInput, startProfileWorkersEarly } from '../profiling/early-workers.ts';
import { COMMAND_SUMMARIES, type CommandName } from './summaries.ts';

/**
 * One row of the command table: what `vigil --help` prints, and how to load the command.
 * The command's modules (and the libraries behind them: arquero, zod, the AWS SDK) are
 * imported only by `load`, so `vigil --help` starts without them.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
  /**
   * Work started before `load`, given the arguments after the command's name and the working
   * folder: the profiling workers a large input will want, loading on other cores meanwhile.
   */
  startEarly?: (args: readonly string[], cwd: string) => void;
}

/** The module that exports each command (alone, or in a group of commands). */
const COMMAND_MODULES: Record<CommandName, () => Promise<object>> = {
  demo: () => import('./demo.ts'),
  ui: () => import('./ui.ts'),
  dev: () => import('./dev.ts'),
  backfill: () => import('./backfill.ts'),
  'baseline data-quality': () => import('./baseline-data-quality.ts'),
  'monitor data-quality': () => import('./monitor-data-quality.ts'),
  'baseline model-quality': () => import('./baseline-model-quality.ts'),
  'monitor model-quality': () => import('./monitor-model-quality.ts'),
  'compare variants': () => import('./compare-variants.ts'),
  'bandit simulate': () => import('./bandit-simulate.ts'),
  explain: () => import('./explain.ts'),
  'monitor feature-attribution': () => import('./monitor-feature-attribution.ts'),
  bias: () => import('./bias.ts'),
  'monitor bias-drift': () => import('./monitor-bias-drift.ts'),
  ...sharedModule(
    () => import('./registry.ts'),
    ['registry register', 'registry list', 'registry approve', 'registry reject', 'registry gate'],
  ),
  ...sharedModule(() => import('./card.ts'), ['card show', 'card export']),
  ...sharedModule(() => import('./audit.ts'), ['audit verify', 'audit export']),
  ...sharedModule(() => import('./alarms.ts'), ['alarms', 'alarms evaluate', 'alarms dead-letters']),
};

/**
 * The profiling workers of `monitor data-quality`, started early by the built CLI (from the
 * TypeScript sources each worker compiles through tsx, which the short runs of tests do not repay).
 */
function startProfilingWorkers(args: readonly string[], cwd: string): void {
  if (args.includes('--help') || args.includes('-h') || !import.meta.url.endsWith('.js')) return;
  if (!mayShareInput(args, cwd)) return;
  startProfileWorkersEarly(earlyWorkersFor(args));
}

const EARLY_STARTS: Partial<Record<CommandName, CommandEntry['startEarly']>> = {
  'monitor data-quality': startProfilingWorkers,
};

/** Every `vigil` sub-command, in the order `vigil --help` lists them. */
export const commands: CommandEntry[] = Object.entries(COMMAND_SUMMARIES).map(([name, summary]) => ({
  name,
  summary,
  load: async () => exportedCommand(await COMMAND_MODULES[name as CommandName](), name),
  startEarly: EARLY_STARTS[name as CommandName],
}));

/** The command named `name` among the exports of a command module (alone or in an array). */
function exportedCommand(module: object, name: string): Command {
  const exported = Object.values(module).flat() as unknown[];
  const command = exported.find(
    (value): value is Command =>
      typeof value === 'object' && value !== null && 'run' in value && (value as Command).name === name,
  );
  if (!command) throw new Error(`The command table lists "${name}" but its module does not export it`);
  return command;
}

/** The loader of a module that exports a group of commands, for each of their names. */
function sharedModule<N extends CommandName>(
  load: () => Promise<object>,
  names: N[],
): Record<N, () => Promise<object>> {
  return Object.fromEntries(names.map((name) => [name, load])) as Record<N, () => Promise<object>>;
}
