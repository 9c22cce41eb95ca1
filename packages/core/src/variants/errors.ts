import { VigilError } from '../errors/vigil-error.ts';

/**
 * A variant comparison cannot be made as asked: an unknown variant, drift method or decision
 * metric. The message says what to change.
 *
 * @example
 * ```ts
 * throw new VariantComparisonError('No capture for the champion variant "A": check --champion');
 * ```
 */
export class VariantComparisonError extends VigilError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, code: 'VARIANT_COMPARISON' });
  }
}
