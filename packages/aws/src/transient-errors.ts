// AWS error names that mean "try again later"; the SDK retries these itself, Vigil only reports
// them (an alert that failed on one is marked retryable).
const TRANSIENT_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'InternalServiceError',
  'InternalServiceFault',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/**
 * Whether an AWS SDK error is worth retrying: throttling, HTTP 429 or any 5xx.
 *
 * @example
 * ```ts
 * isTransientAwsError(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })); // true
 * ```
 */
export function isTransientAwsError(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (e?.name && TRANSIENT_NAMES.has(e.name)) return true;
  if (e?.$retryable) return true;
  const status = e?.$metadata?.httpStatusCode;
  return status === 429 || (status !== undefined && status >= 500);
}
