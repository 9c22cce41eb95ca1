import * as z from 'zod';

// Clarify writes numbers (integers read as bigint), ±Infinity and NaN as strings, null when a metric failed.
// A bare NaN or Infinity token parses to a non-finite number, which z.number() would refuse.
const anyNumber = z.custom<number>((v) => typeof v === 'number', 'expected a number');
const metricValue = z.union([anyNumber, z.bigint(), z.enum(['Infinity', '-Infinity', 'NaN']), z.null()]);
const scalar = z.union([z.string(), z.number(), z.bigint(), z.boolean()]);

const metric = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  value: metricValue.optional(),
  error: z.union([z.string(), z.null()]).optional(),
});

const stage = z.looseObject({
  label: scalar.optional(),
  facets: z.record(
    z.string(),
    z.array(z.looseObject({ value_or_threshold: scalar.optional(), metrics: z.array(metric) })),
  ),
  label_value_or_threshold: scalar.optional(),
});

/**
 * A Clarify bias analysis.json (a bias baseline, or a previous run's report): the stages and every
 * metric's name and value are checked, so a baseline value of the wrong type cannot turn a
 * comparison off. Unknown fields (`explanations`, Vigil's intervals, newer additions) are kept.
 */
export const biasAnalysisJsonSchema = z.looseObject({
  version: z.string().optional(),
  post_training_bias_metrics: stage.optional(),
  pre_training_bias_metrics: stage.optional(),
});
