export { recordApprovalOnCard } from './approval-status.ts';
export { buildModelCardContent } from './build.ts';
export {
  type EvaluationDetail,
  type MetricData,
  type MetricGroup,
  type ModelCardContent,
  modelCardContentSchema,
} from './content-schema.ts';
export {
  type CardDocument,
  type CardDocumentHistory,
  cardDocument,
  type DocumentBlock,
  type DocumentSection,
} from './document.ts';
export { ensureModelCard } from './ensure.ts';
export { CardInvalidError } from './errors.ts';
export {
  DEFAULT_MAX_MONITORING_EVALUATIONS,
  MAX_CARD_CONTENT_CHARACTERS,
  MAX_NAME_CHARACTERS,
} from './limits.ts';
export {
  appendMonitoringRun,
  executionKey,
  MONITORING_SOURCE,
  type MonitoringAppendResult,
  monitoringEvaluation,
} from './monitoring-evaluation.ts';
export { modelCardNameFor, modelCardNamePatterns } from './names.ts';
export { registrationEvaluation } from './registration-evaluation.ts';
export { documentHtml, documentMarkdown, renderCardHtml, renderCardMarkdown } from './render.ts';
export { type CardSyncOptions, type CardSyncPorts, type CardSyncResult, syncModelCard } from './sync.ts';
export { type CardIssue, validateModelCard } from './validate.ts';
