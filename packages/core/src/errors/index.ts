export {
  ConfigError,
  EventShapeError,
  IncompleteObjectError,
  InputError,
  ObjectNotFoundError,
  VigilError,
} from './vigil-error.ts';
