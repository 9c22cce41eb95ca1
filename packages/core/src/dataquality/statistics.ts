import type { JsonOut } from '../json/jackson.ts';
import type { ColumnProfile } from '../profile/column-profile.ts';
import { sortedEntries } from '../profile/frequencies.ts';
import type { KllSketch } from '../profile/kll.ts';
import { meanOf, populationStdDev } from '../profile/moments.ts';
import type { Profile } from '../profile/profile.ts';
import { shareSketch } from '../profile/shared-sketch.ts';
import { isNumericType } from '../profile/value-type.ts';

/**
 * Distinct values of a column: exact while the frequency table is kept (at most 120 values),
 * else the HyperLogLog estimate. SageMaker always reports its HLL++ estimate, so small counts can
 * differ from it by a value or two (53 vs 54 in a real baseline).
 *
 * @example
 * ```ts
 * distinctCount(profile.columns[0]); // 3
 * ```
 */
export function distinctCount(column: ColumnProfile): number {
  return column.frequencies ? column.frequencies.size : column.hll.estimate();
}

/**
 * present / (present + missing + non-finite); 0 for a column with no rows. Non-finite numbers
 * (`NaN`, `±Infinity`, overflow) are not complete: they are how pandas and numpy write a missing
 * number, and no model can use one (see `ColumnProfile.nonFinite`).
 *
 * @example
 * ```ts
 * completenessOf(column); // 0.9 when 1 value in 10 is missing
 * ```
 */
export function completenessOf(column: ColumnProfile): number {
  const total = column.present + column.absent;
  return total === 0 ? 0 : column.present / total;
}

/**
 * statistics.json for a profile, in SageMaker's schema, key order and current field set
 * (`approximate_num_distinct_values`, `completeness`). Longs are bigints so `toJacksonJson`
 * writes them as integers, as the analyzer does. `names` rename columns by position.
 *
 * Numeric features (Integral, Fractional) get numerical_statistics with the KLL buckets and
 * sketch; String, Boolean and Unknown (all missing) features get string_statistics, with the
 * categorical buckets when the column has at most 120 distinct values.
 *
 * @example
 * ```ts
 * toJacksonJson(statisticsFromProfile(profile)); // '{\n  "version" : 0.0,\n  "dataset" : …'
 * ```
 */
export function statisticsFromProfile(
  profile: Profile,
  names: readonly string[] = [],
  options: StatisticsOptions = {},
): JsonOut {
  const legacy = options.fieldSet === 'legacy';
  return {
    version: 0,
    dataset: { item_count: BigInt(profile.itemCount) },
    features: profile.columns.map((column, i) => featureStatistics(column, names[i] ?? column.name, legacy)),
  };
}

/** Output choices for statistics.json. */
export interface StatisticsOptions {
  /**
   * `current` (default) writes the analyzer's current fields; `legacy` leaves out
   * `approximate_num_distinct_values` and `completeness`, as containers before ~2022 did.
   */
  fieldSet?: 'current' | 'legacy';
}

function featureStatistics(column: ColumnProfile, name: string, legacy: boolean): JsonOut {
  const type = column.inferredType;
  const common = { num_present: BigInt(column.present), num_missing: BigInt(column.absent) };
  const completeness = completenessOf(column);
  if (isNumericType(type) && column.moments.count > 0) {
    const m = column.moments;
    return {
      name,
      inferred_type: type,
      numerical_statistics: {
        common,
        mean: meanOf(m),
        sum: m.sum,
        std_dev: populationStdDev(m),
        min: m.min,
        max: m.max,
        approximate_num_distinct_values: legacy ? undefined : BigInt(distinctCount(column)),
        completeness: legacy ? undefined : completeness,
        distribution: {
          kll: {
            buckets: column.kll.buckets(m.min, m.max).map((b) => ({ ...b })),
            sketch: { parameters: { c: column.kll.c, k: column.kll.k }, data: sharedData(column.kll) },
          },
        },
      },
    };
  }
  return {
    name,
    inferred_type: type,
    string_statistics: {
      common,
      distinct_count: distinctCount(column),
      completeness: legacy ? undefined : completeness,
      distribution: column.frequencies
        ? {
            categorical: {
              buckets: sortedEntries(column.frequencies).map(([value, count]) => ({
                value,
                count: BigInt(count),
              })),
            },
          }
        : undefined,
    },
  };
}

/** The sketch's levels, registered so that `sharedSketchOf` of them is the sketch itself. */
function sharedData(sketch: KllSketch): number[][] {
  const data = sketch.data();
  shareSketch(data, sketch);
  return data;
}
