import { VigilError } from './vigil-error.ts';

/**
 * A conditional write lost: the object changed (or appeared) since the caller read it. The caller
 * re-reads the object and decides again; nothing was written.
 */
export class PreconditionFailedError extends VigilError {
  readonly key: string;

  constructor(key: string, options?: ErrorOptions) {
    super(
      `The object at "${key}" changed since it was read (another writer got there first): read it again and retry`,
      { ...options, code: 'PRECONDITION_FAILED' },
    );
    this.key = key;
  }
}
