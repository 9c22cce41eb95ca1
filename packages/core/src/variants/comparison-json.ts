import type { TimeWindow } from '../window/window.ts';
import type { VariantComparisonResult } from './compare.ts';

/** The file a comparison run writes to its report folder. */
export const COMPARISON_FILE = 'comparison.json';

/** comparison.json: the comparison of one window, dated and located. */
export interface ComparisonDocument extends VariantComparisonResult {
  version: 1;
  endpoint: string;
  window: { start: string; end: string };
  generatedAt: string;
  /**
   * The model package versions each variant served in the window (deployment tracker's record),
   * when known: what the registry gate's "challenger beat champion" rule matches a version with.
   */
  modelPackages?: Record<string, string[]>;
}

/**
 * The comparison as comparison.json: two-space JSON, keys in a fixed order, non-finite numbers
 * (an AUC without negatives, an unbounded sample size) written as null.
 *
 * @example
 * ```ts
 * await store.put(`${folder}${COMPARISON_FILE}`, comparisonJson(result, { endpoint, window, generatedAt }));
 * ```
 */
export function comparisonJson(
  result: VariantComparisonResult,
  about: {
    endpoint: string;
    window: TimeWindow;
    generatedAt: Date;
    modelPackages?: Record<string, string[]>;
  },
): string {
  const known = about.modelPackages && Object.keys(about.modelPackages).length > 0;
  const document: ComparisonDocument = {
    version: 1,
    endpoint: about.endpoint,
    window: { start: about.window.start.toISOString(), end: about.window.end.toISOString() },
    generatedAt: about.generatedAt.toISOString(),
    ...(known ? { modelPackages: about.modelPackages } : {}),
    ...result,
  };
  return `${JSON.stringify(document, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`;
}

/**
 * Reads comparison.json back (the registry gate's evidence, the CLI's summary).
 *
 * @example
 * ```ts
 * parseComparison(text).verdicts.find((v) => v.variant === 'challenger')?.decision;
 * ```
 */
export function parseComparison(text: string): ComparisonDocument {
  const parsed = JSON.parse(text) as ComparisonDocument;
  if (parsed?.version !== 1 || !Array.isArray(parsed.verdicts)) {
    throw new SyntaxError('Not a Vigil comparison.json (version 1 with verdicts)');
  }
  return parsed;
}
