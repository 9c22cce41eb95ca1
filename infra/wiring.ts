/**
 * Vigil's wiring as plain data: which functions exist, what triggers each one and what each may
 * do. No SST globals here, so tests can import it and check it against the real handlers and the
 * fixture events; the files beside it turn it into resources.
 */
export * from './wiring/async-topics.ts';
export * from './wiring/backfill.ts';
export * from './wiring/dashboard-api.ts';
export * from './wiring/events.ts';
export * from './wiring/functions.ts';
export * from './wiring/local.ts';
export * from './wiring/locations.ts';
export * from './wiring/names.ts';
export * from './wiring/permissions.ts';
export * from './wiring/schedules.ts';
export * from './wiring/secrets.ts';
