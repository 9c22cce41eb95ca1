import * as z from 'zod';
import { ConfigError } from '../errors/vigil-error.ts';
import { parseJson } from '../json/parse-json.ts';
import { knownClarifyMethods } from '../validation/clarify-methods.ts';

const integer = z.union([z.bigint().transform(Number), z.number().int()]);
const nameOrIndex = z.union([z.string().min(1), integer]);
const scalar = z.union([z.string(), z.bigint(), z.number(), z.boolean()]);
const number = z.union([z.number(), z.bigint().transform(Number)]);
const methodList = z
  .object({ methods: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]) })
  .loose();

/**
 * Clarify's analysis_config.json (and the bias monitor's config, which is its subset), read
 * unchanged. Integers stay `bigint` in value lists, because Clarify prints `1` and `1.0`
 * differently. Unknown fields are kept: Clarify added fields over time.
 */
export const analysisConfigSchema = z
  .object({
    version: z.string().optional(),
    dataset_type: z
      .enum([
        'text/csv',
        'application/jsonlines',
        'application/json',
        'application/sagemakercapturejson',
        'application/x-parquet',
        'application/x-image',
      ])
      .optional(),
    dataset_uri: z.string().optional(),
    headers: z.array(z.string()).optional(),
    label: nameOrIndex.optional(),
    predicted_label: nameOrIndex.optional(),
    features: z.string().optional(),
    label_values_or_threshold: z.array(scalar).optional(),
    probability_threshold: number.optional(),
    facet: z
      .array(z.object({ name_or_index: nameOrIndex, value_or_threshold: z.array(scalar).optional() }).loose())
      .optional(),
    excluded_columns: z.array(nameOrIndex).optional(),
    group_variable: nameOrIndex.optional(),
    methods: z
      .object({ pre_training_bias: methodList.optional(), post_training_bias: methodList.optional() })
      .loose()
      // A misspelt stage would otherwise be ignored and the run would fall back to every metric.
      .superRefine(knownClarifyMethods)
      .optional(),
    predictor: z
      .object({ label: nameOrIndex.optional(), probability: nameOrIndex.optional() })
      .loose()
      .optional(),
  })
  .loose();

/** A parsed analysis_config.json. */
export type AnalysisConfig = z.infer<typeof analysisConfigSchema>;

/**
 * Parses and validates analysis_config.json text. Throws `ConfigError` naming the bad field, and
 * when the file asks for bias metrics without a label, its positive values or a facet.
 *
 * @example
 * ```ts
 * const config = parseAnalysisConfig(await readFile('analysis_config.json', 'utf8'));
 * config.facet?.[0]?.name_or_index; // 'customer_gender_female'
 * ```
 */
export function parseAnalysisConfig(text: string, source = 'analysis_config.json'): AnalysisConfig {
  let raw: unknown;
  try {
    raw = parseJson(text, { integersAsBigInt: true });
  } catch (error) {
    throw new ConfigError(`${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = analysisConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    throw new ConfigError(`${source}: invalid field "${path || '(root)'}": ${issue.message}`, { path });
  }
  const config = result.data;
  const missing = (field: string, fix: string) =>
    new ConfigError(`${source}: "${field}" is required for bias analysis: ${fix}`, { path: field });
  if (config.label === undefined) throw missing('label', 'name the label column (or its index)');
  if (!config.label_values_or_threshold || config.label_values_or_threshold.length === 0)
    throw missing('label_values_or_threshold', 'list the positive label values, or one threshold');
  if (!config.facet || config.facet.length === 0)
    throw missing('facet', 'list at least one {"name_or_index": ...} to analyse');
  return config;
}

/**
 * The metric names a stage asks for, or undefined when the config does not ask for that stage.
 *
 * @example
 * ```ts
 * requestedMethods(parseAnalysisConfig(text), 'post_training'); // 'all', ['DPPL', 'DI'] or undefined
 * ```
 */
export function requestedMethods(
  config: AnalysisConfig,
  stage: 'pre_training' | 'post_training',
): 'all' | string[] | undefined {
  const entry =
    stage === 'pre_training' ? config.methods?.pre_training_bias : config.methods?.post_training_bias;
  if (!entry) return undefined;
  return entry.methods === 'all' ? 'all' : [...entry.methods];
}
