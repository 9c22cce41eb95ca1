import { VigilError } from './vigil-error.ts';

/**
 * Another attempt holds a fresh claim on the same monitoring window (a duplicate schedule or a
 * concurrent retry). Nothing was written or published; retrying later finds the window settled,
 * or takes it over once the other attempt's claim has expired.
 */
export class RunInProgressError extends VigilError {
  readonly key: string;

  constructor(key: string, claimedAt: string, options?: ErrorOptions) {
    super(
      `Another run of this window has held "${key}" since ${claimedAt}: retry later (a stale claim is taken over after 15 minutes)`,
      { ...options, code: 'RUN_IN_PROGRESS' },
    );
    this.key = key;
  }
}
