/**
 * How many generated inputs each capture/config fuzz target runs: `FUZZ_RUNS` (`npm run fuzz` sets
 * 200,000), else 10,000, which fits the test suite's time budget.
 */
export const FUZZ_RUNS = Number.parseInt(process.env.FUZZ_RUNS ?? '', 10) || 10_000;

/** The time one generated input may take before it counts as a hang. */
export const MAX_MS_PER_INPUT = 1_000;

/** A vitest timeout that scales with the run count (about 1 ms an input, plus headroom). */
export const FUZZ_TIMEOUT_MS = Math.max(120_000, FUZZ_RUNS * 5);

/**
 * Runs `body` and fails when it took longer than `MAX_MS_PER_INPUT`: a hang shows as a slow input
 * (fast-check then shrinks it to the smallest such input) instead of a stuck suite.
 */
export function withinTimeBound<T>(body: () => T): T {
  const start = performance.now();
  const result = body();
  const ms = performance.now() - start;
  if (ms > MAX_MS_PER_INPUT) throw new Error(`took ${ms.toFixed(0)} ms, more than ${MAX_MS_PER_INPUT} ms`);
  return result;
}
