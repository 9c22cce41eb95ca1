/** How {@link backoff} waits between the resends Vigil decides itself (PutEvents' failed entries, S3's conflicts). */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 5. */
  maxAttempts?: number;
  /** Cap of the first backoff; doubles with every attempt. Default 100 ms. */
  baseDelayMs?: number;
  /** Ceiling of any backoff. Default 5 000 ms. */
  maxDelayMs?: number;
  /** Injected in tests so that they do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected in tests for a deterministic jitter; returns a number in [0, 1). */
  random?: () => number;
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
