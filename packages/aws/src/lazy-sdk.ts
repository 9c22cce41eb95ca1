// The AWS SDK clients load on first use, not when @vigil/aws is imported: a CLI command that
// reads local files never pays for them (about 0.45 s and 50 MB for all of them), and a Lambda
// loads only the clients its handler calls.

/**
 * A loader that imports a module once, on first call, and gives the same promise after.
 *
 * @example
 * ```ts
 * const s3Sdk = onFirstUse(() => import('@aws-sdk/client-s3'));
 * const { S3Client } = await s3Sdk();
 * ```
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}

export const s3Sdk = /* @__PURE__ */ onFirstUse(() => import('@aws-sdk/client-s3'));
export const cloudWatchSdk = /* @__PURE__ */ onFirstUse(() => import('@aws-sdk/client-cloudwatch'));
export const eventBridgeSdk = /* @__PURE__ */ onFirstUse(() => import('@aws-sdk/client-eventbridge'));
export const sageMakerSdk = /* @__PURE__ */ onFirstUse(() => import('@aws-sdk/client-sagemaker'));
export const sageMakerRuntimeSdk = /* @__PURE__ */ onFirstUse(
  () => import('@aws-sdk/client-sagemaker-runtime'),
);
export const sesSdk = /* @__PURE__ */ onFirstUse(() => import('@aws-sdk/client-sesv2'));
export const snsSdk = /* @__PURE__ */ onFirstUse(() => import('@aws-sdk/client-sns'));
export const sfnSdk = /* @__PURE__ */ onFirstUse(() => import('@aws-sdk/client-sfn'));
