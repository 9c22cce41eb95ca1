import * as z from 'zod';
import { location } from './common.ts';

const snsTopicArn = z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]*:\d{12}:[A-Za-z0-9_.-]+$/, {
  message: 'must be an SNS topic ARN such as "arn:aws:sns:eu-west-1:111122223333:churn-async-success"',
});

/**
 * An endpoint served with SageMaker Asynchronous Inference: the SNS topics of its endpoint
 * config's NotificationConfig, which the async-capture function subscribes to, and where the
 * requests' InputLocations and the results lie (what that function may read). Each completed
 * inference becomes one capture record under `{capture}/{endpoint}/{variant}/…`, so profiles and
 * monitors read it as real-time capture; each failure is recorded under `async-errors/`.
 */
export const asyncInferenceConfig = z
  .object({
    successTopic: snsTopicArn.optional(),
    errorTopic: snsTopicArn.optional(),
    /** Folders (s3:// URIs or key prefixes) the requests' InputLocations lie under. */
    inputs: z.array(location).min(1),
    /** Folders the endpoint config's S3OutputPath (and S3FailurePath) name. */
    outputs: z.array(location).min(1),
  })
  .strict()
  .refine((a) => a.successTopic !== undefined || a.errorTopic !== undefined, {
    message: 'name successTopic, errorTopic or both: the topics of the endpoint config’s NotificationConfig',
  });

export type AsyncInferenceConfig = z.infer<typeof asyncInferenceConfig>;
