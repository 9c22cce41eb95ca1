import type { CaptureIssue } from '../capture/types.ts';
import type { SkippedInput } from '../events/monitoring-execution.ts';
import type { GroundTruthIssue } from '../groundtruth/types.ts';
import type { MergeReport } from '../merge/join.ts';
import type { SkippedRows } from './labeled-prediction.ts';

const MAX_EXAMPLES = 5;

/**
 * Read issues grouped by reason, with a few `key:line` examples (never payload data).
 *
 * @example
 * ```ts
 * issueSkips('capture', [{ reason: 'malformed-line', key: 'c/x.jsonl', line: 3, message: '…' }]);
 * // [{ reason: 'capture-malformed-line', count: 1, examples: ['c/x.jsonl:3'] }]
 * ```
 */
export function issueSkips(
  prefix: 'capture' | 'ground-truth',
  issues: readonly (CaptureIssue | GroundTruthIssue)[],
): SkippedInput[] {
  const byReason = new Map<string, SkippedInput>();
  for (const issue of issues) {
    const reason = `${prefix}-${issue.reason}`;
    let entry = byReason.get(reason);
    if (!entry) {
      entry = { reason, count: 0, examples: [] };
      byReason.set(reason, entry);
    }
    entry.count++;
    if ((entry.examples as string[]).length < MAX_EXAMPLES)
      entry.examples?.push(`${issue.key}:${issue.line}`);
  }
  return [...byReason.values()];
}

/**
 * What the merge left out: predictions without labels, labels without predictions, duplicates,
 * and matched pairs whose prediction or label could not be read. Examples are join ids.
 */
export function mergeSkips(report: MergeReport): SkippedInput[] {
  const entries: SkippedInput[] = [
    {
      reason: 'prediction-without-label',
      count: report.unmatchedPredictions,
      examples: report.samples.unmatchedPredictions.slice(0, MAX_EXAMPLES),
    },
    {
      reason: 'label-without-prediction',
      count: report.unmatchedLabels,
      examples: report.samples.unmatchedLabels.slice(0, MAX_EXAMPLES),
    },
    {
      reason: 'duplicate-label',
      count: report.duplicateLabels,
      examples: report.samples.duplicateLabels.slice(0, MAX_EXAMPLES),
    },
    { reason: 'duplicate-prediction', count: report.duplicatePredictions },
    { reason: 'matched-but-unreadable', count: report.unusable },
  ];
  return entries.filter((e) => e.count > 0);
}

/** Rows the metrics or the estimate could not read, one entry per reason. */
export function rowSkips(skipped: SkippedRows): SkippedInput[] {
  return Object.entries(skipped).map(([reason, count]) => ({ reason, count }));
}
