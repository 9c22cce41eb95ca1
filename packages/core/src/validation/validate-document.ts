import type { z } from 'zod';
import { BaselineValidationError } from '../errors/vigil-error.ts';
import { issuePath } from './issue-path.ts';

/** Names the file being read and says how to fix it, for the error of a bad field. */
export interface DocumentSource {
  /** The file, as the user knows it (`s3://…/statistics.json`, `baseline/constraints.json`). */
  file: string;
  /** What to do: `regenerate it with \`vigil baseline data-quality\``. */
  fix: string;
}

/**
 * Parses JSON text; throws BaselineValidationError naming the file when it is not JSON.
 *
 * @example
 * ```ts
 * parseJsonText('{"features":[]}', { file: 'statistics.json', fix: 'regenerate it' }); // { features: [] }
 * ```
 */
export function parseJsonText(text: string, source: DocumentSource): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BaselineValidationError(
      `${source.file} is not valid JSON (${(error as Error).message}): ${source.fix}`,
      {
        cause: error,
        file: source.file,
        path: '',
      },
    );
  }
}

/**
 * Validates a parsed document against its schema. Throws BaselineValidationError naming the file
 * and the path of the first bad field, with what was expected and what to do.
 *
 * @example
 * ```ts
 * validateDocument(constraintsSchema, data, { file: 'constraints.json', fix: 'fix the field' });
 * // BaselineValidationError: constraints.json: invalid field "features[0].completeness": …
 * ```
 */
export function validateDocument<S extends z.ZodType>(
  schema: S,
  data: unknown,
  source: DocumentSource,
): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? issuePath(issue.path) : '';
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
  throw new BaselineValidationError(
    `${source.file}: invalid field "${path || '(root)'}": ${issue?.message ?? 'invalid'}${more}: ${source.fix}`,
    { file: source.file, path },
  );
}
