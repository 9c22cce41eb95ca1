export type { LocalAlarmResult, MetricQuery } from './alarm-evaluator.ts';
export { evaluateLocalAlarms, LOCAL_ALARM_PREFIX } from './alarm-evaluator.ts';
export { readJournaledAuditHeads } from './audit-head-journal.ts';
export type { BusEvent } from './bus-event.ts';
export { LOCAL_ACCOUNT, LOCAL_BUCKET, LOCAL_REGION } from './bus-event.ts';
export type { CaptureWatcherOptions, ObjectCreatedDetail } from './capture-watcher.ts';
export { CaptureWatcher, objectCreatedEvent } from './capture-watcher.ts';
export type { EventPattern, PatternCondition } from './event-pattern.ts';
export { matchesPattern } from './event-pattern.ts';
export { LocalCardError, LocalModelCardStore } from './local-cards.ts';
export { LOCAL_WEIGHTS_PREFIX, LocalAlarmStates, LocalEndpointWeights } from './local-endpoint-weights.ts';
export type { LocalEndpoint } from './local-endpoints.ts';
export { endpointStateEvent, LOCAL_ENDPOINT_PREFIX, LocalEndpointController } from './local-endpoints.ts';
export type { BusListener } from './local-event-bus.ts';
export { isoSeconds, LocalEventBus, toBusEvent } from './local-event-bus.ts';
export type { LocalLoopOptions, LoopSchedule, LoopSubscription } from './local-loop.ts';
export { LocalLoop } from './local-loop.ts';
export { LocalMetricStore } from './local-metric-store.ts';
export { LocalObjectStore } from './local-object-store.ts';
export { LocalModelRegistry, type LocalModelRegistryOptions } from './local-registry.ts';
export {
  type ModelServerOptions,
  modelServerFormat,
  type RunningModelServer,
  serveModel,
} from './model-server.ts';
export type { OutboxNotifierOptions, SlackNotifierFactory } from './outbox-notifier.ts';
export { localNotifiers, OUTBOX_PREFIX, OutboxNotifier, outboxKey } from './outbox-notifier.ts';
export { Repeater } from './repeater.ts';
export { scheduledTimes } from './schedule-times.ts';
