export { PreconditionFailedError } from './precondition-failed-error.ts';
export { ConfigError, EventShapeError, InputError, ObjectNotFoundError, VigilError } from './vigil-error.ts';
