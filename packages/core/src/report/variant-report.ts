import type { VariantComparisonResult } from '../variants/compare.ts';
import type { TimeWindow } from '../window/window.ts';
import { renderPage } from './page-shell.ts';
import { variantSection } from './sections/variant-section.ts';

/** What a variant comparison's report page is made from. */
export interface VariantReportInput {
  endpoint: string;
  window: TimeWindow;
  result: VariantComparisonResult;
  /** Names of the files written beside the page (comparison.json). */
  files: readonly string[];
}

/**
 * The self-contained report.html of a variant comparison, written beside comparison.json.
 *
 * @example
 * ```ts
 * await store.put(`${folder}report.html`, renderVariantReport({ endpoint, window, result, files: ['comparison.json'] }), 'text/html');
 * ```
 */
export function renderVariantReport(input: VariantReportInput): string {
  const { sections, violations } = variantSection(input.result);
  return renderPage({
    title: `Variant comparison — ${input.endpoint} — ${input.window.start.toISOString()}`,
    facts: [
      ['Endpoint', input.endpoint],
      ['Window', `${input.window.start.toISOString()} → ${input.window.end.toISOString()}`],
      ['Problem type', input.result.problemType],
      ['Champion', input.result.champion],
      ['Variants', input.result.variants.map((v) => `${v.name} (${v.role})`).join(', ')],
    ],
    violations,
    sections,
    files: input.files,
  });
}
