export * from './decide-rollback.ts';
export * from './endpoint-events.ts';
export * from './endpoint-record.ts';
export * from './respond-to-alarm.ts';
export * from './served-by.ts';
export * from './track-endpoint.ts';
