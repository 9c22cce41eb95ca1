import { z } from 'zod';

const metricRule = z
  .object({
    /** Where the metric is read: a model-quality metric name (`auc`), or `bias:<METRIC>` for every facet. */
    metric: z.string().min(1),
    min: z.number().optional(),
    max: z.number().optional(),
    /** Absolute bound, for signed metrics such as bias: |value| ≤ maxAbs. */
    maxAbs: z.number().nonnegative().optional(),
  })
  .strict()
  .refine((r) => r.min !== undefined || r.max !== undefined || r.maxAbs !== undefined, {
    message: 'a metric rule needs at least one of min, max or maxAbs',
  });

/** The approval policy of one model package group. */
export const approvalPolicyConfig = z
  .object({
    modelPackageGroup: z.string().min(1),
    requiredReports: z
      .array(z.enum(['ModelQuality', 'DataQuality', 'ModelBias', 'Explainability']))
      .default([]),
    modelCard: z
      .object({
        requiredFields: z.array(z.string().min(1)).default([]),
        requiredStatus: z.enum(['Draft', 'PendingReview', 'Approved', 'Archived']).optional(),
      })
      .strict()
      .optional(),
    metrics: z.array(metricRule).default([]),
    /** "No worse than the current approved version by more than X" per metric. */
    noWorseThanApproved: z
      .array(z.object({ metric: z.string().min(1), tolerance: z.number().nonnegative() }).strict())
      .default([]),
    /** What to do when every rule passes / any fails. */
    onPass: z.enum(['approve', 'leave-pending']).default('approve'),
    onFail: z.enum(['reject', 'leave-pending']).default('reject'),
  })
  .strict();

export type ApprovalPolicyConfig = z.infer<typeof approvalPolicyConfig>;
