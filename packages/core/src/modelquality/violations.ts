import { toJacksonJson } from '../json/jackson.ts';
import { javaDouble } from '../json/java-double.ts';
import type { ComparisonOperator, ModelQualityConstraints } from './constraints.ts';
import type { ModelQualityStatistics } from './statistics.ts';

/** One entry of a model-quality constraint_violations.json. */
export interface MetricViolation {
  metricName: string;
  /** The comparison operator that held, as SageMaker names the check. */
  constraintCheckType: ComparisonOperator;
  description: string;
}

/** The outcome of checking statistics against constraints. */
export interface ConstraintCheck {
  violations: MetricViolation[];
  /** Constrained metrics the run could not evaluate (absent, or not a finite number this window). */
  notEvaluated: string[];
}

const HOLDS: Record<ComparisonOperator, (value: number, threshold: number) => boolean> = {
  GreaterThanThreshold: (v, t) => v > t,
  LessThanThreshold: (v, t) => v < t,
  GreaterThanOrEqualToThreshold: (v, t) => v >= t,
  LessThanOrEqualToThreshold: (v, t) => v <= t,
};

/**
 * Compares current statistics with constraints. A metric violates its constraint when
 * `value <comparison_operator> threshold` holds (mae GreaterThanThreshold 0.5 is violated by
 * 0.6). The description follows the one known model-quality wording (Amazon's
 * MonitoringCustomMetrics, which mirrors Model Monitor): `Metric f2 with 0.58 was
 * LessThanThreshold 0.625`, numbers as Java prints doubles.
 *
 * @example
 * ```ts
 * checkConstraints(current, baselineConstraints).violations[0];
 * // { metricName: 'mae', constraintCheckType: 'GreaterThanThreshold',
 * //   description: 'Metric mae with 0.61 was GreaterThanThreshold 0.5040653554420981' }
 * ```
 */
export function checkConstraints(
  statistics: ModelQualityStatistics,
  constraints: ModelQualityConstraints,
): ConstraintCheck {
  const violations: MetricViolation[] = [];
  const notEvaluated: string[] = [];
  for (const [name, constraint] of Object.entries(constraints.constraints)) {
    const value = statistics.metrics[name]?.value;
    if (value === undefined || !Number.isFinite(value)) {
      notEvaluated.push(name);
      continue;
    }
    if (HOLDS[constraint.comparisonOperator](value, constraint.threshold)) {
      violations.push({
        metricName: name,
        constraintCheckType: constraint.comparisonOperator,
        description: `Metric ${name} with ${javaDouble(value)} was ${constraint.comparisonOperator} ${javaDouble(constraint.threshold)}`,
      });
    }
  }
  return { violations, notEvaluated };
}

/**
 * constraint_violations.json: `{ "violations" : [ { constraint_check_type, description,
 * metric_name } ] }` (key order as MonitoringCustomMetrics writes it; no version key, like the
 * data-quality file).
 *
 * @example
 * ```ts
 * violationsJson([]); // '{\n  "violations" : [ ]\n}'
 * ```
 */
export function violationsJson(violations: readonly MetricViolation[]): string {
  return toJacksonJson({
    violations: violations.map((v) => ({
      constraint_check_type: v.constraintCheckType,
      description: v.description,
      metric_name: v.metricName,
    })),
  });
}
