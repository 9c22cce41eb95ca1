import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { AlarmStates, EndpointWeights, VariantWeight } from '../ports/endpoint-weights.ts';
import { type GuardOutcome, type Guardrails, guardWeights } from './guardrails.ts';
import { seededSampler } from './sampling.ts';
import { type ArmEvidence, thompsonWeights } from './thompson.ts';

/** What a bandit step needs. */
export interface BanditPorts {
  weights: EndpointWeights;
  audit: AuditLog;
  clock: Clock;
  alarms: AlarmStates;
}

/** One step of the policy on one endpoint. */
export interface BanditStepOptions {
  endpoint: string;
  /** The evidence per variant (from comparison.json's metrics or from captured business values). */
  arms: readonly ArmEvidence[];
  guardrails: Guardrails;
  /** The endpoint's guardrail alarms: while any is in ALARM, nothing moves. */
  guardrailAlarms: readonly string[];
  /** When the weights last moved (from the previous step's audit record or state). */
  lastShiftAt?: Date;
  /** Seed of the Thompson draws, so a step can be replayed from its audit record. */
  seed: number;
  /** Who acts, for the audit record. */
  actor: string;
}

/** What a step did. */
export interface BanditStep {
  current: VariantWeight[];
  proposed: VariantWeight[];
  outcome: GuardOutcome;
}

/**
 * One step of Thompson-sampling traffic shifting: reads the endpoint's weights, proposes the
 * Thompson split from the variants' evidence, bounds it by the guardrails (alarms, cool-down,
 * minimum and maximum weight, largest step), sets it through `EndpointWeights` and writes every
 * shift — and every halt on a guardrail alarm — to the audit log with its evidence.
 *
 * @example
 * ```ts
 * const step = await runBanditStep({ weights, audit, clock, alarms }, {
 *   endpoint: 'churn', arms, guardrails, guardrailAlarms: ['vigil-churn-model-quality-violations'],
 *   seed: 7, actor: 'vigil-cli',
 * });
 * step.outcome.action; // 'shift'
 * ```
 */
export async function runBanditStep(ports: BanditPorts, options: BanditStepOptions): Promise<BanditStep> {
  const current = await ports.weights.current(options.endpoint);
  const known = new Set(current.map((c) => c.variant));
  const arms = options.arms.filter((a) => known.has(a.variant));
  const proposed = thompsonWeights(arms, seededSampler(options.seed));
  const alarmsInAlarm = options.guardrailAlarms.length
    ? await ports.alarms.inAlarm(options.guardrailAlarms)
    : [];
  const now = ports.clock.now();
  const outcome = guardWeights(current, proposed, options.guardrails, {
    now,
    lastShiftAt: options.lastShiftAt,
    alarmsInAlarm,
  });
  const details = {
    current,
    proposed,
    weights: outcome.weights,
    evidence: options.arms,
    guardrails: options.guardrails,
    alarmsInAlarm,
    seed: options.seed,
  };
  if (outcome.action === 'shift') {
    await ports.weights.update(options.endpoint, outcome.weights);
    await ports.audit.append({
      kind: 'bandit.weights-shifted',
      actor: options.actor,
      subject: options.endpoint,
      summary: `Shifted traffic of ${options.endpoint} to ${outcome.weights.map((w) => `${w.variant} ${(w.weight * 100).toFixed(1)}%`).join(', ')}`,
      details,
    });
  } else if (alarmsInAlarm.length > 0) {
    await ports.audit.append({
      kind: 'bandit.shift-halted',
      actor: options.actor,
      subject: options.endpoint,
      summary: `Kept the traffic of ${options.endpoint} as it is: ${outcome.reason}`,
      details,
    });
  }
  return { current, proposed, outcome };
}
