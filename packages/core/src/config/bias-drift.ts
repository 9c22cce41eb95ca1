import { z } from 'zod';
import { location, scheduleExpression, windowOffsets } from './common.ts';

/** The bias-drift monitor of one endpoint (SageMaker's ModelBiasMonitor). */
export const biasDriftMonitorConfig = z
  .object({
    /** The baseline Clarify analysis.json (its metric values are the constraints). */
    baseline: location,
    /** Clarify's analysis_config.json. */
    analysisConfig: location,
    schedule: scheduleExpression.default('rate(1 hour)'),
    scheduleName: z.string().min(1).optional(),
    window: windowOffsets.default({ startOffset: '-PT1H', endOffset: 'PT0H' }),
    groundTruthWindow: windowOffsets.default({ startOffset: '-P2D', endOffset: 'PT0H' }),
    /** Beyond Clarify: require the bootstrap interval, not the point value, to cross the baseline. */
    bootstrap: z
      .object({
        enabled: z.boolean().default(false),
        resamples: z.number().int().min(50).max(10_000).default(500),
        confidence: z.number().gt(0).lt(1).default(0.95),
        seed: z.number().int().default(1),
      })
      .strict()
      .default({ enabled: false, resamples: 500, confidence: 0.95, seed: 1 }),
    publishMetrics: z.boolean().default(true),
  })
  .strict();

export type BiasDriftMonitorConfig = z.infer<typeof biasDriftMonitorConfig>;
