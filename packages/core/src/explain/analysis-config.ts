import * as z from 'zod';
import { ConfigError } from '../errors/vigil-error.ts';
import { knownClarifyMethods } from '../validation/clarify-methods.ts';
import type { AggregationMethod } from './aggregate.ts';

const nameOrIndex = z.union([z.string(), z.number().int()]);

const shapMethod = z.looseObject({
  baseline: z.union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional(),
  num_clusters: z.number().int().positive().optional(),
  num_samples: z.number().int().positive().optional(),
  agg_method: z.enum(['mean_abs', 'median', 'mean_sq']).default('mean_abs'),
  use_logit: z.boolean().default(false),
  save_local_shap_values: z.boolean().default(true),
  seed: z.number().int().optional(),
});

const predictor = z.looseObject({
  endpoint_name: z.string().optional(),
  model_name: z.string().optional(),
  content_type: z.string().optional(),
  accept_type: z.string().optional(),
  label: nameOrIndex.optional(),
  probability: nameOrIndex.optional(),
  label_headers: z.array(z.union([z.string(), z.number()])).optional(),
  content_template: z.string().optional(),
});

/**
 * The parts of Clarify's analysis_config.json that explanations use. Unknown fields (bias
 * settings, pdp, report, newer additions) are accepted and ignored.
 */
export const clarifyAnalysisConfig = z.looseObject({
  version: z.string().optional(),
  dataset_type: z.string().default('text/csv'),
  headers: z.array(z.string()).optional(),
  label: nameOrIndex.optional(),
  predicted_label: nameOrIndex.optional(),
  features: z.string().optional(),
  excluded_columns: z.array(nameOrIndex).optional(),
  // A misspelt `shap` would otherwise be ignored and Clarify's default settings used.
  methods: z.looseObject({ shap: shapMethod.optional() }).superRefine(knownClarifyMethods).default({}),
  predictor: predictor.default({}),
});

export type ClarifyAnalysisConfig = z.infer<typeof clarifyAnalysisConfig>;
export type ShapMethodConfig = z.infer<typeof shapMethod>;
export type PredictorConfig = z.infer<typeof predictor>;

/** The SHAP settings of an analysis config with Clarify's defaults applied. */
export interface ShapSettings {
  baseline?: ShapMethodConfig['baseline'];
  numClusters?: number;
  numSamples?: number;
  aggMethod: AggregationMethod;
  useLogit: boolean;
  saveLocalShapValues: boolean;
  seed: number;
}

/**
 * Parses Clarify's analysis_config.json text; throws ConfigError naming the bad field.
 *
 * @example
 * ```ts
 * const config = parseAnalysisConfig('{"dataset_type":"text/csv","methods":{"shap":{"baseline":[[1,2]]}}}');
 * shapSettings(config).aggMethod; // 'mean_abs'
 * ```
 */
export function parseAnalysisConfig(text: string, source = 'analysis_config.json'): ClarifyAnalysisConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${source} is not valid JSON (${(error as Error).message}): fix the file`, {
      cause: error,
    });
  }
  const parsed = clarifyAnalysisConfig.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.');
    throw new ConfigError(`${source}: ${path || '(root)'} ${issue.message}`, { path });
  }
  const shap = parsed.data.methods.shap;
  if (shap?.baseline !== undefined && shap.num_clusters !== undefined) {
    throw new ConfigError(`${source}: methods.shap sets both baseline and num_clusters: keep one`, {
      path: 'methods.shap.num_clusters',
    });
  }
  return parsed.data;
}

/** SHAP settings with Clarify's defaults (mean_abs, no logit, seed 0). */
export function shapSettings(config: ClarifyAnalysisConfig): ShapSettings {
  const shap = config.methods.shap;
  return {
    baseline: shap?.baseline,
    numClusters: shap?.num_clusters,
    numSamples: shap?.num_samples,
    aggMethod: shap?.agg_method ?? 'mean_abs',
    useLogit: shap?.use_logit ?? false,
    saveLocalShapValues: shap?.save_local_shap_values ?? true,
    seed: shap?.seed ?? 0,
  };
}
