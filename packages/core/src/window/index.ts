export type { AnalysisWindow, RecordSelection } from './analysis-window.ts';
export {
  analysisWindow,
  captureFileInWindow,
  captureHours,
  recordInWindow,
  SPILLOVER_HOURS,
} from './analysis-window.ts';
export { durationMs } from './iso-duration.ts';
export type { TimeWindow } from './window.ts';
export { HOUR_MS, hourFromKey, hourOf, hourPath, hoursIn, inWindow, windowFromOffsets } from './window.ts';
