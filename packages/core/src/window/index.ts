export { durationMs } from './iso-duration.ts';
export type { TimeWindow } from './window.ts';
export { hourFromKey, hourOf, hourPath, hoursIn, inWindow, windowFromOffsets } from './window.ts';
