// The handlers log through @vigil/aws's Powertools logger, the one the CLI's local twin shares.
export { logger, type VigilLogger } from '@vigil/aws';
