import { z } from 'zod';

/**
 * A notification channel. Secrets (webhook URLs) are never in the file: `webhookSecret`
 * names an SST secret in AWS, or an environment variable in local mode.
 */
export const channelConfig = z.discriminatedUnion('type', [
  z.object({ type: z.literal('slack'), webhookSecret: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/) }).strict(),
  z
    .object({
      type: z.literal('email'),
      from: z.email(),
      to: z.array(z.email()).min(1),
    })
    .strict(),
  z.object({ type: z.literal('sns'), topicArn: z.string().startsWith('arn:').optional() }).strict(),
]);

/** How an endpoint's alerts are routed and what happens when a guardrail alarm fires. */
export const endpointAlertConfig = z
  .object({
    channels: z.array(z.string().min(1)).default([]),
    /** Repeats of one incident are suppressed for this long. */
    suppressMinutes: z.number().int().min(0).default(60),
    runbookUrl: z.url().optional(),
  })
  .strict();

export const rollbackPolicyConfig = z
  .object({
    policy: z.enum(['notify', 'rollback']).default('notify'),
    /** Reject the offending model package version when rolling back. */
    rejectModelPackage: z.boolean().default(true),
  })
  .strict();

export type ChannelConfig = z.infer<typeof channelConfig>;
export type EndpointAlertConfig = z.infer<typeof endpointAlertConfig>;
export type RollbackPolicyConfig = z.infer<typeof rollbackPolicyConfig>;
