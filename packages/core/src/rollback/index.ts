export type { RollbackDecision, RollbackFacts } from './decide-rollback.ts';
export { decideRollback } from './decide-rollback.ts';
export type { EndpointObservation } from './endpoint-events.ts';
export {
  ENDPOINT_DEPLOYMENT_STATE_CHANGE_DETAIL_TYPE,
  ENDPOINT_STATE_CHANGE_DETAIL_TYPE,
  normalizeEndpointStatus,
  parseEndpointEvent,
} from './endpoint-events.ts';
export type { ConfigRef, EndpointRecord } from './endpoint-record.ts';
export {
  ENDPOINT_RECORD_PREFIX,
  endpointRecordKey,
  readEndpointRecord,
  writeEndpointRecord,
} from './endpoint-record.ts';
export type { GuardrailAlarmFacts, RollbackOutcome, RollbackPorts } from './respond-to-alarm.ts';
export { ROLLBACK_CLAIM_PREFIX, respondToGuardrailAlarm } from './respond-to-alarm.ts';
export { servedDuring, servedHistory, servedPackages } from './served-by.ts';
export type { TrackOutcome } from './track-endpoint.ts';
export { applyEndpointObservation, trackEndpointEvent } from './track-endpoint.ts';
