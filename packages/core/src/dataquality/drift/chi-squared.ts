import { homogeneityTest } from './contingency.ts';
import { pValueMethod } from './method-kinds.ts';

/**
 * Chi-squared test of homogeneity of the reference's and the window's category counts (new
 * categories included, sparse ones pooled: contingency.ts); the value is the p-value, drift
 * below 0.05. Meant for small windows: with large ones every trivial shift is significant.
 */
export const chiSquared = pValueMethod(['categorical'], {
  name: 'chi_squared',
  summary: 'chi-squared test of homogeneity p-value (drift below threshold); for small windows',
  compute(input) {
    const result = homogeneityTest(input.reference, input.current);
    if (Number.isNaN(result.pValue))
      return { notComputed: 'fewer than two categories in the baseline and window together' };
    return { value: result.pValue };
  },
});
