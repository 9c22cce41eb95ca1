import { joinKey } from '@vigil/core';
import {
  createModelQualityBaseline,
  PROBLEM_TYPES,
  type ProblemType,
  readLabeledDataset,
} from '@vigil/core/modelquality';
import { optionalChoice, optionalNumber, optionalString, requiredChoice, requiredString } from '../args.ts';
import { type CommandArgs, defineCommand, helpText, UsageError } from '../command.ts';
import { readUserText } from '../user-files.ts';
import { outFolder } from './run-options.ts';

/** `vigil baseline model-quality`: statistics.json + constraints.json (+ calibration.json) from a labeled dataset. */
export const baselineModelQualityCommand = defineCommand({
  name: 'baseline model-quality',
  usage:
    'baseline model-quality --dataset FILE --problem-type BinaryClassification|MulticlassClassification|Regression ' +
    '--ground-truth-attribute COL --inference-attribute COL [--probability-attribute COL] [--probability-threshold X] ' +
    '[--format csv|jsonl] --out DIR',
  options: {
    dataset: 'string',
    'problem-type': 'string',
    'ground-truth-attribute': 'string',
    'inference-attribute': 'string',
    'probability-attribute': 'string',
    'probability-threshold': 'string',
    format: 'string',
    out: 'string',
  },
  details: helpText`
    --dataset                 CSV with a header row (default) or JSON Lines (--format jsonl); a path or s3:// URI.
    --ground-truth-attribute  Column name (or 0-based index) of the label; a key or JSON path for JSON Lines.
    --inference-attribute     Column of the prediction (optional for binary problems given a probability).
    --probability-attribute   Binary: column of the positive-class probability. Enables auc on scores and the
                              calibration.json that lets \`vigil monitor model-quality\` estimate quality before labels.
    --probability-threshold   Binary: a probability at or above it predicts 1 (default 0.5).
    --out                     Folder (or s3:// prefix) for the baseline files.
  `,
  async run(args, io) {
    const problemType = problemTypeOption(args);
    const groundTruthAttribute = requiredString(args, 'ground-truth-attribute');
    const inferenceAttribute = optionalString(args, 'inference-attribute');
    const probabilityAttribute = optionalString(args, 'probability-attribute');
    if (!inferenceAttribute && !(problemType === 'BinaryClassification' && probabilityAttribute)) {
      throw new UsageError(
        '--inference-attribute is required (binary problems may give --probability-attribute alone)',
      );
    }
    const probabilityThreshold = thresholdOption(args);
    const format = optionalChoice(args, 'format', ['csv', 'jsonl']) ?? 'csv';
    const datasetPath = requiredString(args, 'dataset');
    const out = outFolder(args, io);
    const text = await readUserText('--dataset', datasetPath, io.cwd);
    const dataset = readLabeledDataset(text, format, {
      groundTruthAttribute,
      inferenceAttribute,
      probabilityAttribute,
    });
    const baseline = createModelQualityBaseline(dataset.rows, { problemType, probabilityThreshold });
    const allSkipped = { ...dataset.skipped, ...baseline.skipped };
    if (baseline.statistics.itemCount === 0) {
      throw new UsageError(
        `No usable row in ${datasetPath} (${describeSkips(allSkipped)}): check the attributes and --problem-type`,
      );
    }
    for (const [name, content] of Object.entries(baseline.files)) {
      await out.store.put(joinKey(out.key, name), content, 'application/json');
    }
    const skipped = describeSkips(allSkipped);
    io.stderr(
      `Baselined ${baseline.statistics.itemCount} rows (${problemType})` +
        `${skipped ? `; skipped ${skipped}` : ''}; wrote ${Object.keys(baseline.files).join(', ')} to ${
          out.store.location
        }/${out.key}`,
    );
    return 0;
  },
});

/** The validated --problem-type. */
export function problemTypeOption(args: CommandArgs): ProblemType {
  return requiredChoice(args, 'problem-type', PROBLEM_TYPES);
}

/** The validated --probability-threshold (in [0, 1]). */
export function thresholdOption(args: CommandArgs): number | undefined {
  const threshold = optionalNumber(args, 'probability-threshold');
  if (threshold !== undefined && (threshold < 0 || threshold > 1)) {
    throw new UsageError(`--probability-threshold must lie in [0, 1], got ${threshold}`);
  }
  return threshold;
}

function describeSkips(skipped: Record<string, number>): string {
  return Object.entries(skipped)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
}
