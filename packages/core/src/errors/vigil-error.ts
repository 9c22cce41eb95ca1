/**
 * Base class of every error Vigil raises on purpose. `code` is a stable, machine-readable
 * identifier; the message says what went wrong and what to do about it.
 *
 * @example
 * ```ts
 * throw new VigilError('Baseline not found at s3://b/k: run `vigil baseline data-quality` first', {
 *   code: 'BASELINE_NOT_FOUND',
 * });
 * ```
 */
export class VigilError extends Error {
  readonly code: string;

  constructor(message: string, options?: ErrorOptions & { code?: string }) {
    super(message, options);
    this.name = new.target.name;
    this.code = options?.code ?? 'VIGIL_ERROR';
  }
}

/** A configuration file or value is invalid; `path` names the offending field. */
export class ConfigError extends VigilError {
  readonly path: string;

  constructor(message: string, options?: ErrorOptions & { path?: string }) {
    super(message, { ...options, code: 'CONFIG_INVALID' });
    this.path = options?.path ?? '';
  }
}

/** An object that a run needs does not exist in the store. */
export class ObjectNotFoundError extends VigilError {
  readonly key: string;

  constructor(key: string, options?: ErrorOptions) {
    super(`No object at "${key}": check the path or write it first`, { ...options, code: 'NOT_FOUND' });
    this.key = key;
  }
}

/** Input a run cannot use at all (as opposed to bad records, which are counted and skipped). */
export class InputError extends VigilError {
  constructor(message: string, options?: ErrorOptions & { code?: string }) {
    super(message, { ...options, code: options?.code ?? 'INPUT_INVALID' });
  }
}

/**
 * A baseline file (statistics.json, constraints.json, analysis.json, analysis_config.json) holds
 * a field of the wrong type or value: `file` names the file, `path` the field.
 */
export class BaselineValidationError extends InputError {
  readonly file: string;
  readonly path: string;

  constructor(message: string, options: ErrorOptions & { file: string; path: string }) {
    super(message, { ...options, code: 'BASELINE_INVALID' });
    this.file = options.file;
    this.path = options.path;
  }
}

/** An event handed to a handler is not of the source or shape it accepts. */
export class EventShapeError extends VigilError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, code: 'EVENT_INVALID' });
  }
}

/**
 * An object's body ended before (or ran past) its stated size: the read was cut short, so what
 * was read must not be used as if it were the whole object. Retrying the read usually succeeds.
 */
export class IncompleteObjectError extends VigilError {
  readonly key: string;
  readonly expectedBytes: number;
  readonly readBytes: number;

  constructor(key: string, expectedBytes: number, readBytes: number, options?: ErrorOptions) {
    super(
      `Read ${readBytes} of the ${expectedBytes} bytes of "${key}": the body ended early or the object ` +
        'changed while it was read; nothing was written for it, retry the read',
      { ...options, code: 'OBJECT_INCOMPLETE' },
    );
    this.key = key;
    this.expectedBytes = expectedBytes;
    this.readBytes = readBytes;
  }
}
