export { type ApproverCheck, approverMatches, mayDecideByHand, principalNames } from './approvers.ts';
export {
  type DecisionRecord,
  decisionFolder,
  decisionKey,
  latestDecision,
  type ReportSummary,
} from './decision-record.ts';
export { approvalDescription, type GateOutcome, MAX_APPROVAL_DESCRIPTION } from './description.ts';
export { ApprovalRefusedError } from './errors.ts';
export {
  type CardEvidence,
  collectPackageEvidence,
  MONITORING_RECORD_KIND,
  type MonitoringRunSummary,
  monitoringHistoryFolder,
  monitoringHistoryKey,
  monitoringHistoryOf,
  type PackageEvidence,
  type ReportEvidence,
  type ReportKind,
  type ReportLocator,
  readMonitoringHistory,
} from './evidence.ts';
export {
  type GateAction,
  type GateOptions,
  type GatePorts,
  type GateResult,
  type GateTrigger,
  runRegistryGate,
} from './gate.ts';
export { asNumber, parseLenientJson } from './lenient-json.ts';
export { authorizeManualDecision } from './manual-decision.ts';
export { METADATA_KEYS, metadataValue } from './metadata.ts';
export { emptyPolicyRule, evaluateApprovalPolicy, type PolicyEvidence, type RuleResult } from './policy.ts';
export * from './reports.ts';
export { metricBelongsTo } from './section-metrics.ts';
export { storeLocator } from './store-locator.ts';
