export { PreconditionFailedError } from './precondition-failed-error.ts';
export { RunInProgressError } from './run-in-progress-error.ts';
export {
  BaselineValidationError,
  ConfigError,
  EventShapeError,
  IncompleteObjectError,
  InputError,
  ObjectNotFoundError,
  VigilError,
} from './vigil-error.ts';
