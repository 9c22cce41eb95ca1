export type { RetryOptions } from './backoff.ts';
export { backoff } from './backoff.ts';
export { AWS_RETRY_POLICY, awsClientConfig } from './client-config.ts';
export { CloudWatchAlarmStates } from './cloudwatch-alarm-states.ts';
export type { CloudWatchMetricSinkOptions, MetricPublishReport } from './cloudwatch-metric-sink.ts';
export { CloudWatchMetricSink } from './cloudwatch-metric-sink.ts';
export { EventPublishError } from './event-publish-error.ts';
export type { EventBridgePublisherOptions } from './eventbridge-publisher.ts';
export { EventBridgePublisher } from './eventbridge-publisher.ts';
export {
  type FunctionUrlClientOptions,
  type FunctionUrlResponse,
  functionUrlClient,
} from './function-url-client.ts';
export { type HttpModelInvokerOptions, httpModelInvoker, pingModel } from './http-invoker.ts';
export { CLOUDWATCH_MAX_MAGNITUDE, cloudWatchValue } from './metric-values.ts';
export { logger, type VigilLogger } from './powertools-logger.ts';
export type { S3ObjectStoreOptions } from './s3-object-store.ts';
export { S3ObjectStore } from './s3-object-store.ts';
export { SageMakerModelCardStore, type SageMakerModelCardStoreOptions } from './sagemaker-cards.ts';
export { SageMakerEndpointWeights } from './sagemaker-endpoint-weights.ts';
export { SageMakerEndpointController } from './sagemaker-endpoints.ts';
export { SageMakerInvoker, type SageMakerInvokerOptions } from './sagemaker-invoker.ts';
export {
  SageMakerModelRegistry,
  type SageMakerModelRegistryOptions,
  toModelPackage,
} from './sagemaker-registry.ts';
export type { SesEmailNotifierOptions } from './ses-notifier.ts';
export { SesEmailNotifier } from './ses-notifier.ts';
export type { SlackWebhookNotifierOptions } from './slack-notifier.ts';
export { SlackWebhookNotifier } from './slack-notifier.ts';
export type { SnsNotifierOptions } from './sns-notifier.ts';
export { SnsNotifier } from './sns-notifier.ts';
export {
  type BackfillExecutionState,
  type MapRunCounts,
  mapRunLabel,
  StepFunctionsBackfill,
} from './step-functions-backfill.ts';
export { isTransientAwsError } from './transient-errors.ts';
export { transportNotifier } from './transport-notifier.ts';
