import { VigilError } from '../errors/vigil-error.ts';

/** A model's response cannot be read as the predictor settings describe. */
export class ModelResponseError extends VigilError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, code: 'MODEL_RESPONSE_INVALID' });
  }
}

/** The model could not be called (network, throttling beyond the retries, a server error). */
export class ModelInvocationError extends VigilError {
  readonly status?: number;

  constructor(message: string, options?: ErrorOptions & { status?: number }) {
    super(message, { ...options, code: 'MODEL_INVOCATION_FAILED' });
    this.status = options?.status;
  }
}
