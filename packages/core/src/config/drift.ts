import * as z from 'zod';
import { DRIFT_METHOD_NAMES, driftMethod } from '../dataquality/drift/registry.ts';
import { thresholdProblem } from '../dataquality/drift/threshold-problem.ts';

const methodName = z.string().refine((name) => DRIFT_METHOD_NAMES.includes(name), {
  message: `must be a drift method: one of ${DRIFT_METHOD_NAMES.join(', ')}`,
});

/**
 * A method written as its name, or `{ "method": …, "threshold": … }` with either or both (a
 * threshold alone keeps the type's method; a method alone keeps its default threshold).
 */
const methodChoice = z
  .union([
    methodName,
    z
      .object({
        method: methodName.optional(),
        threshold: z.number().nonnegative().optional(),
      })
      .strict()
      .refine((choice) => choice.method !== undefined || choice.threshold !== undefined, {
        message: 'must name a method, a threshold, or both',
      })
      .superRefine((choice, context) => {
        const problem = thresholdProblem(choice.method, choice.threshold);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
  ])
  .transform((choice) => (typeof choice === 'string' ? { method: choice } : choice));

/** A type default must be a method that applies to that type. */
const methodFor = (type: 'numerical' | 'categorical') =>
  methodChoice.refine(
    (choice) => choice.method === undefined || (driftMethod(choice.method)?.types.includes(type) ?? true),
    { message: `must be a method that applies to ${type} features` },
  );

/**
 * Vigil's own drift verdicts (drift_report.json, `vigil_drift_*` metrics): the method and
 * threshold per type and per feature, and whether the verdicts also count as
 * baseline_drift_check violations in constraint_violations.json (off, so SageMaker's files stay
 * SageMaker's).
 */
export const driftConfig = z
  .object({
    /** Default: wasserstein at 0.1. */
    numerical: methodFor('numerical').optional(),
    /** Default: jensen_shannon at 0.1. */
    categorical: methodFor('categorical').optional(),
    /** Per feature name, overriding its type's method. */
    features: z.record(z.string().min(1), methodChoice).default({}),
    violations: z.boolean().default(false),
  })
  .strict();

export type DriftConfig = z.infer<typeof driftConfig>;
