/** Configured locations resolve with core's one S3 URI parser. */
export { resolveLocation } from '@vigil/core';
