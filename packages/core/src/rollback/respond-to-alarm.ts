import type { EndpointConfig } from '../config/schema.ts';
import { ObjectNotFoundError } from '../errors/vigil-error.ts';
import { joinKey } from '../layout/keys.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { EndpointController } from '../ports/endpoint-controller.ts';
import type { Log } from '../ports/log.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { decideRollback, type RollbackDecision } from './decide-rollback.ts';
import { readEndpointRecord, writeEndpointRecord } from './endpoint-record.ts';

/** The ports a rollback needs. */
export interface RollbackPorts {
  store: ObjectStore;
  controller: EndpointController;
  audit: AuditLog;
  clock: Clock;
  log: Log;
}

/** The alarm a rollback responds to. */
export interface GuardrailAlarmFacts {
  endpoint: EndpointConfig;
  /** Rollbacks are idempotent per incident: one decision per endpoint and incident. */
  incidentId: string;
  alarmName: string;
  eventId: string;
  /** The alarm's reason, in CloudWatch's words (goes into the rejection and the audit). */
  reason: string;
  alarmGuardsDeployments: boolean;
  /** Who acts, for the audit log; default `alarm-router`. */
  actor?: string;
}

/** What was decided and done, with the line the alert shows as "action taken". */
export interface RollbackOutcome {
  decision: RollbackDecision;
  action: string;
  rejectedModelPackages: string[];
  /** True when this incident was handled before and the stored outcome is returned. */
  repeated: boolean;
}

interface RollbackClaim {
  eventId: string;
  startedAt: string;
  decision?: RollbackDecision;
  switched?: boolean;
  rejected?: string[];
  outcome?: RollbackOutcome;
}

/** Where the per-incident rollback claims live. */
export const ROLLBACK_CLAIM_PREFIX = 'state/rollbacks';

/**
 * Responds to a guardrail alarm on an endpoint: decides (`decideRollback`) and, with policy
 * `rollback`, points the endpoint back at the previously recorded config (UpdateEndpoint with
 * RetainDeploymentConfig), rejects the model package versions only the offending config serves,
 * updates the endpoint record and appends the decision to the audit log. One decision per
 * incident: a duplicate or concurrent alarm event gets the stored outcome; a retry of the same
 * event resumes where the failed attempt stopped.
 *
 * @example
 * ```ts
 * const outcome = await respondToGuardrailAlarm(ports, { endpoint, incidentId, alarmName, eventId, reason, alarmGuardsDeployments: true });
 * alert.actionTaken = outcome.action;
 * ```
 */
export async function respondToGuardrailAlarm(
  ports: RollbackPorts,
  facts: GuardrailAlarmFacts,
): Promise<RollbackOutcome> {
  const name = facts.endpoint.name;
  const key = joinKey(ROLLBACK_CLAIM_PREFIX, name, `${safe(facts.incidentId)}.json`);
  let claim = await readClaim(ports.store, key);
  if (!claim) {
    const fresh: RollbackClaim = { eventId: facts.eventId, startedAt: ports.clock.now().toISOString() };
    if (await ports.store.putIfAbsent(key, JSON.stringify(fresh), 'application/json')) claim = fresh;
    else claim = await readClaim(ports.store, key);
  }
  if (claim?.outcome) return { ...claim.outcome, repeated: true };
  if (!claim || claim.eventId !== facts.eventId) {
    const decision = claim?.decision ?? {
      kind: 'notify-only' as const,
      reason: 'Another alarm event is handling it.',
    };
    return {
      decision,
      action: 'Rollback for this incident is already being handled by another alarm event.',
      rejectedModelPackages: [],
      repeated: true,
    };
  }
  const save = (update: Partial<RollbackClaim>) => {
    claim = { ...(claim as RollbackClaim), ...update };
    return ports.store.put(key, JSON.stringify(claim), 'application/json');
  };

  const record = await readEndpointRecord(ports.store, name);
  let decision = claim.decision;
  if (!decision) {
    const live = await ports.controller.describe(name);
    const previous = record?.previous?.configName;
    const previousConfigExists =
      previous && facts.endpoint.rollback.policy === 'rollback' && live.configName !== previous
        ? await ports.controller.configExists(previous)
        : undefined;
    decision = decideRollback({
      policy: facts.endpoint.rollback.policy,
      record,
      live,
      ...(previousConfigExists !== undefined ? { previousConfigExists } : {}),
      alarmGuardsDeployments: facts.alarmGuardsDeployments,
    });
    await save({ decision });
  }

  let rejected = claim.rejected ?? [];
  let refused: RefusedRejection[] = [];
  if (decision.kind === 'rollback') {
    if (!claim.switched) {
      await ports.controller.switchConfig(name, decision.to);
      if (record) {
        await writeEndpointRecord(ports.store, {
          ...record,
          status: 'Updating',
          current: { configName: decision.to, since: ports.clock.now().toISOString() },
          previous: record.current,
          rolledBackFrom: [...new Set([...record.rolledBackFrom, decision.from])],
          rollingBackTo: decision.to,
        });
      }
      await save({ switched: true });
    }
    if (facts.endpoint.rollback.rejectModelPackage && claim.rejected === undefined) {
      ({ rejected, refused } = await rejectOffendingPackages(ports, decision, facts));
      await save({ rejected });
    }
  }

  const action = actionText(name, decision, rejected, refused);
  if (decision.kind !== 'notify-only') {
    await ports.audit.append({
      kind: AUDIT_KIND[decision.kind],
      actor: facts.actor ?? 'alarm-router',
      subject: name,
      summary: action,
      details: {
        incidentId: facts.incidentId,
        alarmName: facts.alarmName,
        alarmReason: facts.reason,
        eventId: facts.eventId,
        decision,
        rejectedModelPackages: rejected,
      },
    });
  }
  const outcome: RollbackOutcome = { decision, action, rejectedModelPackages: rejected, repeated: false };
  await save({ outcome });
  ports.log.info('guardrail alarm handled', {
    endpoint: name,
    decision: decision.kind,
    rejected: rejected.length,
  });
  return outcome;
}

const AUDIT_KIND: Record<Exclude<RollbackDecision['kind'], 'notify-only'>, string> = {
  rollback: 'rollback.performed',
  'deployment-guardrails': 'rollback.deployment-guardrails',
  'cannot-roll-back': 'rollback.refused',
  'already-rolled-back': 'rollback.not-needed',
};

/** A model package the rollback could not reject, and why. */
interface RefusedRejection {
  arn: string;
  error: string;
}

/**
 * Rejects the versions the endpoint was rolled back from. An access denial (IAM allows
 * UpdateModelPackage only on the configured groups' packages) does not fail the rollback: it is
 * logged and said in the action, for a person to reject by hand.
 */
async function rejectOffendingPackages(
  ports: RollbackPorts,
  decision: Extract<RollbackDecision, { kind: 'rollback' }>,
  facts: GuardrailAlarmFacts,
): Promise<{ rejected: string[]; refused: RefusedRejection[] }> {
  const offending = await ports.controller.modelPackagesOf(decision.from);
  const kept = new Set(await ports.controller.modelPackagesOf(decision.to));
  const reason = clip(
    `Rejected by Vigil: guardrail alarm ${facts.alarmName} on endpoint ${facts.endpoint.name} ` +
      `(incident ${facts.incidentId}); rolled back from ${decision.from} to ${decision.to}. ${facts.reason}`,
  );
  const rejected: string[] = [];
  const refused: RefusedRejection[] = [];
  for (const arn of offending.filter((a) => !kept.has(a))) {
    try {
      await ports.controller.rejectModelPackage(arn, reason);
      rejected.push(arn);
    } catch (error) {
      // Transient failures propagate, so the retried event resumes the rejection.
      if (!isAccessDenied(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      ports.log.warn('model package not rejected', { endpoint: facts.endpoint.name, arn, error: message });
      refused.push({ arn, error: message });
    }
  }
  return { rejected, refused };
}

function isAccessDenied(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'AccessDeniedException' || name === 'AccessDenied';
}

function actionText(
  endpoint: string,
  decision: RollbackDecision,
  rejected: string[],
  refused: RefusedRejection[] = [],
): string {
  switch (decision.kind) {
    case 'rollback': {
      const rejection = rejected.length ? `; rejected model package ${rejected.join(', ')}` : '';
      const refusal = refused.length
        ? `; could not reject ${refused.map((r) => `${r.arn} (${r.error})`).join(', ')}: reject it by hand, ` +
          "and set the endpoint's modelPackageGroup so Vigil may reject that group's versions"
        : '';
      return `Rolled back ${endpoint} from ${decision.from} to ${decision.to}${rejection}${refusal}.`;
    }
    case 'deployment-guardrails':
      return decision.reason;
    case 'notify-only':
      return 'None (rollback policy: notify).';
    case 'already-rolled-back':
      return `No rollback needed: ${decision.reason}`;
    case 'cannot-roll-back':
      return `No rollback: ${decision.reason}`;
  }
}

async function readClaim(store: ObjectStore, key: string): Promise<RollbackClaim | undefined> {
  try {
    return JSON.parse(new TextDecoder().decode(await store.get(key))) as RollbackClaim;
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return undefined;
    throw error;
  }
}

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, '_');
}

function clip(text: string): string {
  return text.length <= 1024 ? text : `${text.slice(0, 1021)}...`;
}
