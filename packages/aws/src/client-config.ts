/**
 * How every AWS SDK client Vigil builds retries: the SDK's own adaptive strategy (exponential
 * backoff with jitter, plus a client-side rate limiter that slows down after throttling), three
 * attempts in all. Retries live here, once, rather than in a wrapper around `send`: a wrapper on
 * top of the SDK's retries multiplies the attempts and stacks the backoffs.
 */
export const AWS_RETRY_POLICY = { maxAttempts: 3, retryMode: 'adaptive' } as const;

/**
 * The configuration of a Vigil SDK client: {@link AWS_RETRY_POLICY} plus any settings of the
 * caller (region, endpoint, credentials), which win.
 *
 * @example
 * ```ts
 * const s3 = new S3Client(awsClientConfig({ region: 'eu-west-1' })); // 3 attempts, adaptive mode
 * ```
 */
export function awsClientConfig<T extends object>(overrides?: T): typeof AWS_RETRY_POLICY & T {
  return { ...AWS_RETRY_POLICY, ...(overrides ?? ({} as T)) };
}
