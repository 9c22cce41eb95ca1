import * as z from 'zod';
import { monitorFields, windowOffsets } from './common.ts';

/** The model-quality monitor of one endpoint (SageMaker's ModelQualityMonitor). */
export const modelQualityMonitorConfig = z
  .object({
    /** baseline: folder (prefix or s3:// URI) holding constraints.json (and calibration.json for the estimate). */
    ...monitorFields,
    problemType: z.enum(['BinaryClassification', 'MulticlassClassification', 'Regression']),
    /** Where the prediction is in the captured output: a 0-based column index (CSV) or a JSON path (JSON). */
    inferenceAttribute: z.string().min(1).optional(),
    /** Where the positive-class probability is (binary): column index or JSON path. */
    probabilityAttribute: z.string().min(1).optional(),
    /** A probability at or above it predicts the positive class. Default 0.5. */
    probabilityThreshold: z.number().min(0).max(1).optional(),
    /** Where the label is in the ground-truth data: column index or JSON path. Default: its first column. */
    groundTruthAttribute: z.string().min(1).optional(),
    /** The window of ground-truth labels: labels often arrive later than the predictions. */
    groundTruthWindow: windowOffsets.default({ startOffset: '-P2D', endOffset: 'PT0H' }),
    /**
     * What the monitor reads: the extracts profile-capture writes, the raw capture files, or
     * `auto` — the extracts, falling back to raw capture for a window that has none.
     */
    captureSource: z.enum(['auto', 'extracts', 'capture']).default('auto'),
    /** Confidence-based performance estimation before labels arrive (binary only). */
    estimate: z.boolean().default(true),
  })
  .strict();

export type ModelQualityMonitorConfig = z.infer<typeof modelQualityMonitorConfig>;
