export * from './async-namespace.ts';
export type { MonitorFunctionSpec, MonitorSpec, MonitorSpecEntry } from './monitor-specs.ts';
export { MONITOR_SPECS } from './monitor-specs.ts';
export * from './names.ts';
export * from './schedule-name.ts';
export * from './scheduled-run.ts';
export * from './variant-namespace.ts';
