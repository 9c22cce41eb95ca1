export { ColumnProfile } from './column-profile.ts';
export { addExample, MAX_EXAMPLE_LENGTH, MAX_EXAMPLES, mergeExamples } from './examples.ts';
export { countValue, MAX_CATEGORIES, mergeFrequencies, sortedEntries } from './frequencies.ts';
export { HyperLogLog } from './hyperloglog.ts';
export type { KllBucket, KllLevelJson, KllSketchJson, TransferredKll } from './kll.ts';
export { KLL_SHRINKING_FACTOR, KLL_SKETCH_SIZE, KllSketch } from './kll.ts';
export type { Moments, MomentsState } from './moments.ts';
export {
  addValue,
  addValuesToState,
  addValueToState,
  emptyMoments,
  meanOf,
  mergeMoments,
  momentsOf,
  momentsOfState,
  momentsState,
  populationStdDev,
} from './moments.ts';
export type { ColumnProfileJson, Profile, ProfileJson } from './profile.ts';
export {
  emptyProfile,
  mergeProfiles,
  parseOwnProfile,
  parseProfile,
  profileFromJson,
  profileToJson,
  serializeProfile,
} from './profile.ts';
export type { RowValue } from './profile-builder.ts';
export { ProfileBuilder } from './profile-builder.ts';
export type { ProfileV1Json, ProfileV2Json } from './profile-schema.ts';
export { profileV1Schema, profileV2Schema, storedProfileSchema } from './profile-schema.ts';
export type { TransferredColumn, TransferredProfile } from './profile-transfer.ts';
export { profileFromTransfer, profileToTransfer } from './profile-transfer.ts';
export { sortDoubles } from './sort.ts';
export type { InferredType, TypeCounts } from './value-type.ts';
export {
  BOOLEAN,
  classifyText,
  FRACTIONAL,
  INTEGRAL,
  inferType,
  isNumericType,
  MISSING,
  NON_FINITE,
  STRING,
  scanCsvField,
  scanCsvFieldAscii,
  scannedEnd,
  scannedValue,
  scanText,
  scanTextRange,
  UNSCANNED,
} from './value-type.ts';
