export { parseGroundTruthLine } from './parse-line.ts';
export { parseGroundTruthText } from './parse-stream.ts';
export type { WindowLabels } from './read-window.ts';
export { readWindowLabels } from './read-window.ts';
export type {
  GroundTruthIssue,
  GroundTruthIssueReason,
  GroundTruthLabel,
  ParsedGroundTruthLine,
} from './types.ts';
