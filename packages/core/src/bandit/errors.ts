import { VigilError } from '../errors/vigil-error.ts';

/**
 * An endpoint's variant weights cannot be read or set: no production variant with a weight, or
 * no weights recorded for a local endpoint. The message says what to check.
 *
 * @example
 * ```ts
 * throw new EndpointWeightsError('Endpoint "churn" reports no production variant with a weight');
 * ```
 */
export class EndpointWeightsError extends VigilError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, code: 'NO_VARIANT_WEIGHTS' });
  }
}
