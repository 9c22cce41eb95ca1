export { attributeExecution, attributingPublisher } from './attribute-execution.ts';
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
