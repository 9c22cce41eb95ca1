export type { MonitorFolder } from './keys.ts';
export { captureHourPrefix, joinKey, profileKeyFor, reportPrefix } from './keys.ts';
export {
  cloudWatchDimensionValueProblem,
  cloudWatchMetricNameProblem,
  SAGEMAKER_NAME,
  sageMakerNameProblem,
} from './names.ts';
