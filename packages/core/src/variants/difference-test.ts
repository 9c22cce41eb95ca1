/** Which way a metric improves. */
export type MetricDirection = 'higher-is-better' | 'lower-is-better';

/** The test behind a metric's difference. */
export type DifferenceTestName = 'two-proportion-z' | 'welch-t' | 'delong';

/**
 * The difference challenger − champion of one metric, with its two-sided confidence interval at
 * 1 − α and the p-value of "no difference".
 */
export interface DifferenceTest {
  test: DifferenceTestName;
  champion: number;
  challenger: number;
  /** challenger − champion. */
  difference: number;
  /** Standard error of the difference (for the z tests and the Welch test alike). */
  standardError: number;
  confidenceInterval: [number, number];
  pValue: number;
}
