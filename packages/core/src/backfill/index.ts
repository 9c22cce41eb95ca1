export type {
  BackfillCaptureHour,
  BackfillPlan,
  BackfillPlanContext,
  BackfillRequest,
  BackfillRun,
} from './plan.ts';
export { planBackfill } from './plan.ts';
export type { BackfillPhase, BackfillProgressSnapshot, PhaseCounts } from './progress.ts';
export { BackfillProgress } from './progress.ts';
export { splitPlan } from './split-plan.ts';
