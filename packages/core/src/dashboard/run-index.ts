import type { MonitoringType } from '../events/monitoring-execution.ts';
import { folderKey } from '../events/run-record.ts';
import type { RunSummary } from './run-summary.ts';

/** Where run indexes live in Vigil's store: `index/runs/<endpoint>/<monitoringType>.jsonl`. */
export const RUN_INDEX_PREFIX = 'index/runs';

/**
 * The key of the run index of one endpoint and monitor: JSON Lines, one `RunSummary` a line,
 * appended when a run settles, so the dashboard reads one small file per monitor instead of every
 * report.
 *
 * @example
 * ```ts
 * runIndexKey('churn', 'DataQuality'); // 'index/runs/churn/DataQuality.jsonl'
 * ```
 */
export function runIndexKey(endpoint: string, monitoringType: MonitoringType, prefix = ''): string {
  return `${folderKey(prefix)}${RUN_INDEX_PREFIX}/${encodeURIComponent(endpoint)}/${monitoringType}.jsonl`;
}

/**
 * The index text with `summary` appended as one line. Append-only: a window settled again (a
 * Failed run redone) gets a second line, and `parseRunIndex` keeps the later one.
 *
 * @example
 * ```ts
 * const next = appendRunSummary(existing, summarizeRun(detail, files));
 * ```
 */
export function appendRunSummary(existing: string | undefined, summary: RunSummary): string {
  const before = existing ?? '';
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  return `${before}${separator}${JSON.stringify(summary)}\n`;
}

/** An index read back: its runs in window order, and how many lines were not summaries. */
export interface ParsedRunIndex {
  runs: RunSummary[];
  unreadableLines: number;
}

/**
 * The runs of an index, one per window (the last line of a window wins), ordered by window start.
 * A line that is not a summary (a torn write, an edit) is counted, never fatal.
 *
 * @example
 * ```ts
 * const { runs } = parseRunIndex(new TextDecoder().decode(await store.get(runIndexKey('churn', 'ModelQuality'))));
 * runs.at(-1)?.status; // the latest run's status
 * ```
 */
export function parseRunIndex(text: string): ParsedRunIndex {
  const byWindow = new Map<string, RunSummary>();
  let unreadableLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let summary: RunSummary;
    try {
      summary = JSON.parse(line) as RunSummary;
    } catch {
      unreadableLines++;
      continue;
    }
    if (typeof summary?.windowStart !== 'string' || typeof summary.status !== 'string') {
      unreadableLines++;
      continue;
    }
    const window = `${summary.windowStart}/${summary.windowEnd}`;
    byWindow.delete(window);
    byWindow.set(window, summary);
  }
  const runs = [...byWindow.values()].sort((a, b) =>
    a.windowStart < b.windowStart ? -1 : a.windowStart > b.windowStart ? 1 : 0,
  );
  return { runs, unreadableLines };
}
