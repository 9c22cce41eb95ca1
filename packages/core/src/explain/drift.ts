import { InputError } from '../errors/vigil-error.ts';
import { pythonFloat } from '../json/java-double.ts';
import { validateDocument } from '../validation/validate-document.ts';
import { kernelShapBaselineSchema } from './analysis-json-schema.ts';
import type { LabelExplanation } from './explanation.ts';
import { ndcg } from './ndcg.ts';

/** Global SHAP values and expected value of one label, as an analysis.json holds them. */
export interface BaselineAttribution {
  label: string;
  globalShapValues: Record<string, number>;
  expectedValue?: number;
}

/** One violation of constraint_violations.json, in SageMaker's key order. */
export interface AttributionViolation {
  label: string;
  metric_name: 'shap';
  constraint_check_type: 'feature_attribution_drift_check';
  description: string;
}

export interface AttributionDriftCheck {
  /** label → nDCG of the current attributions against the baseline's. */
  ndcgByLabel: Record<string, number>;
  violations: AttributionViolation[];
  /** Baseline labels or features with no current counterpart; never silent. */
  unmatched: string[];
}

/**
 * Reads `explanations.kernel_shap` of a Clarify analysis.json (the constraints file of the
 * feature-attribution monitor). Throws InputError when the file holds no kernel_shap section, and
 * BaselineValidationError naming `file` and the field when a label's values are not numbers.
 *
 * @example
 * ```ts
 * baselineAttributions(JSON.parse(text)); // [{ label: 'label0', globalShapValues: { age: 0.3 }, expectedValue: 0.5 }]
 * ```
 */
export function baselineAttributions(analysis: unknown, file = 'analysis.json'): BaselineAttribution[] {
  const kernelShap = (analysis as { explanations?: { kernel_shap?: unknown } })?.explanations?.kernel_shap;
  if (!kernelShap || typeof kernelShap !== 'object') {
    throw new InputError(
      'The baseline analysis.json has no explanations.kernel_shap section: give the analysis.json of an explainability baseline (vigil explain)',
    );
  }
  const valid = validateDocument(kernelShapBaselineSchema, analysis, {
    file,
    fix: 'give the analysis.json of an explainability baseline (`vigil explain`), or fix that field',
  });
  return Object.entries(valid.explanations.kernel_shap).map(([label, entry]) => ({
    label,
    globalShapValues: { ...entry.global_shap_values },
    expectedValue: entry.expected_value,
  }));
}

/**
 * SageMaker's feature-attribution drift check: per label, nDCG of the current global SHAP values
 * against the baseline's (baseline values are the gains, features ranked by current value), and a
 * violation when it falls below the threshold (0.9 by default).
 *
 * @example
 * ```ts
 * const check = checkAttributionDrift(baseline, current, 0.9);
 * check.violations[0]?.description; // 'Feature attribution drift 0.6876396241226223 exceeds threshold 0.9'
 * ```
 */
export function checkAttributionDrift(
  baseline: readonly BaselineAttribution[],
  current: readonly LabelExplanation[],
  threshold = 0.9,
): AttributionDriftCheck {
  const ndcgByLabel: Record<string, number> = {};
  const violations: AttributionViolation[] = [];
  const unmatched: string[] = [];
  for (const base of baseline) {
    const now = current.find((c) => c.label === base.label);
    if (!now) {
      unmatched.push(`label ${base.label}`);
      continue;
    }
    const features = Object.keys(base.globalShapValues);
    const missing = features.filter((f) => !(f in now.globalShapValues));
    for (const f of missing) unmatched.push(`feature ${f} of label ${base.label}`);
    const shared = features.filter((f) => f in now.globalShapValues);
    if (shared.length === 0) continue;
    const score = ndcg(
      shared.map((f) => base.globalShapValues[f]!),
      shared.map((f) => now.globalShapValues[f]!),
    );
    ndcgByLabel[base.label] = score;
    if (score < threshold) {
      violations.push({
        label: base.label,
        metric_name: 'shap',
        constraint_check_type: 'feature_attribution_drift_check',
        description: `Feature attribution drift ${pythonFloat(score)} exceeds threshold ${pythonFloat(threshold)}`,
      });
    }
  }
  return { ndcgByLabel, violations, unmatched };
}
