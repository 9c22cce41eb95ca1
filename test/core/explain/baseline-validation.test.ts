import { BaselineValidationError } from '@vigil/core';
import { baselineAttributions } from '@vigil/core/explain';
import { describe, expect, it } from 'vitest';

const baseline = (values: Record<string, unknown>, expected: unknown = 0.5) => ({
  version: '1.0',
  explanations: { kernel_shap: { label0: { global_shap_values: values, expected_value: expected } } },
});

describe('feature-attribution baseline validation', () => {
  it('reads finite SHAP values per label', () => {
    expect(baselineAttributions(baseline({ age: 0.3, income: 0.1 }))).toEqual([
      { label: 'label0', globalShapValues: { age: 0.3, income: 0.1 }, expectedValue: 0.5 },
    ]);
  });

  it('rejects a SHAP value that is not a number (it used to drop the feature from the ranking)', () => {
    try {
      baselineAttributions(baseline({ age: '0.3', income: 0.1 }), 'baselines/churn/analysis.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BaselineValidationError);
      expect((error as BaselineValidationError).path).toBe(
        'explanations.kernel_shap.label0.global_shap_values.age',
      );
      expect((error as Error).message).toContain('baselines/churn/analysis.json: invalid field');
    }
  });

  it('rejects an expected value of the wrong type', () => {
    expect(() => baselineAttributions(baseline({ age: 0.3 }, 'high'))).toThrow(
      /explanations\.kernel_shap\.label0\.expected_value/,
    );
  });

  it('rejects a kernel_shap section with no label, or a label with no feature (the check was skipped, the run Completed)', () => {
    const noLabel = { version: '1.0', explanations: { kernel_shap: {} } };
    expect(() => baselineAttributions(noLabel, 'a.json')).toThrow(BaselineValidationError);
    expect(() => baselineAttributions(noLabel, 'a.json')).toThrow(
      /a\.json: invalid field "explanations\.kernel_shap": .*no label/,
    );
    expect(() => baselineAttributions(baseline({}), 'a.json')).toThrow(
      /a\.json: invalid field "explanations\.kernel_shap\.label0\.global_shap_values": .*no feature/,
    );
  });
});
