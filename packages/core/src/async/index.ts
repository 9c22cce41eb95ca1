export { asyncMetricsNamespace } from '../monitors/async-namespace.ts';
export {
  ASYNC_ERRORS_PREFIX,
  type AsyncPayload,
  asyncCaptureKey,
  asyncCaptureLine,
  asyncErrorKey,
  asyncErrorRecord,
} from './capture-record.ts';
export { countAsyncErrors } from './count-errors.ts';
export { ASYNC_FAILURES_METRIC, asyncFailureDatums } from './error-metrics.ts';
export {
  type AsyncInferenceNotification,
  asyncNotificationsOf,
  parseAsyncNotification,
} from './notification.ts';
