/** How {@link withRetries} retries. */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts?: number;
  /** Cap of the first backoff; doubles with every attempt. Default 100 ms. */
  baseDelayMs?: number;
  /** Ceiling of any backoff. Default 5 000 ms. */
  maxDelayMs?: number;
  /** Which errors are worth another attempt. Default {@link isTransientAwsError}. */
  retryable?: (error: unknown) => boolean;
  /** Injected in tests so that they do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected in tests for a deterministic jitter; returns a number in [0, 1). */
  random?: () => number;
}

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

/**
 * Runs `operation` and retries it on transient errors with exponential backoff and full jitter
 * (a random wait between 0 and min(maxDelayMs, baseDelayMs * 2^retry)), as AWS recommends. The
 * last error is rethrown unchanged once the attempts are spent or the error is not retryable.
 *
 * @example
 * ```ts
 * const out = await withRetries(() => client.send(new PutMetricDataCommand(input)));
 * ```
 */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const retryable = options.retryable ?? isTransientAwsError;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= maxAttempts || !retryable(error)) throw error;
      await backoff(attempt, options);
    }
  }
}

/**
 * Waits before retry number `retry` (1 for the first retry): a random time between 0 and
 * min(maxDelayMs, baseDelayMs * 2^(retry - 1)). For loops that decide themselves what to retry,
 * such as resending the failed entries of a batch.
 *
 * @example
 * ```ts
 * for (let attempt = 1; attempt < 5 && failed.length; attempt++) { await backoff(attempt); failed = await resend(failed); }
 * ```
 */
export async function backoff(retry: number, options: RetryOptions = {}): Promise<void> {
  const base = options.baseDelayMs ?? 100;
  const ceiling = options.maxDelayMs ?? 5_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  await sleep(Math.floor(random() * Math.min(ceiling, base * 2 ** (retry - 1))));
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
