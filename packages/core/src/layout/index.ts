export type { MonitorFolder } from './keys.ts';
export { captureHourPrefix, groundTruthHourPrefix, joinKey, profileKeyFor, reportPrefix } from './keys.ts';
export {
  cloudWatchDimensionValueProblem,
  cloudWatchMetricNameProblem,
  keySegment,
  SAGEMAKER_NAME,
  sageMakerNameProblem,
} from './names.ts';
