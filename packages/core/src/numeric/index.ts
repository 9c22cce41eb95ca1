export { logGamma } from './log-gamma.ts';
