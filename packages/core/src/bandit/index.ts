export { EndpointWeightsError } from './errors.ts';
export { armFromCapture, armsFromComparison } from './evidence.ts';
export {
  type GuardContext,
  type GuardOutcome,
  type Guardrails,
  guardWeights,
  MATERIAL_CHANGE,
} from './guardrails.ts';
export { type Sampler, seededSampler } from './sampling.ts';
export { type BanditPorts, type BanditStep, type BanditStepOptions, runBanditStep } from './shift.ts';
export {
  bestFixedSplit,
  type SimulatedRound,
  type SimulationOptions,
  type SimulationResult,
  simulateBandit,
} from './simulate.ts';
export { type ArmEvidence, posteriorDraw, thompsonWeights } from './thompson.ts';
