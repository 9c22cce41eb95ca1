import { decodeLinesText } from '../capture/lines.ts';
import { groundTruthHourPrefix } from '../layout/keys.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { hoursIn, type TimeWindow } from '../window/window.ts';
import { parseGroundTruthText } from './parse-stream.ts';
import type { GroundTruthIssue, GroundTruthLabel } from './types.ts';

/** The labels of a ground-truth window and what could not be read. */
export interface WindowLabels {
  /** In reading order: hour folders oldest first, files in key order, lines in file order. */
  labels: GroundTruthLabel[];
  issues: GroundTruthIssue[];
  /** Label files read. */
  files: number;
}

/**
 * Reads every ground-truth file under `{prefix}/yyyy/mm/dd/hh/` for the hours of `window`. The hour
 * folder is when the labels were collected, not when the inference happened (as SageMaker lays
 * ground truth out), so the label window is configured on its own and usually reaches further back
 * than the capture window. Labels are not filtered by time: a late label still joins.
 *
 * @example
 * ```ts
 * const { labels, issues } = await readWindowLabels(store, { prefix: 'ground-truth/my-endpoint', window });
 * ```
 */
export async function readWindowLabels(
  store: ObjectStore,
  options: { prefix: string; window: TimeWindow },
): Promise<WindowLabels> {
  const result: WindowLabels = { labels: [], issues: [], files: 0 };
  for (const hour of hoursIn(options.window)) {
    for await (const info of store.list(groundTruthHourPrefix(options.prefix, hour))) {
      // Lines that are not UTF-8 come out marked, to be counted as `not-utf8` rather than mangled.
      const text = decodeLinesText(await store.get(info.key));
      result.files++;
      const labels = parseGroundTruthText(text, info.key, (issue) => result.issues.push(issue));
      for (const label of labels) result.labels.push(label);
    }
  }
  return result;
}
