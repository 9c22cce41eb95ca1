export {
  BaselineValidationError,
  ConfigError,
  EventShapeError,
  InputError,
  ObjectNotFoundError,
  VigilError,
} from './vigil-error.ts';
