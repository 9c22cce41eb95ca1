import { lastLine, splitLines } from '../capture/lines.ts';
import { parseGroundTruthLine } from './parse-line.ts';
import type { GroundTruthIssue, GroundTruthLabel } from './types.ts';

/**
 * Parses a whole ground-truth file: the labels in file order; every line that cannot be used goes to
 * `onIssue` (counted, never fatal). Blank lines are skipped; line numbers count them.
 *
 * @example
 * ```ts
 * const labels = parseGroundTruthText(new TextDecoder().decode(await store.get(key)), key, onIssue);
 * ```
 */
export function parseGroundTruthText(
  text: string,
  key: string,
  onIssue: (issue: GroundTruthIssue) => void,
): GroundTruthLabel[] {
  const labels: GroundTruthLabel[] = [];
  let lineNumber = 0;
  const onLine = (line: string) => {
    lineNumber++;
    if (line.trim().length === 0) return;
    const parsed = parseGroundTruthLine(line, { key, line: lineNumber });
    if (parsed.labels) for (const label of parsed.labels) labels.push(label);
    else onIssue(parsed.issue);
  };
  const rest = splitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, onLine);
  const last = lastLine(rest);
  if (last !== undefined) onLine(last);
  return labels;
}
