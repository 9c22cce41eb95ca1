import * as z from 'zod';
import { DRIFT_METHOD_NAMES } from '../dataquality/drift/registry.ts';
import { location, sagemakerName, scheduleExpression, windowOffsets } from './common.ts';

/**
 * The optional Thompson-sampling policy that shifts the endpoint's variant weights
 * (`UpdateEndpointWeightsAndCapacities`), bounded by guardrails.
 */
export const banditConfig = z
  .object({
    /** What a variant earns: a labeled quality rate (`accuracy`), or a number read from capture output. */
    reward: z.discriminatedUnion('type', [
      z.object({ type: z.literal('quality'), metric: z.enum(['accuracy', 'precision', 'recall']) }).strict(),
      z
        .object({
          type: z.literal('capture'),
          /** Column index (CSV) or JSON path (JSON) of the business value in the captured output. */
          attribute: z.string().min(1),
          /** `rate`: the value is 0/1 (a conversion); `continuous`: any number (revenue). */
          kind: z.enum(['rate', 'continuous']).default('rate'),
        })
        .strict(),
    ]),
    minWeight: z.number().min(0).max(1).default(0.05),
    maxWeight: z.number().min(0).max(1).default(0.95),
    /** The largest change of one variant's share of traffic in one shift. */
    maxStep: z.number().gt(0).max(1).default(0.1),
    cooldownMinutes: z.number().int().nonnegative().default(60),
    /** CloudWatch alarm names: while any is in ALARM, no shift happens. */
    guardrailAlarms: z.array(z.string().min(1)).default([]),
    schedule: scheduleExpression.default('rate(1 hour)'),
  })
  .strict()
  .refine((b) => b.minWeight <= b.maxWeight, { message: 'minWeight must not exceed maxWeight' });

/**
 * The production variants of an endpoint and how the challengers are judged against the champion
 * (`vigil compare variants`, the compare-variants function).
 */
export const variantsConfig = z
  .object({
    champion: sagemakerName('production variant'),
    challengers: z.array(sagemakerName('production variant')).default([]),
    /** Shadow variants: they answer copies of the champion's requests. */
    shadows: z.array(sagemakerName('production variant')).default([]),
    /**
     * Run the endpoint's monitors once per variant (champion, challengers, shadows), each on its
     * own capture `{capture}/{endpoint}/{variant}/…`, instead of once on the endpoint's `variant`.
     * Off by default, so a configuration written before per-variant monitoring keeps its schedules,
     * alarms and report folders.
     */
    monitorEachVariant: z.boolean().default(false),
    problemType: z.enum(['BinaryClassification', 'MulticlassClassification', 'Regression']),
    inferenceAttribute: z.string().min(1).optional(),
    probabilityAttribute: z.string().min(1).optional(),
    probabilityThreshold: z.number().min(0).max(1).optional(),
    groundTruthAttribute: z.string().min(1).optional(),
    /** α: a difference with a smaller p-value is significant. */
    significance: z.number().gt(0).lt(0.5).default(0.05),
    /** The smallest difference that matters, in the decision metric's units. */
    minimumEffect: z.number().nonnegative().default(0.01),
    /** 1 − β, for the sample size still needed when inconclusive. */
    power: z.number().gt(0).lt(1).default(0.8),
    /** The decision metric; default auc (binary), accuracy (multiclass), mae (regression). */
    metric: z.enum(['auc', 'accuracy', 'precision', 'recall', 'f1', 'mae', 'mse']).optional(),
    predictionDriftMethod: z
      .string()
      .refine((name) => DRIFT_METHOD_NAMES.includes(name), {
        message: `must be a drift method: one of ${DRIFT_METHOD_NAMES.join(', ')}`,
      })
      .optional(),
    /** A baseline folder with calibration.json: binary variants then get estimates before labels. */
    baseline: location.optional(),
    schedule: scheduleExpression.default('rate(1 hour)'),
    window: windowOffsets.default({ startOffset: '-PT1H', endOffset: 'PT0H' }),
    groundTruthWindow: windowOffsets.default({ startOffset: '-P2D', endOffset: 'PT0H' }),
    captureSource: z.enum(['auto', 'extracts', 'capture']).default('auto'),
    publishMetrics: z.boolean().default(true),
    bandit: banditConfig.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const names = [v.champion, ...v.challengers, ...v.shadows];
    if (names.length < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['challengers'],
        message: 'name at least one challenger or shadow',
      });
    }
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) ctx.addIssue({ code: 'custom', message: `variant "${name}" is named twice` });
      seen.add(name);
    }
    const binaryOnly = ['auc', 'precision', 'recall', 'f1'];
    const allowed =
      v.problemType === 'Regression'
        ? ['mae', 'mse']
        : v.problemType === 'MulticlassClassification'
          ? ['accuracy']
          : ['accuracy', ...binaryOnly];
    if (v.metric && !allowed.includes(v.metric)) {
      ctx.addIssue({
        code: 'custom',
        path: ['metric'],
        message: `is not compared for ${v.problemType}: use one of ${allowed.join(', ')}`,
      });
    }
  });

export type VariantsConfig = z.infer<typeof variantsConfig>;
export type BanditConfig = z.infer<typeof banditConfig>;
