import { DEFAULT_AUDIT_PREFIX } from '../audit/keys.ts';
import { readAuditLog } from '../audit/read.ts';
import { recordApprovalOnCard } from '../cards/approval-status.ts';
import { ensureModelCard } from '../cards/ensure.ts';
import { modelCardNameFor } from '../cards/names.ts';
import type { ApprovalPolicyConfig } from '../config/approval.ts';
import { sha256Hex } from '../hashing/sha256.ts';
import { joinKey } from '../layout/keys.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { Log } from '../ports/log.ts';
import type { ModelCardStore } from '../ports/model-card-store.ts';
import type { ModelApprovalStatus, ModelPackage, ModelRegistry } from '../ports/model-registry.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { mayDecideByHand } from './approvers.ts';
import { comparisonEvidence, type EndpointReports } from './comparison-evidence.ts';
import {
  type DecisionRecord,
  decisionKey,
  latestDecision,
  summarizeCard,
  summarizeReports,
} from './decision-record.ts';
import { approvalDescription, type GateOutcome, MAX_APPROVAL_DESCRIPTION } from './description.ts';
import {
  type CardEvidence,
  collectPackageEvidence,
  type PackageEvidence,
  type ReportLocator,
  readMonitoringHistory,
} from './evidence.ts';
import { METADATA_KEYS, metadataValue } from './metadata.ts';
import { emptyPolicyRule, evaluateApprovalPolicy, type RuleResult } from './policy.ts';

/** What the approval gate needs. */
export interface GatePorts {
  registry: ModelRegistry;
  cards: ModelCardStore;
  /** Vigil's own store: decision records and idempotency markers. */
  store: ObjectStore;
  audit: AuditLog;
  /** Reads the reports registered with packages (`s3://…` URIs or local paths). */
  locate: ReportLocator;
  clock: Clock;
  log: Log;
  /** Where the audit log is in `store`, to read monitoring history; default `audit`. */
  auditPrefix?: string;
  /** The store the audit log is in when it is not `store` (the object-locked audit bucket in AWS). */
  auditStore?: ObjectStore;
}

/** What woke the gate up. */
export interface GateTrigger {
  modelPackageArn: string;
  /** EventBridge event id: a second delivery of the same event changes nothing. */
  eventId?: string;
  /** The event's UpdatedModelPackageFields, when it has them. */
  updatedFields?: string[];
  /** Evaluate again a version that is still pending after an earlier decision (CLI `--reevaluate`). */
  reevaluate?: boolean;
  /**
   * The version's model card changed to this status ("SageMaker Model Card State Change"): a version
   * the gate left pending is evaluated again when its card status differs from the one it saw.
   */
  cardStatus?: string;
}

export interface GateOptions {
  policies: readonly ApprovalPolicyConfig[];
  /** The configured endpoints' report locations, where `challengerBeatChampion` finds comparisons. */
  endpoints?: EndpointReports;
  /** Who the audit log names for the gate's own decisions; default `registry-gate`. */
  actor?: string;
}

export type GateAction =
  | 'decided'
  | 're-applied'
  | 'self-caused'
  | 'manual-change-recorded'
  | 'manual-change-refused'
  | 'duplicate'
  | 'ignored'
  | 'not-ready'
  | 'no-policy';

export interface GateResult {
  action: GateAction;
  /** One sentence: what the gate did and why. */
  reason: string;
  modelPackageArn: string;
  outcome?: GateOutcome;
  approvalStatus?: ModelApprovalStatus;
  rules?: RuleResult[];
  approvalDescription?: string;
  decisionKey?: string;
  auditSequence?: number;
}

const PENDING: ModelApprovalStatus = 'PendingManualApproval';

/**
 * The registry approval gate. For a version pending approval it collects the evidence (its
 * reports, its model card — created now if the version has none —, the approved version it would
 * replace and that version's monitoring history), evaluates the group's policy and approves,
 * rejects or leaves the version pending through the registry, with an ApprovalDescription that
 * names every rule and CustomerMetadataProperties linking the decision record, which is stored
 * and appended to the audit log.
 *
 * Idempotent: a second delivery of an event, and the events the gate's own update causes, change
 * nothing. An approval status set by anyone else is recorded in the audit log and never
 * overridden.
 *
 * @example
 * ```ts
 * const result = await runRegistryGate(ports, { modelPackageArn: arn, eventId: event.id }, { policies });
 * console.log(result.action, result.approvalDescription);
 * ```
 */
export async function runRegistryGate(
  ports: GatePorts,
  trigger: GateTrigger,
  options: GateOptions,
): Promise<GateResult> {
  const marker = trigger.eventId
    ? joinKey('governance', 'events-seen', `${sha256Hex(trigger.eventId)}.json`)
    : undefined;
  if (marker && (await exists(ports.store, marker))) {
    return {
      action: 'duplicate',
      reason: 'this event was already handled',
      modelPackageArn: trigger.modelPackageArn,
    };
  }
  const result = await handle(ports, trigger, options);
  if (marker) {
    await ports.store.putIfAbsent(
      marker,
      JSON.stringify({
        eventId: trigger.eventId,
        action: result.action,
        at: ports.clock.now().toISOString(),
      }),
    );
  }
  ports.log.info('registry gate', {
    action: result.action,
    modelPackageArn: result.modelPackageArn,
    outcome: result.outcome,
  });
  return result;
}

async function handle(ports: GatePorts, trigger: GateTrigger, options: GateOptions): Promise<GateResult> {
  const pkg = await ports.registry.describe(trigger.modelPackageArn);
  const arn = pkg.arn;
  const latest = await latestDecision(ports.store, pkg);
  const pending = pkg.approvalStatus === PENDING;
  let reevaluate = trigger.reevaluate === true;
  if (trigger.cardStatus !== undefined) {
    const record = latest?.record;
    if (
      !pending ||
      record?.outcome !== 'leave-pending' ||
      record.evidence.card.cardStatus === trigger.cardStatus
    ) {
      return {
        action: 'ignored',
        reason: 'the card change does not bear on a version left pending',
        modelPackageArn: arn,
      };
    }
    reevaluate = true;
  }

  if (latest) {
    const applied = pkg.customerMetadata[METADATA_KEYS.decisionId] === latest.record.id;
    if (
      pending &&
      !applied &&
      (latest.record.approvalStatus !== PENDING || latest.record.outcome === 'leave-pending')
    ) {
      // An earlier run recorded its decision but stopped before the registry update: finish it.
      await finishDecision(ports, pkg, latest);
      return fromRecord(
        're-applied',
        'an earlier decision had not reached the registry; applied it now',
        latest,
      );
    }
    const ours =
      pkg.approvalStatus === latest.record.approvalStatus &&
      (pkg.approvalDescription === undefined ||
        pkg.approvalDescription === latest.record.approvalDescription);
    if (ours && !(pending && reevaluate)) {
      return fromRecord(
        'self-caused',
        `the status is the one Vigil set (${pkg.approvalStatus}): nothing to do`,
        latest,
      );
    }
    if (!(pending && reevaluate)) return recordManualChange(ports, pkg, trigger, latest.record, options);
  } else if (!pending) {
    return recordManualChange(ports, pkg, trigger, undefined, options);
  }

  if (pkg.status && pkg.status !== 'Completed') {
    return {
      action: 'not-ready',
      reason: `the package is ${pkg.status}, not Completed; waiting`,
      modelPackageArn: arn,
    };
  }
  const policy = options.policies.find((p) => p.modelPackageGroup === pkg.groupName);
  if (!policy) {
    return {
      action: 'no-policy',
      reason: `no approval policy for group "${pkg.groupName}": left for a person (add one under approvalPolicies)`,
      modelPackageArn: arn,
    };
  }
  return decide(ports, pkg, policy, trigger, options, (latest?.record.attempt ?? 0) + 1);
}

async function decide(
  ports: GatePorts,
  pkg: ModelPackage,
  policy: ApprovalPolicyConfig,
  trigger: GateTrigger,
  options: GateOptions,
  attempt: number,
): Promise<GateResult> {
  const actor = options.actor ?? 'registry-gate';
  const candidate = await collectPackageEvidence(pkg, ports.locate);
  const { card, cardProblem } = await cardEvidence(ports, pkg, candidate, actor);
  const approved = await approvedEvidence(ports, pkg);
  const history = approved ? await readMonitoringHistory(ports.store, approved.package, 50) : [];

  const comparison = await comparisonEvidence(policy, options.endpoints, ports.locate);
  const evaluated = evaluateApprovalPolicy(policy, {
    candidate,
    card,
    approved,
    comparison,
    now: ports.clock.now(),
  });
  // A policy with no rules has checked nothing: it approves nothing, and rejects nothing either.
  const rules = evaluated.length > 0 ? evaluated : [emptyPolicyRule(policy)];
  const passed = rules.every((r) => r.passed);
  const outcome: GateOutcome =
    evaluated.length === 0 ? 'leave-pending' : passed ? policy.onPass : policy.onFail;
  const approvalStatus: ModelApprovalStatus =
    outcome === 'approve' ? 'Approved' : outcome === 'reject' ? 'Rejected' : PENDING;
  const id = `${pkg.groupName}-v${pkg.version}-${attempt}`;
  const description = approvalDescription(outcome, rules, id);
  const record: DecisionRecord = {
    id,
    attempt,
    modelPackageArn: pkg.arn,
    modelPackageGroup: pkg.groupName,
    modelPackageVersion: pkg.version,
    decidedAt: ports.clock.now().toISOString(),
    outcome,
    approvalStatus,
    approvalDescription: description,
    rules,
    policy,
    evidence: {
      reports: summarizeReports(candidate),
      card: summarizeCard(card, cardProblem),
      ...(approved
        ? {
            approvedVersion: {
              arn: approved.package.arn,
              version: approved.package.version,
              reports: summarizeReports(approved),
            },
          }
        : {}),
      monitoringHistory: history,
      ...(comparison
        ? {
            comparison: {
              endpoint: comparison.endpoint,
              status: comparison.status,
              ...(comparison.uri ? { uri: comparison.uri } : {}),
              ...(comparison.reason ? { reason: comparison.reason } : {}),
            },
          }
        : {}),
    },
    trigger: { ...(trigger.eventId ? { eventId: trigger.eventId } : {}), actor },
  };
  const key = decisionKey(pkg, attempt);
  const body = `${JSON.stringify(record, null, 2)}\n`;
  if (!(await ports.store.putIfAbsent(key, body, 'application/json'))) {
    return {
      action: 'duplicate',
      reason: 'another run decided this version at the same time',
      modelPackageArn: pkg.arn,
    };
  }
  const audit = await ports.audit.append({
    kind: 'approval.decided',
    actor,
    subject: pkg.arn,
    summary: description,
    details: {
      modelPackageGroup: pkg.groupName,
      modelPackageVersion: pkg.version,
      decisionId: id,
      decisionKey: key,
      decisionSha256: sha256Hex(body),
      outcome,
      approvalStatus,
      rules,
      principal: actor,
      principalSource: 'automatic: the approval gate evaluating the policy',
    },
  });
  await applyDecision(ports, record, key, audit.sequence, sha256Hex(body));
  await recordApprovalOnCard(ports.cards, await ports.registry.describe(pkg.arn), ports.log);
  return {
    action: 'decided',
    reason: `${rules.filter((r) => !r.passed).length} of ${rules.length} rules failed`,
    modelPackageArn: pkg.arn,
    outcome,
    approvalStatus,
    rules,
    approvalDescription: description,
    decisionKey: key,
    auditSequence: audit.sequence,
  };
}

async function applyDecision(
  ports: GatePorts,
  record: DecisionRecord,
  key: string,
  auditSequence: number | undefined,
  digest?: string,
): Promise<void> {
  const location = `${ports.store.location.replace(/\/+$/, '')}/${key}`;
  const metadata: Record<string, string> = {
    [METADATA_KEYS.decisionId]: metadataValue(record.id),
    [METADATA_KEYS.decision]: metadataValue(location.length <= 256 ? location : key),
    [METADATA_KEYS.outcome]: record.outcome,
    ...(digest ? { [METADATA_KEYS.decisionSha256]: digest } : {}),
    ...(auditSequence !== undefined && Number.isFinite(auditSequence)
      ? { [METADATA_KEYS.auditSequence]: String(auditSequence) }
      : {}),
  };
  await ports.registry.updateApproval({
    arn: record.modelPackageArn,
    ...(record.outcome === 'leave-pending' ? {} : { approvalStatus: record.approvalStatus }),
    approvalDescription: record.approvalDescription,
    customerMetadata: metadata,
    changedBy: record.trigger.actor,
  });
}

/** Completes a decision whose run stopped after writing the record: audit record (if missing), registry, card. */
async function finishDecision(
  ports: GatePorts,
  pkg: ModelPackage,
  latest: { key: string; record: DecisionRecord },
): Promise<void> {
  const { record, key } = latest;
  const body = await ports.store.get(key);
  const digest = sha256Hex(body);
  const logged = (
    await readAuditLog(ports.auditStore ?? ports.store, ports.auditPrefix ?? DEFAULT_AUDIT_PREFIX)
  ).find((r) => r.kind === 'approval.decided' && r.details.decisionId === record.id);
  const sequence =
    logged?.sequence ??
    (
      await ports.audit.append({
        kind: 'approval.decided',
        actor: record.trigger.actor,
        subject: pkg.arn,
        summary: record.approvalDescription,
        details: {
          modelPackageGroup: pkg.groupName,
          modelPackageVersion: pkg.version,
          decisionId: record.id,
          decisionKey: key,
          decisionSha256: digest,
          outcome: record.outcome,
          approvalStatus: record.approvalStatus,
          rules: record.rules,
        },
      })
    ).sequence;
  await applyDecision(ports, record, key, sequence, digest);
  await recordApprovalOnCard(ports.cards, await ports.registry.describe(pkg.arn), ports.log);
}

async function recordManualChange(
  ports: GatePorts,
  pkg: ModelPackage,
  trigger: GateTrigger,
  vigilDecision: DecisionRecord | undefined,
  options: GateOptions,
): Promise<GateResult> {
  // An empty or absent field list (a registration) may carry an approval made outside the gate.
  if (trigger.updatedFields?.length && !trigger.updatedFields.includes('ModelApprovalStatus')) {
    return {
      action: 'ignored',
      reason: `the change (${trigger.updatedFields.join(', ') || 'no fields'}) is not an approval change`,
      modelPackageArn: pkg.arn,
    };
  }
  const seen = joinKey(
    'governance',
    'manual-changes-seen',
    pkg.groupName,
    `v${pkg.version}`,
    `${sha256Hex(`${pkg.approvalStatus}|${pkg.lastModifiedTime ?? ''}`)}.json`,
  );
  if (
    !(await ports.store.putIfAbsent(
      seen,
      JSON.stringify({ status: pkg.approvalStatus, at: pkg.lastModifiedTime }),
    ))
  ) {
    return {
      action: 'duplicate',
      reason: 'this manual change was already recorded',
      modelPackageArn: pkg.arn,
    };
  }
  if (
    pkg.customerMetadata[METADATA_KEYS.refusal] === refusalMark(pkg.approvalStatus, pkg.approvalDescription)
  ) {
    return {
      action: 'self-caused',
      reason: `the status is the one Vigil restored (${pkg.approvalStatus}) after refusing a change: nothing to do`,
      modelPackageArn: pkg.arn,
    };
  }
  const principals = pkg.lastModifiedByPrincipals ?? (pkg.lastModifiedBy ? [pkg.lastModifiedBy] : []);
  const policy = options.policies.find((p) => p.modelPackageGroup === pkg.groupName);
  // Vigil's own guardrail rollback rejects the version it rolled back from: not a person's decision.
  const guardrail =
    pkg.approvalStatus === 'Rejected' &&
    pkg.approvalDescription?.startsWith(GUARDRAIL_REJECTION_PREFIX) === true;
  const check = guardrail
    ? { allowed: true, reason: 'rejected by Vigil’s guardrail rollback (alarm-router), not by hand' }
    : mayDecideByHand(policy, principals);
  if (!check.allowed) return refuseManualChange(ports, pkg, vigilDecision, principals, check.reason, options);
  const by = pkg.lastModifiedBy ?? 'a person or system outside Vigil (identity not reported by the registry)';
  const audit = await ports.audit.append({
    kind: 'approval.manual-change-seen',
    actor: by,
    subject: pkg.arn,
    summary: vigilDecision
      ? `${pkg.groupName} v${pkg.version} set to ${pkg.approvalStatus} by ${by}, over Vigil's decision ${vigilDecision.id} (${vigilDecision.approvalStatus}); recorded, not overridden`
      : `${pkg.groupName} v${pkg.version} set to ${pkg.approvalStatus} by ${by} without a Vigil decision; recorded, not overridden`,
    details: {
      modelPackageGroup: pkg.groupName,
      modelPackageVersion: pkg.version,
      approvalStatus: pkg.approvalStatus,
      approvalDescription: pkg.approvalDescription,
      lastModifiedTime: pkg.lastModifiedTime,
      principal: by,
      principals,
      principalSource: PRINCIPAL_SOURCE,
      approverCheck: check.reason,
      ...(vigilDecision
        ? { vigilDecisionId: vigilDecision.id, vigilApprovalStatus: vigilDecision.approvalStatus }
        : {}),
    },
  });
  await recordApprovalOnCard(ports.cards, pkg, ports.log);
  return {
    action: 'manual-change-recorded',
    reason: `approval status ${pkg.approvalStatus} was set outside the gate; recorded in the audit log`,
    modelPackageArn: pkg.arn,
    approvalStatus: pkg.approvalStatus,
    auditSequence: audit.sequence,
  };
}

// Where the principal of a manual change comes from: DescribeModelPackage's LastModifiedBy (the
// "Model Package State Change" event carries no identity); locally the CLI's `--as`.
const PRINCIPAL_SOURCE =
  'registry LastModifiedBy (SageMaker: IamIdentity.Arn, UserProfileArn/Name; local: --as)';

/**
 * How the guardrail rollback's rejection begins (rollback/respond-to-alarm.ts writes it): the gate
 * records it as Vigil's automatic decision, not as a person's change to check against approvers.
 */
const GUARDRAIL_REJECTION_PREFIX = 'Rejected by Vigil: guardrail alarm ';

/** The metadata mark of a status Vigil restored: a later change by anyone changes status or description. */
function refusalMark(status: ModelApprovalStatus, description: string | undefined): string {
  return `${status}:${sha256Hex(description ?? '').slice(0, 16)}`;
}

/** The audit details of a refused manual change; `restored` is the status put back, if any. */
function refusalDetails(
  pkg: ModelPackage,
  who: string,
  principals: readonly string[],
  reason: string,
  refusedBy: string,
  restored?: ModelApprovalStatus,
): Record<string, unknown> {
  return {
    modelPackageGroup: pkg.groupName,
    modelPackageVersion: pkg.version,
    attemptedStatus: pkg.approvalStatus,
    attemptedDescription: pkg.approvalDescription,
    ...(restored === undefined ? {} : { restoredStatus: restored }),
    undone: restored !== undefined,
    principal: who,
    principals,
    principalSource: PRINCIPAL_SOURCE,
    reason,
    refusedBy,
    lastModifiedTime: pkg.lastModifiedTime,
  };
}

/** Undoes an approval change by someone the policy does not name, and audits the refusal. */
async function refuseManualChange(
  ports: GatePorts,
  pkg: ModelPackage,
  vigilDecision: DecisionRecord | undefined,
  principals: readonly string[],
  reason: string,
  options: GateOptions,
): Promise<GateResult> {
  const actor = options.actor ?? 'registry-gate';
  const who = principals[0] ?? 'an unidentified principal';
  if (pkg.approvalStatus === 'Rejected') {
    // Undoing a rejection could put a bad version back in line for deployment: it stays, flagged.
    const audit = await ports.audit.append({
      kind: 'approval.refused',
      actor: who,
      subject: pkg.arn,
      summary: `${pkg.groupName} v${pkg.version}: ${who} set Rejected; not an approver (${reason}); left Rejected for an approver to confirm or reverse`,
      details: refusalDetails(pkg, who, principals, reason, actor),
    });
    return {
      action: 'manual-change-refused',
      reason: `${who} may not reject by hand (${reason}); a rejection is not undone automatically, so it stays Rejected, flagged in the audit log for an approver`,
      modelPackageArn: pkg.arn,
      approvalStatus: pkg.approvalStatus,
      auditSequence: audit.sequence,
    };
  }
  const restored: ModelApprovalStatus = vigilDecision?.approvalStatus ?? PENDING;
  const description =
    `Vigil refused the change to ${pkg.approvalStatus} by ${who}: ${reason}. Restored ${restored}.`.slice(
      0,
      MAX_APPROVAL_DESCRIPTION,
    );
  const audit = await ports.audit.append({
    kind: 'approval.refused',
    actor: who,
    subject: pkg.arn,
    summary: `${pkg.groupName} v${pkg.version}: ${who} set ${pkg.approvalStatus}; refused (${reason}); ${restored} restored`,
    details: refusalDetails(pkg, who, principals, reason, actor, restored),
  });
  await ports.registry.updateApproval({
    arn: pkg.arn,
    approvalStatus: restored,
    approvalDescription: description,
    customerMetadata: { [METADATA_KEYS.refusal]: refusalMark(restored, description) },
    changedBy: actor,
  });
  await recordApprovalOnCard(ports.cards, await ports.registry.describe(pkg.arn), ports.log);
  return {
    action: 'manual-change-refused',
    reason: `${who} may not approve or reject by hand (${reason}); ${restored} restored and the refusal audited`,
    modelPackageArn: pkg.arn,
    approvalStatus: restored,
    auditSequence: audit.sequence,
  };
}

async function cardEvidence(
  ports: GatePorts,
  pkg: ModelPackage,
  candidate: PackageEvidence,
  actor: string,
): Promise<{ card: CardEvidence; cardProblem?: string }> {
  const name = modelCardNameFor(pkg.groupName, pkg.version);
  try {
    const { card, created } = await ensureModelCard(ports.cards, pkg, candidate);
    if (created) {
      await ports.audit.append({
        kind: 'card.created',
        actor,
        subject: pkg.arn,
        summary: `Model card ${name} created as Draft for ${pkg.groupName} v${pkg.version}`,
        details: { modelPackageGroup: pkg.groupName, cardName: name, cardVersion: card.version },
      });
    }
    return { card: { name, status: 'present', card } };
  } catch (error) {
    const reason = (error as Error).message;
    ports.log.warn('model card could not be created; card rules will fail', { card: name });
    return { card: { name, status: 'missing', reason }, cardProblem: reason };
  }
}

async function approvedEvidence(ports: GatePorts, pkg: ModelPackage): Promise<PackageEvidence | undefined> {
  const approved = await ports.registry.list(pkg.groupName, { approvalStatus: 'Approved' });
  const current = approved.find((s) => s.arn !== pkg.arn);
  if (!current) return undefined;
  return collectPackageEvidence(await ports.registry.describe(current.arn), ports.locate);
}

function fromRecord(
  action: GateAction,
  reason: string,
  latest: { key: string; record: DecisionRecord },
): GateResult {
  return {
    action,
    reason,
    modelPackageArn: latest.record.modelPackageArn,
    outcome: latest.record.outcome,
    approvalStatus: latest.record.approvalStatus,
    rules: latest.record.rules,
    approvalDescription: latest.record.approvalDescription,
    decisionKey: latest.key,
  };
}

async function exists(store: ObjectStore, key: string): Promise<boolean> {
  for await (const info of store.list(key)) if (info.key === key) return true;
  return false;
}
