/**
 * A usage error: the command line is wrong; `main` prints it with the command's help.
 * In a file of its own so `main` can recognise it without loading `@vigil/core`.
 *
 * @example
 * ```ts
 * throw new UsageError('--baseline is required');
 * ```
 */
export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UsageError';
  }
}
