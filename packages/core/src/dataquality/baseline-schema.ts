import * as z from 'zod';
import { caseInsensitiveEnum } from '../validation/case-insensitive-enum.ts';

// Jackson writes non-finite doubles as strings ("NaN", "Infinity"); Vigil's writer does too.
const nonFinite = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/** A summary number: a JSON number, or Jackson's "NaN" / "Infinity" / "-Infinity". */
const summaryNumber = z.union([
  z.number(),
  z.enum(['NaN', 'Infinity', '-Infinity']).transform((s) => nonFinite[s]),
]);

/** A count: finite and not negative (SageMaker writes some as doubles, e.g. 3.0). */
const count = z.number().nonnegative();

/** A share of values: 0 … 1. */
const share = z.number().min(0).max(1);

/**
 * A sketch item: a number that can be ranked. ±Infinity (as Jackson writes it) ranks; NaN does
 * not, and any other text is not a value at all.
 */
const SKETCH_ITEM_MESSAGE = 'expected a number (or "Infinity" / "-Infinity")';

/**
 * One level of sketch items, checked in one loop: a baseline holds some 5,000 items per numeric
 * column, and a zod schema per item made reading statistics.json a visible part of a run.
 */
const sketchLevel = z.unknown().transform((level, context) => {
  if (!Array.isArray(level)) {
    context.addIssue({ code: 'custom', message: 'expected an array of sketch items', input: level });
    return z.NEVER;
  }
  const levelItems: readonly unknown[] = level;
  let items: unknown[] = level;
  for (let i = 0; i < levelItems.length; i++) {
    const item = levelItems[i];
    if (typeof item === 'number') continue;
    if (item === 'Infinity' || item === '-Infinity') {
      if (items === level) items = levelItems.slice();
      items[i] = nonFinite[item];
      continue;
    }
    context.addIssue({ code: 'custom', message: SKETCH_ITEM_MESSAGE, path: [i], input: item });
    return z.NEVER;
  }
  return items as number[];
});

// Deequ's KLL needs k ≥ 2 and 0.5 < c ≤ 1; a bound on k keeps a hostile file from allocating gigabytes.
const MAX_SKETCH_SIZE = 1 << 20;

const sketch = z
  .looseObject({
    parameters: z
      .looseObject({
        c: z.number().gt(0.5).max(1).optional(),
        k: z.number().int().min(2).max(MAX_SKETCH_SIZE).optional(),
      })
      .optional(),
    data: z.array(sketchLevel),
  })
  .refine((s) => s.data.some((level) => level.length > 0), {
    message: 'the sketch holds no value: regenerate the baseline from data with values in this column',
    path: ['data'],
  });

const kllBucket = z.looseObject({ lower_bound: summaryNumber, upper_bound: summaryNumber, count });
const categoricalBucket = z.looseObject({
  value: z.union([z.string(), z.number(), z.boolean()]).transform(String),
  count,
});
const common = z.looseObject({ num_present: count.optional(), num_missing: count.optional() });

/** The data types SageMaker's analyzer infers (Deequ's DataTypeInstances). */
export const INFERRED_TYPES = ['Integral', 'Fractional', 'String', 'Boolean', 'Unknown'] as const;
const inferredType = caseInsensitiveEnum(INFERRED_TYPES);

/** One feature of a statistics.json. */
export const featureStatisticsSchema = z.looseObject({
  name: z.string(),
  inferred_type: inferredType,
  numerical_statistics: z
    .looseObject({
      common: common.optional(),
      mean: summaryNumber.optional(),
      sum: summaryNumber.optional(),
      std_dev: summaryNumber.optional(),
      min: summaryNumber.optional(),
      max: summaryNumber.optional(),
      approximate_num_distinct_values: count.optional(),
      completeness: share.optional(),
      distribution: z
        .looseObject({
          kll: z
            .looseObject({ buckets: z.array(kllBucket).optional(), sketch: sketch.optional() })
            .optional(),
        })
        .optional(),
    })
    .optional(),
  string_statistics: z
    .looseObject({
      common: common.optional(),
      distinct_count: count.optional(),
      completeness: share.optional(),
      distribution: z
        .looseObject({
          categorical: z.looseObject({ buckets: z.array(categoricalBucket).optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
});

/**
 * Two features of one name would both claim the same captured column, shifting every other one;
 * SageMaker's baselines never repeat a name (Spark makes CSV headers unique).
 */
function uniqueNames(features: readonly { name: string }[], ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  features.forEach((feature, i) => {
    const earlier = first.get(feature.name);
    if (earlier === undefined) first.set(feature.name, i);
    else
      ctx.addIssue({
        code: 'custom',
        path: [i, 'name'],
        message: `"${feature.name}" names features[${earlier}] too: give each feature a unique name`,
      });
  });
}

/** A SageMaker (or Vigil) data-quality statistics.json, any container version. */
export const statisticsFileSchema = z.looseObject({
  version: z.number().optional(),
  dataset: z.looseObject({ item_count: count.optional() }).optional(),
  features: z.array(featureStatisticsSchema).superRefine(uniqueNames),
});

/** `Enabled` / `Disabled`, in any case, as SageMaker's analyzer compares them. */
export const enabledFlag = caseInsensitiveEnum(['Enabled', 'Disabled']);

const overrides = z.looseObject({ evaluate_constraints: enabledFlag.optional() });

/** One feature of a constraints.json. */
export const featureConstraintsSchema = z.looseObject({
  name: z.string(),
  inferred_type: inferredType.optional(),
  completeness: share.optional(),
  num_constraints: z
    .looseObject({
      is_non_negative: z.boolean().optional(),
      monitoring_config_overrides: overrides.optional(),
    })
    .optional(),
  string_constraints: z
    .looseObject({
      domains: z.array(z.string()).optional(),
      monitoring_config_overrides: overrides.optional(),
    })
    .optional(),
  monitoringConfigOverrides: overrides.optional(),
  monitoring_config_overrides: overrides.optional(),
});

/** The monitoring_config block of a constraints.json. */
export const monitoringConfigSchema = z.looseObject({
  evaluate_constraints: enabledFlag.optional(),
  emit_metrics: enabledFlag.optional(),
  datatype_check_threshold: share.optional(),
  domain_content_threshold: share.optional(),
  distribution_constraints: z
    .looseObject({
      perform_comparison: enabledFlag.optional(),
      comparison_threshold: share.optional(),
      comparison_method: caseInsensitiveEnum(['Simple', 'Robust']).optional(),
      categorical_comparison_threshold: share.optional(),
      categorical_drift_method: caseInsensitiveEnum(['LInfinity', 'ChiSquared']).optional(),
    })
    .optional(),
});

/** A SageMaker (or Vigil) data-quality constraints.json. */
export const constraintsFileSchema = z.looseObject({
  version: z.number().optional(),
  features: z.array(featureConstraintsSchema).superRefine(uniqueNames),
  monitoring_config: monitoringConfigSchema.optional(),
});
