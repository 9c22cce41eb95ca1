import type { CaptureSource, CaptureValue } from '../capture/types.ts';

/** One ground-truth label, as read from a `groundTruthData` line. */
export interface GroundTruthLabel {
  /**
   * The key the label joins on: `eventMetadata.eventId` of the label line (which holds the
   * capture's inferenceId, or its eventId when the request had none). When the label's data holds
   * several lines, label line i gets `<eventId>#<i>` (0-based), the key of sub-record i of a
   * multi-record request — see `predictionKey`.
   */
  id: string;
  eventId: string;
  /** The label record's columns (CSV text or JSON values). */
  values: CaptureValue[];
  /** The parsed JSON of the label record, when its encoding is JSON. */
  json?: unknown;
  /** `eventMetadata.inferenceTime` when the label carries one. */
  inferenceTime?: string;
  source: CaptureSource;
}

/** Why a ground-truth line could not be used. */
export type GroundTruthIssueReason =
  | 'malformed-line'
  | 'not-utf8'
  | 'undecodable-payload'
  | 'unsupported-content-type'
  | 'missing-ground-truth-data';

/** A ground-truth line that was counted and skipped; the message never holds label data. */
export interface GroundTruthIssue {
  reason: GroundTruthIssueReason;
  key: string;
  line: number;
  message: string;
}

export type ParsedGroundTruthLine =
  | { labels: GroundTruthLabel[]; issue?: undefined }
  | { labels?: undefined; issue: GroundTruthIssue };
