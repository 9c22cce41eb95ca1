export { MONITOR_FOLDER, metricsNamespace } from '../monitors/names.ts';
export * from './alarm-definition.ts';
export * from './alarm-state-event.ts';
export * from './alert-format.ts';
export * from './build-alert.ts';
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
export * from './deliver.ts';
export * from './deployment-config.ts';
export * from './errors.ts';
export * from './evaluate-alarm.ts';
export { guardrailAlarms, resolveGuardrails, VIOLATION_SEVERITY } from './guardrail-alarms.ts';
export * from './incident.ts';
export * from './incident-store.ts';
export * from './incoming-signal.ts';
export type { GuardrailAlarmOptions } from './monitor-alarm-context.ts';
export * from './monitor-health-metrics.ts';
export * from './render-email.ts';
export * from './render-slack.ts';
export * from './render-text.ts';
export * from './route-alert.ts';
export * from './schedule-period.ts';
export type { SignalRecord } from './signal-record.ts';
export { readSignals, SIGNAL_PREFIX, signalKey } from './signal-record.ts';
