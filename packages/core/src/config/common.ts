import * as z from 'zod';

/** `rate(1 hour)`, `rate(15 minutes)` or `cron(0 * * * ? *)`, as EventBridge Scheduler takes them. */
export const scheduleExpression = z
  .string()
  .regex(/^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/, {
    message: 'must be an EventBridge schedule such as "rate(1 hour)" or "cron(0 * * * ? *)"',
  });

/** An ISO-8601 duration, negative for offsets into the past: `-PT1H`, `-P1D`, `PT0H`. */
export const isoOffset = z.string().regex(/^-?P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, {
  message: 'must be an ISO-8601 duration such as "-PT1H" or "-P1D"',
});

/**
 * A SageMaker resource name (endpoint, variant, model package group): letters, digits and
 * hyphens, at most 63 characters. Vigil puts these names into S3 keys and ARNs, so `../x` or `a/b`
 * must never pass.
 *
 * @example
 * ```ts
 * sagemakerName('model package group').safeParse('../../x').success; // false
 * ```
 */
export function sagemakerName(what: string) {
  return z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, {
    message: `must be a SageMaker ${what} name: letters, digits and hyphens, at most 63 characters`,
  });
}

/**
 * Where data lives: a key prefix inside Vigil's own store (`capture/`), or an `s3://bucket/prefix`
 * URI in AWS.
 */
export const location = z.string().min(1, { message: 'must name a key prefix or an s3:// URI' });

/** A window relative to the scheduled hour, as SageMaker's StartTimeOffset / EndTimeOffset. */
export const windowOffsets = z
  .object({
    startOffset: isoOffset.default('-PT1H'),
    endOffset: isoOffset.default('PT0H'),
  })
  .strict();

export type WindowOffsets = z.infer<typeof windowOffsets>;

/**
 * The fields every monitor has: where its baseline is, when it runs, the window of captured data
 * it reads and whether it publishes CloudWatch metrics. Spread into each monitor's object.
 */
export const monitorFields = {
  /** The baseline: a folder of baseline files, or Clarify's analysis.json (see each monitor). */
  baseline: location,
  schedule: scheduleExpression.default('rate(1 hour)'),
  /** SageMaker's MonitoringScheduleName; used as the MonitoringSchedule metric dimension. */
  scheduleName: z.string().min(1).optional(),
  /** The window of captured data. */
  window: windowOffsets.default({ startOffset: '-PT1H', endOffset: 'PT0H' }),
  publishMetrics: z.boolean().default(true),
};
