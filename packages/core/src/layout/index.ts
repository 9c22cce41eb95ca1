export type { MonitorFolder } from './keys.ts';
export { captureHourPrefix, joinKey, profileKeyFor, reportPrefix } from './keys.ts';
