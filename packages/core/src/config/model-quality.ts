import { z } from 'zod';
import { location, scheduleExpression, windowOffsets } from './common.ts';

/** The model-quality monitor of one endpoint (SageMaker's ModelQualityMonitor). */
export const modelQualityMonitorConfig = z
  .object({
    baseline: location,
    problemType: z.enum(['BinaryClassification', 'MulticlassClassification', 'Regression']),
    inferenceAttribute: z.string().optional(),
    probabilityAttribute: z.string().optional(),
    probabilityThreshold: z.number().min(0).max(1).optional(),
    groundTruthAttribute: z.string().optional(),
    schedule: scheduleExpression.default('rate(1 hour)'),
    scheduleName: z.string().min(1).optional(),
    /** The window of captured predictions. */
    window: windowOffsets.default({ startOffset: '-PT1H', endOffset: 'PT0H' }),
    /** The window of ground-truth labels: labels often arrive later than the predictions. */
    groundTruthWindow: windowOffsets.default({ startOffset: '-P2D', endOffset: 'PT0H' }),
    /** Confidence-based performance estimation before labels arrive (binary only). */
    estimate: z.boolean().default(true),
    publishMetrics: z.boolean().default(true),
  })
  .strict();

export type ModelQualityMonitorConfig = z.infer<typeof modelQualityMonitorConfig>;
