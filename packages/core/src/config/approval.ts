import * as z from 'zod';

/**
 * A metric the policy reads: a model-quality metric of the package's statistics.json (`auc`,
 * `f1`, `rmse`, …), `bias:<METRIC>` (that Clarify metric, every stage, facet and facet value) or
 * `bias:*` (every bias metric except DI, whose fair value is 1, not 0).
 */
const metricReference = z.string().regex(/^([a-z][a-z0-9_]*|bias:([A-Z]{2,6}|\*))$/, {
  message:
    'must be a model-quality metric name such as "auc", "bias:<METRIC>" such as "bias:DPPL", or "bias:*"',
});

const metricRule = z
  .object({
    metric: metricReference,
    min: z.number().optional(),
    max: z.number().optional(),
    /** Absolute bound, for signed metrics such as bias: |value| ≤ maxAbs. */
    maxAbs: z.number().nonnegative().optional(),
  })
  .strict()
  .refine((r) => r.min !== undefined || r.max !== undefined || r.maxAbs !== undefined, {
    message: 'a metric rule needs at least one of min, max or maxAbs',
  })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
    message: 'min must not exceed max',
  });

const noWorseRule = z
  .object({
    /** A model-quality metric name (`auc`, `rmse`). */
    metric: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, { message: 'must be a model-quality metric name such as "auc"' }),
    /** How much worse than the approved version the candidate may be, in the metric's units. */
    tolerance: z.number().nonnegative(),
    /** Defaults from the metric: error metrics (mae, mse, rmse, false_*_rate) are lower-is-better. */
    direction: z.enum(['higher-is-better', 'lower-is-better']).optional(),
  })
  .strict();

const cardFieldPath = z
  .string()
  .regex(
    /^(model_overview|intended_uses|business_details|training_details|evaluation_details|additional_information|model_package_details)(\.[a-z_][a-z0-9_]*)*$/,
    { message: 'must be a model-card content path such as "intended_uses.risk_rating"' },
  );

/** The approval policy of one model package group. */
export const approvalPolicyConfig = z
  .object({
    modelPackageGroup: z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, {
      message:
        'must be a SageMaker model package group name: letters, digits and hyphens, at most 63 characters',
    }),
    requiredReports: z
      .array(z.enum(['ModelQuality', 'DataQuality', 'ModelBias', 'Explainability']))
      .default([]),
    modelCard: z
      .object({
        requiredFields: z.array(cardFieldPath).default([]),
        requiredStatus: z.enum(['Draft', 'PendingReview', 'Approved', 'Archived']).optional(),
      })
      .strict()
      .optional(),
    metrics: z.array(metricRule).default([]),
    /** "No worse than the current approved version by more than X" per metric. */
    noWorseThanApproved: z.array(noWorseRule).default([]),
    /**
     * Evidence from a live A/B test: the newest `comparison.json` of `endpoint` must decide
     * `challenger_better` for the challenger variant that served this version (Vigil's variant
     * comparison; the version is matched through the comparison's `modelPackages`). With
     * `maxAgeHours`, an older comparison does not count.
     */
    challengerBeatChampion: z
      .object({
        endpoint: z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, {
          message: 'must be the name of a configured endpoint with a variants section',
        }),
        maxAgeHours: z.number().positive().optional(),
      })
      .strict()
      .optional(),
    /** When the group has no approved version yet, the comparison rules pass (`pass`) or fail (`fail`). */
    whenNoApprovedVersion: z.enum(['pass', 'fail']).default('pass'),
    /**
     * Who may approve or reject a version of the group by hand: IAM role or user ARNs
     * (`arn:aws:iam::111122223333:role/ModelApprovers`; an assumed-role session of that role
     * matches), SageMaker user profile names, local `--as` identities; `*` matches any run of
     * characters. Absent: anyone the registry lets in. Empty: nobody. A change by anyone else is
     * refused (undone by the gate in AWS, not made locally) and audited.
     */
    approvers: z
      .array(
        z
          .string()
          .min(1)
          .max(2048)
          .regex(/^\S+$/, { message: 'an approver is an ARN, profile name or identity without spaces' }),
      )
      .optional(),
    /** What to do when every rule passes / any fails. */
    onPass: z.enum(['approve', 'leave-pending']).default('approve'),
    onFail: z.enum(['reject', 'leave-pending']).default('reject'),
    /** How card-sync keeps the group's model cards. */
    cards: z
      .object({
        /** Monitoring runs kept in evaluation_details (older ones are summarized in custom_details). */
        maxMonitoringEvaluations: z.number().int().min(1).max(200).default(24),
        /** Put an Approved card back to PendingReview when a run finds violations or fails. */
        reviewOnViolations: z.boolean().default(false),
      })
      .strict()
      .default({ maxMonitoringEvaluations: 24, reviewOnViolations: false }),
    /**
     * Where the group's model packages keep the reports they are registered with (ModelMetrics,
     * DriftCheckBaselines), as `s3://bucket/prefix/` folders. In AWS the gate may read only these,
     * the configured endpoints' baselines and Vigil's reports: no whole bucket.
     */
    modelMetricsLocations: z
      .array(
        z.string().regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s*?]*)?$/, {
          message: 'must be an S3 folder such as "s3://sagemaker-eu-west-1-111122223333/churn/evaluation/"',
        }),
      )
      .default([]),
  })
  .strict();

export type ApprovalPolicyConfig = z.infer<typeof approvalPolicyConfig>;

/** Every group's policy; a group may have only one, so which one applies is never ambiguous. */
export const approvalPoliciesConfig = z.array(approvalPolicyConfig).superRefine((policies, ctx) => {
  const seen = new Set<string>();
  policies.forEach((policy, i) => {
    if (seen.has(policy.modelPackageGroup)) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'modelPackageGroup'],
        message: `a second policy for group "${policy.modelPackageGroup}": merge its rules into the first`,
      });
    }
    seen.add(policy.modelPackageGroup);
  });
});

/**
 * How many rules a policy has; a policy with none approves nothing.
 *
 * @example
 * ```ts
 * policyRuleCount({ requiredReports: ['ModelQuality'], metrics: [], noWorseThanApproved: [] }); // 1
 * ```
 */
export function policyRuleCount(
  policy: Pick<ApprovalPolicyConfig, 'requiredReports' | 'modelCard' | 'metrics' | 'noWorseThanApproved'> &
    Partial<Pick<ApprovalPolicyConfig, 'challengerBeatChampion'>>,
): number {
  return (
    (policy.challengerBeatChampion ? 1 : 0) +
    policy.requiredReports.length +
    (policy.modelCard?.requiredStatus ? 1 : 0) +
    (policy.modelCard?.requiredFields.length ?? 0) +
    policy.metrics.length +
    policy.noWorseThanApproved.length
  );
}
