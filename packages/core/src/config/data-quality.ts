import * as z from 'zod';
import { monitorFields } from './common.ts';
import { driftConfig } from './drift.ts';

/** The data-quality monitor of one endpoint (SageMaker's DefaultModelMonitor). */
export const dataQualityMonitorConfig = z
  .object({
    /** baseline: folder (prefix) holding statistics.json and constraints.json. */
    ...monitorFields,
    /**
     * Where the captured output columns go in a profiled row, as SageMaker's analyzer's
     * `output_columns_position`: START (its default: a baseline dataset with the label first),
     * END, or NONE (the baseline has input features only).
     */
    outputColumns: z.enum(['START', 'END', 'NONE']).default('START'),
    /** Vigil's drift methods, thresholds and the violations switch (config/drift.ts). */
    drift: driftConfig.default({ features: {}, violations: false }),
  })
  .strict();

export type DataQualityMonitorConfig = z.infer<typeof dataQualityMonitorConfig>;
