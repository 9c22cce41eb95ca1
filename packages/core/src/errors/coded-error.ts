import { VigilError } from './vigil-error.ts';

/**
 * The base of a `VigilError` that needs nothing but its message: every instance carries `code`,
 * and the subclass's name (`new.target`) is still the error's `name`.
 *
 * @example
 * ```ts
 * export class FacetEmptyError extends vigilErrorWithCode('FACET_EMPTY') {}
 * new FacetEmptyError('no rows in the facet').code; // 'FACET_EMPTY'
 * ```
 */
export function vigilErrorWithCode(
  code: string,
): new (
  message: string,
  options?: ErrorOptions,
) => VigilError {
  return class extends VigilError {
    constructor(message: string, options?: ErrorOptions) {
      super(message, { ...options, code });
    }
  };
}
