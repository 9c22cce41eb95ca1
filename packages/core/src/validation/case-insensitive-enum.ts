import * as z from 'zod';

/**
 * A string enum read case-insensitively and returned in its canonical spelling: SageMaker's own
 * readers lower-case `Enabled`, `Robust`, `ChiSquared`…, so files written either way keep working.
 *
 * @example
 * ```ts
 * caseInsensitiveEnum(['Simple', 'Robust']).parse('robust'); // 'Robust'
 * ```
 */
export function caseInsensitiveEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().transform((text, ctx): T[number] => {
    const found = values.find((v) => v.toLowerCase() === text.toLowerCase());
    if (found === undefined) {
      ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}, got "${text}"` });
      return z.NEVER;
    }
    return found;
  });
}
