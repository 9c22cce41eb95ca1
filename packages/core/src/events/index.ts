export { attributeExecution, attributingPublisher } from './attribute-execution.ts';
export { claimRun, RUN_CLAIM_LEASE_MS, type RunClaim } from './claim-run.ts';
export type { EventBridgeEnvelope } from './eventbridge-envelope.ts';
export type {
  MonitoringExecutionDetail,
  MonitoringExecutionStatus,
  MonitoringType,
  ServedModel,
  SkippedInput,
  ViolationSummary,
} from './monitoring-execution.ts';
export { exitMessage, MONITORING_EXECUTION_DETAIL_TYPE } from './monitoring-execution.ts';
export { eventViolations, MAX_EVENT_VIOLATIONS, publishExecution } from './publish-execution.ts';
export type {
  MonitorRun,
  MonitorRunPorts,
  ReportFile,
  RunDefinition,
  RunTarget,
  RunVerdict,
} from './run-monitor.ts';
export { reportFolderUri, runMonitor } from './run-monitor.ts';
export type { ReportFolder, RunIdentity, RunRecord, RunRecordStore } from './run-record.ts';
export {
  folderKey,
  isSettledRun,
  parseRunRecord,
  RUN_RECORDS_PREFIX,
  readRunRecord,
  runRecordKey,
  sameWindow,
  writeRunRecord,
} from './run-record.ts';
export type { RunOutcome, SettledRun, SettleRunPorts } from './settle-run.ts';
export { settleRun } from './settle-run.ts';
export { MAX_SKIPPED_EXAMPLES, SkippedInputTally } from './skipped-input-tally.ts';
