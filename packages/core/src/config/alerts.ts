import * as z from 'zod';

/**
 * Guardrail alarms beyond the per-monitor roll-up and heartbeat alarms Vigil always defines.
 * The baseline's features are not known when infra deploys, so per-feature drift alarms exist
 * only for the features listed here.
 */
export const guardrailConfig = z
  .object({
    /** Features that get their own `feature_baseline_drift_<feature>` alarm. */
    driftFeatures: z.array(z.string().min(1)).default([]),
    /** Drift distance above which a listed feature alarms (Model Monitor's default comparison_threshold). */
    driftThreshold: z.number().positive().default(0.1),
    /** An alarm when Vigil's own drift methods flag any feature (`vigil_drift_count` > 0). */
    vigilDrift: z.boolean().default(false),
    /** Features that get their own alarm on Vigil's verdict `vigil_drifted_<feature>` (1 = drifted). */
    vigilDriftFeatures: z.array(z.string().min(1)).default([]),
    /**
     * A model-quality metric with its own alarm, e.g. `{ "metric": "recall", "threshold": 0.62 }`.
     * Without `threshold` the baseline's constraints.json provides it when infra passes it in.
     */
    modelMetric: z
      .object({
        metric: z.string().min(1),
        threshold: z.number().optional(),
        comparison: z.enum(['LessThanThreshold', 'GreaterThanThreshold']).default('LessThanThreshold'),
      })
      .strict()
      .optional(),
    /** Alarm when a monitor failed or did not run for two schedule periods in a row. */
    heartbeat: z.boolean().default(true),
    /** Prefix of every alarm name: `<prefix>-<endpoint>-<monitor>-<what>`. */
    alarmNamePrefix: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/)
      .default('vigil'),
  })
  .strict();

/** How an endpoint's alerts are routed and what happens when a guardrail alarm fires. */
export const endpointAlertConfig = z
  .object({
    channels: z.array(z.string().min(1)).default([]),
    /** Repeats of one incident are suppressed for this long. */
    suppressMinutes: z.number().int().min(0).default(60),
    runbookUrl: z.url().optional(),
    /** Optional so configurations written before it stay valid; `resolveGuardrails` fills the defaults. */
    guardrails: guardrailConfig.optional(),
  })
  .strict();

export const rollbackPolicyConfig = z
  .object({
    policy: z.enum(['notify', 'rollback']).default('notify'),
    /** Reject the offending model package version when rolling back. */
    rejectModelPackage: z.boolean().default(true),
  })
  .strict();

export type EndpointAlertConfig = z.infer<typeof endpointAlertConfig>;
export type GuardrailConfig = z.infer<typeof guardrailConfig>;
export type RollbackPolicyConfig = z.infer<typeof rollbackPolicyConfig>;
