export { PreconditionFailedError } from './precondition-failed-error.ts';
export {
  ConfigError,
  EventShapeError,
  IncompleteObjectError,
  InputError,
  ObjectNotFoundError,
  VigilError,
} from './vigil-error.ts';
