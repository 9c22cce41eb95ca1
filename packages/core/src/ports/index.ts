export type { AuditEntry, AuditLog, AuditRecord } from './audit-log.ts';
export type { Clock } from './clock.ts';
export { fixedClock, systemClock } from './clock.ts';
export type { EventPublisher, VigilEvent } from './event-publisher.ts';
export type { Log } from './log.ts';
export { silentLog } from './log.ts';
export type { MetricDatum, MetricSink, MetricUnit } from './metric-sink.ts';
export type { ObjectInfo, ObjectStore } from './object-store.ts';
