import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { S3EventNotificationEventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/s3';
import * as z from 'zod';

// The shapes of the events Vigil's functions receive. The envelopes are Powertools' own schemas;
// the details AWS documents but Powertools has no schema for are extensions of its EventBridge one.

/**
 * Any EventBridge event: Powertools' schema, except that `time` is any string. SageMaker sends
 * some events (Endpoint State Change) with epoch milliseconds there ("1583831889050"), which the
 * ISO-only check of Powertools refuses.
 */
export const EventEnvelopeSchema = EventBridgeSchema.extend({ time: z.string() });

/** The detail of an S3 "Object Created" event delivered through EventBridge (Powertools' schema). */
export const ObjectCreatedDetailSchema = S3EventNotificationEventBridgeSchema.shape.detail;

/** The fields of "CloudWatch Alarm State Change" the router reads first; the rest stays as sent. */
export const AlarmStateChangeDetailSchema = z.looseObject({
  alarmName: z.string().min(1),
  state: z.looseObject({ value: z.string() }),
});

/** A versioned model package ARN: `…:model-package/<group>/<version>`. */
export const MODEL_PACKAGE_VERSION_ARN = /:model-package\/[^/]+\/\d+$/;

/** The fields of "SageMaker Model Package State Change" the registry gate reads. */
export const ModelPackageStateChangeDetailSchema = z.object({
  ModelPackageArn: z
    .string()
    .regex(
      MODEL_PACKAGE_VERSION_ARN,
      'ModelPackageArn must be a versioned model package ARN (…:model-package/<group>/<version>)',
    ),
  ModelApprovalStatus: z.string().optional(),
  UpdatedModelPackageFields: z.array(z.string()).optional(),
});

/** The fields of "SageMaker Model Card State Change" the registry gate reads. */
export const ModelCardStateChangeDetailSchema = z.object({
  ModelCardName: z.string(),
  ModelCardStatus: z.string(),
  ModelId: z.string().optional(),
});

/** What EventBridge Scheduler hands a scheduled monitor function (the schedule's fixed input). */
export const ScheduledMonitorInputSchema = z.strictObject({
  endpoint: z.string().min(1),
  /** The variant of an endpoint monitored per variant (its `variants` section). */
  variant: z.string().min(1).optional(),
  scheduledTime: z
    .string()
    .refine((time) => !Number.isNaN(Date.parse(time)))
    .optional(),
  /** Set by a backfill (`vigil backfill`): re-run the window even if it was settled before. */
  backfill: z.boolean().optional(),
});

/**
 * The paths and kinds of a failed parse, for error messages: never the values, which may be
 * payload data.
 *
 * @example
 * ```ts
 * describeIssues(schema.safeParse(detail).error); // 'object.key must be a string'
 * ```
 */
export function describeIssues(error: z.ZodError | undefined): string {
  return (error?.issues ?? [])
    .map((issue) => {
      const path = issue.path.map(String).join('.') || 'the value';
      if (issue.code === 'invalid_type') return `${path} must be ${article(issue.expected)}`;
      if (issue.code === 'unrecognized_keys') return `unexpected fields ${issue.keys.join(', ')}`;
      if (issue.code === 'invalid_format' && issue.format === 'regex') return issue.message;
      return `${path} is not valid (${issue.code})`;
    })
    .join('; ');
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
