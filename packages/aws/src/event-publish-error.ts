import { VigilError } from '@vigil/core';

/** Some events could not be put on the bus, even after retries. */
export class EventPublishError extends VigilError {
  /** EventBridge's error codes of the entries that failed, e.g. `ThrottlingException`. */
  readonly errorCodes: string[];

  constructor(message: string, options?: ErrorOptions & { errorCodes?: string[] }) {
    super(message, { ...options, code: 'EVENT_PUBLISH_FAILED' });
    this.errorCodes = options?.errorCodes ?? [];
  }
}
