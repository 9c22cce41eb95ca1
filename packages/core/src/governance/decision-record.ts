import type { ApprovalPolicyConfig } from '../config/approval.ts';
import { joinKey } from '../layout/keys.ts';
import { keySegment } from '../layout/names.ts';
import type { ModelApprovalStatus, ModelPackage } from '../ports/model-registry.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import type { GateOutcome } from './description.ts';
import type { CardEvidence, MonitoringRunSummary, PackageEvidence, ReportEvidence } from './evidence.ts';
import type { RuleResult } from './policy.ts';

/** The full record of one gate decision, stored in Vigil's store and linked from the package. */
export interface DecisionRecord {
  id: string;
  attempt: number;
  modelPackageArn: string;
  modelPackageGroup: string;
  modelPackageVersion: number;
  decidedAt: string;
  outcome: GateOutcome;
  /** The approval status the decision sets (unchanged `PendingManualApproval` when left pending). */
  approvalStatus: ModelApprovalStatus;
  approvalDescription: string;
  rules: RuleResult[];
  policy: ApprovalPolicyConfig;
  evidence: {
    reports: ReportSummary[];
    card: {
      name: string;
      status: 'present' | 'missing';
      version?: number;
      cardStatus?: string;
      reason?: string;
    };
    approvedVersion?: { arn: string; version: number; reports: ReportSummary[] };
    monitoringHistory: MonitoringRunSummary[];
    /** The variant comparison read for `challengerBeatChampion`: where, and whether it was there. */
    comparison?: { endpoint: string; status: string; uri?: string; reason?: string };
  };
  trigger: { eventId?: string; actor: string };
}

/** A report as the record keeps it: where it was, whether it was usable, its digest and headline values. */
export interface ReportSummary {
  kind: string;
  status: string;
  uris: string[];
  sha256: string[];
  reason?: string;
  metrics?: Record<string, number>;
}

/** Folder of a version's decisions. */
export function decisionFolder(pkg: Pick<ModelPackage, 'groupName' | 'version'>): string {
  return `${joinKey('governance', 'decisions', keySegment(pkg.groupName, 'model package group'), `v${pkg.version}`)}/`;
}

/**
 * Key of decision `attempt` of a version: `governance/decisions/{group}/v{version}/{attempt}.json`.
 *
 * @example
 * ```ts
 * decisionKey({ groupName: 'churn', version: 3 }, 1); // 'governance/decisions/churn/v3/001.json'
 * ```
 */
export function decisionKey(pkg: Pick<ModelPackage, 'groupName' | 'version'>, attempt: number): string {
  return `${decisionFolder(pkg)}${String(attempt).padStart(3, '0')}.json`;
}

/** The latest decision recorded for a version, or undefined. */
export async function latestDecision(
  store: ObjectStore,
  pkg: Pick<ModelPackage, 'groupName' | 'version'>,
): Promise<{ key: string; record: DecisionRecord } | undefined> {
  let last: string | undefined;
  for await (const info of store.list(decisionFolder(pkg))) {
    if (/\/\d{3}\.json$/.test(info.key) && (!last || info.key > last)) last = info.key;
  }
  if (!last) return undefined;
  const record = JSON.parse(new TextDecoder().decode(await store.get(last))) as DecisionRecord;
  return { key: last, record };
}

/** Summaries of a package's reports for the record: statuses, digests, model-quality metrics. */
export function summarizeReports(evidence: PackageEvidence): ReportSummary[] {
  return Object.values(evidence.reports).map((r: ReportEvidence) => ({
    kind: r.kind,
    status: r.status,
    uris: r.uris,
    sha256: r.sha256,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.modelQuality ? { metrics: r.modelQuality.metrics } : {}),
  }));
}

/** The card as the record keeps it. */
export function summarizeCard(card: CardEvidence, reason?: string): DecisionRecord['evidence']['card'] {
  return {
    name: card.name,
    status: card.status,
    ...(card.card ? { version: card.card.version, cardStatus: card.card.status } : {}),
    ...(reason ? { reason } : {}),
  };
}
