import * as z from 'zod';
import { location, monitorFields, windowOffsets } from './common.ts';

/** The bias-drift monitor of one endpoint (SageMaker's ModelBiasMonitor). */
export const biasDriftMonitorConfig = z
  .object({
    /** baseline: the baseline Clarify analysis.json (its metric values are the constraints). */
    ...monitorFields,
    /** Clarify's analysis_config.json. */
    analysisConfig: location,
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
    /**
     * When a metric violates: `point` (SageMaker's rule: the value is farther from 0 than the
     * baseline's) or `interval` (beyond Clarify: the whole bootstrap interval is; needs bootstrap).
     */
    violationPolicy: z.enum(['point', 'interval']).default('point'),
    /** Where the prediction is in the captured output (ModelBiasJobInput's EndpointInput attributes). */
    inferenceAttribute: z.string().min(1).optional(),
    probabilityAttribute: z.string().min(1).optional(),
    /** A score greater than this is label 1 (SageMaker's ProbabilityThresholdAttribute). */
    probabilityThreshold: z.number().default(0.5),
    /** Where the label is in the ground-truth record (default: its first column). */
    groundTruthAttribute: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((monitor, ctx) => {
    if (monitor.violationPolicy === 'interval' && !monitor.bootstrap.enabled)
      ctx.addIssue({
        code: 'custom',
        path: ['violationPolicy'],
        message: '"interval" needs bootstrap intervals: set bootstrap.enabled to true, or use "point"',
      });
  });

export type BiasDriftMonitorConfig = z.infer<typeof biasDriftMonitorConfig>;
