import { flag, optionalNumber } from '../args.ts';
import { type CommandArgs, type OptionType, UsageError } from '../command.ts';

/**
 * `--bootstrap`, `--resamples`, `--confidence` and `--seed`, in that order: Vigil's bootstrap
 * intervals beyond Clarify, shared by `vigil bias` and `vigil monitor bias-drift`.
 */
export const BOOTSTRAP_OPTIONS: Record<string, OptionType> = {
  bootstrap: 'boolean',
  resamples: 'string',
  confidence: 'string',
  seed: 'string',
};

/**
 * The bootstrap options of `--bootstrap`, `--resamples`, `--confidence` and `--seed`, or undefined.
 *
 * @example
 * ```ts
 * bootstrapOptions(args); // { resamples: 500, confidence: 0.95, seed: 1 } after `--bootstrap`
 * ```
 */
export function bootstrapOptions(
  args: CommandArgs,
  enabled = flag(args, 'bootstrap'),
): { resamples: number; confidence: number; seed: number } | undefined {
  if (!enabled) return undefined;
  const resamples = optionalNumber(args, 'resamples') ?? 500;
  const confidence = optionalNumber(args, 'confidence') ?? 0.95;
  if (!(Number.isInteger(resamples) && resamples > 0))
    throw new UsageError('--resamples must be a positive integer');
  if (!(confidence > 0 && confidence < 1)) throw new UsageError('--confidence must be between 0 and 1');
  return { resamples, confidence, seed: optionalNumber(args, 'seed') ?? 1 };
}
