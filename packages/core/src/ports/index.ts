export type { AsciiDecoder } from './ascii-decoder.ts';
export type { AuditEntry, AuditLog, AuditRecord } from './audit-log.ts';
export type { Clock } from './clock.ts';
export { fixedClock, systemClock } from './clock.ts';
export type { EndpointController, EndpointDescription, EndpointStatus } from './endpoint-controller.ts';
export type { AlarmStates, EndpointWeights, VariantWeight } from './endpoint-weights.ts';
export type { EventPublisher, VigilEvent } from './event-publisher.ts';
export type { Log } from './log.ts';
export { silentLog } from './log.ts';
export type { MetricDatum, MetricSink, MetricStatistics, MetricUnit } from './metric-sink.ts';
export type {
  ModelCardStatus,
  ModelCardStore,
  ModelCardVersionSummary,
  StoredModelCard,
} from './model-card-store.ts';
export type { ModelInvoker, ModelRecord, ModelValue } from './model-invoker.ts';
export type {
  ApprovalUpdate,
  MetricsSourceRef,
  ModelApprovalStatus,
  ModelMetricsRefs,
  ModelPackage,
  ModelPackageRegistration,
  ModelPackageSummary,
  ModelRegistry,
  RegisteringModelRegistry,
} from './model-registry.ts';
export type { Alert, AlertSeverity, AlertSignal, AlertStatus, Notifier } from './notifier.ts';
export type { ObjectInfo, ObjectStore, StoreLocation, VersionedObject } from './object-store.ts';
export { lengthChecked } from './object-store.ts';
export type { Sha256 } from './sha256.ts';
