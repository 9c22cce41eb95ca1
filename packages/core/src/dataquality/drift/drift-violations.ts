import { javaDouble } from '../../json/java-double.ts';
import type { DataQualityViolation } from '../violations.ts';
import type { DriftReport } from './evaluate-drift.ts';
import { driftMethod } from './registry.ts';

/**
 * Vigil's drift verdicts as constraint_violations.json entries (the `drift.violations` switch):
 * one baseline_drift_check per drifted feature, its description naming the method, so alarms on
 * SageMaker's violation metrics also see them.
 *
 * @example
 * ```ts
 * driftViolations(report)[0].description; // 'Vigil drift method wasserstein: value 0.2 exceeds threshold: 0.1'
 * ```
 */
export function driftViolations(report: DriftReport): DataQualityViolation[] {
  return report.drifted_features.map((name) => {
    const verdict = report.features[name];
    const value = javaDouble(verdict?.value ?? Number.NaN);
    const threshold = javaDouble(verdict?.threshold ?? Number.NaN);
    const below = driftMethod(verdict?.method ?? '')?.driftWhen === 'below';
    return {
      feature_name: name,
      constraint_check_type: 'baseline_drift_check',
      description: below
        ? `Vigil drift method ${verdict?.method}: p-value ${value} is below threshold: ${threshold}`
        : `Vigil drift method ${verdict?.method}: value ${value} exceeds threshold: ${threshold}`,
    };
  });
}
