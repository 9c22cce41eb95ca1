import { optionalString } from '../args.ts';
import type { CommandArgs, OptionType } from '../command.ts';

/**
 * The options that say where the prediction, its probability and the label are, shared by the
 * commands that join captured predictions to ground truth.
 */
export const PREDICTION_OPTIONS: Record<string, OptionType> = {
  'inference-attribute': 'string',
  'probability-attribute': 'string',
  'probability-threshold': 'string',
  'ground-truth-attribute': 'string',
};

/**
 * `--inference-attribute`, `--probability-attribute` and `--ground-truth-attribute` as the join
 * takes them. `--probability-threshold` is left to the caller, which decides how strictly to check it.
 *
 * @example
 * ```ts
 * const attributes = { ...predictionAttributes(args), probabilityThreshold: thresholdOption(args) };
 * ```
 */
export function predictionAttributes(args: CommandArgs): {
  inferenceAttribute?: string;
  probabilityAttribute?: string;
  groundTruthAttribute?: string;
} {
  return {
    inferenceAttribute: optionalString(args, 'inference-attribute'),
    probabilityAttribute: optionalString(args, 'probability-attribute'),
    groundTruthAttribute: optionalString(args, 'ground-truth-attribute'),
  };
}
