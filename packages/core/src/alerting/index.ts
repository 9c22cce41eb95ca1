export { MONITOR_FOLDER, metricsNamespace } from '../monitors/names.ts';
export type {
  AlarmState,
  AlarmStatistic,
  ComparisonOperator,
  GuardrailAlarm,
  GuardrailKind,
  TreatMissingData,
} from './alarm-definition.ts';
export type {
  AlarmStateChange,
  AlarmStateChangeDetail,
  AlarmStateChangeEvent,
  AlarmStateValue,
} from './alarm-state-event.ts';
export {
  ALARM_STATE_CHANGE_DETAIL_TYPE,
  alarmStateChangeEvent,
  parseAlarmStateChange,
} from './alarm-state-event.ts';
export { alertWindow, formatNumber, signalLine } from './alert-format.ts';
export type { AlertBuildPorts, AlertFacts } from './build-alert.ts';
export { buildAlert } from './build-alert.ts';
export * from './channels/index.ts';
export { cloudWatchTimestamp, parseEventTime } from './cloudwatch-time.ts';
export type { DeadLetter, DeadLetterResolution, ReplayOutcome } from './dead-letters.ts';
export {
  DEAD_LETTER_PREFIX,
  deadLetterKeyFor,
  isResolved,
  readDeadLetter,
  replayDeadLetters,
  resolveDeadLetter,
} from './dead-letters.ts';
export type { ChannelDelivery, DeliveryOptions } from './deliver.ts';
export { deliverWithRetries } from './deliver.ts';
export type { DeploymentConfigOptions, DeploymentConfigSnippet } from './deployment-config.ts';
export { deploymentConfigFor, MAX_ROLLBACK_ALARMS } from './deployment-config.ts';
export { AlertDeliveryError, AlertUndeliveredError } from './errors.ts';
export type { AlarmEvaluation, Datapoint, PeriodValue } from './evaluate-alarm.ts';
export { evaluateAlarm, periodValues } from './evaluate-alarm.ts';
export { guardrailAlarms, resolveGuardrails, VIOLATION_SEVERITY } from './guardrail-alarms.ts';
export type {
  IncidentOpener,
  IncidentRecord,
  MessageKind,
  NotificationDecision,
  NotificationFacts,
  SignalChange,
} from './incident.ts';
export {
  awaitsAnnouncement,
  decideNotification,
  INCIDENT_PREFIX,
  incidentKey,
  mergeIncidentChange,
  recordMessage,
} from './incident.ts';
export {
  type IncidentRead,
  readIncident,
  saveIncidentChange,
  writeIncidentIfUnchanged,
} from './incident-store.ts';
export type { IgnoredEvent, IncomingSignal } from './incoming-signal.ts';
export { readIncomingSignal, runKeyOf } from './incoming-signal.ts';
export type { GuardrailAlarmOptions } from './monitor-alarm-context.ts';
export {
  EXECUTION_FAILED_METRIC,
  monitorHealthMetrics,
  VIOLATIONS_METRIC,
} from './monitor-health-metrics.ts';
export type { EmailMessage } from './render-email.ts';
export { renderEmail } from './render-email.ts';
export type { MrkdwnText, SlackBlock, SlackMessage } from './render-slack.ts';
export { renderSlackMessage, SLACK_LIMITS } from './render-slack.ts';
export { alertSubject, renderAlertText } from './render-text.ts';
export type { AlertRouterPorts, RouteOutcome } from './route-alert.ts';
export { routeAlert } from './route-alert.ts';
export { schedulePeriodSeconds } from './schedule-period.ts';
export type { SignalRecord } from './signal-record.ts';
export { readSignals, SIGNAL_PREFIX, signalKey } from './signal-record.ts';
