import type { CaptureIssue } from '../capture/types.ts';
import { MAX_SKIPPED_EXAMPLES, type SkippedInputTally } from '../events/skipped-input-tally.ts';
import type { GroundTruthIssue } from '../groundtruth/types.ts';
import type { MergeReport } from '../merge/join.ts';
import type { SkippedRows } from './labeled-prediction.ts';

/**
 * Counts read issues as `<prefix>-<reason>`, with `key:line` examples (never payload data).
 *
 * @example
 * ```ts
 * tallyIssues(tally, 'capture', [{ reason: 'malformed-line', key: 'c/x.jsonl', line: 3, message: '…' }]);
 * tally.toSkipped(); // [{ reason: 'capture-malformed-line', count: 1, examples: ['c/x.jsonl:3'] }]
 * ```
 */
export function tallyIssues(
  tally: SkippedInputTally,
  prefix: 'capture' | 'ground-truth',
  issues: readonly (CaptureIssue | GroundTruthIssue)[],
): void {
  for (const issue of issues) tally.add(`${prefix}-${issue.reason}`, `${issue.key}:${issue.line}`);
}

/**
 * Counts what the merge left out: predictions without labels, labels without predictions,
 * duplicates, and matched pairs whose prediction or label could not be read. Examples are join ids.
 */
export function tallyMergeSkips(tally: SkippedInputTally, report: MergeReport): void {
  const examples = (ids: readonly string[]) => ids.slice(0, MAX_SKIPPED_EXAMPLES);
  tally.addAll([
    {
      reason: 'prediction-without-label',
      count: report.unmatchedPredictions,
      examples: examples(report.samples.unmatchedPredictions),
    },
    {
      reason: 'label-without-prediction',
      count: report.unmatchedLabels,
      examples: examples(report.samples.unmatchedLabels),
    },
    {
      reason: 'duplicate-label',
      count: report.duplicateLabels,
      examples: examples(report.samples.duplicateLabels),
    },
    { reason: 'duplicate-prediction', count: report.duplicatePredictions },
    { reason: 'matched-but-unreadable', count: report.unusable },
  ]);
}

/** Counts the rows the metrics or the estimate could not read, one count-only entry per reason. */
export function tallyRowSkips(tally: SkippedInputTally, skipped: SkippedRows): void {
  tally.addAll(Object.entries(skipped).map(([reason, count]) => ({ reason, count })));
}
