import type { VigilConfig } from '../config/schema.ts';
import { attributeExecution } from '../events/attribute-execution.ts';
import type { MonitoringExecutionDetail, ServedModel } from '../events/monitoring-execution.ts';
import {
  MONITORING_RECORD_KIND,
  type MonitoringRunSummary,
  monitoringHistoryKey,
} from '../governance/evidence.ts';
import { sha256Hex } from '../hashing/sha256.ts';
import { joinKey } from '../layout/keys.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Log } from '../ports/log.ts';
import type { ModelCardStore } from '../ports/model-card-store.ts';
import type { ModelRegistry } from '../ports/model-registry.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { servedPackages } from '../rollback/served-by.ts';
import type { ModelCardContent } from './content-schema.ts';
import { ensureModelCard } from './ensure.ts';
import { CardInvalidError } from './errors.ts';
import { DEFAULT_MAX_MONITORING_EVALUATIONS } from './limits.ts';
import { appendMonitoringRun, executionKey } from './monitoring-evaluation.ts';
import { validateModelCard } from './validate.ts';

// Read-back rounds against concurrent writers of the same card before giving up (the run stays in the audit log).
const MAX_SYNC_ATTEMPTS = 3;

/** What card-sync needs. */
export interface CardSyncPorts {
  cards: ModelCardStore;
  registry: ModelRegistry;
  audit: AuditLog;
  /** Vigil's own store: card-sync keeps its "already seen" markers there. */
  store: ObjectStore;
  log: Log;
}

export interface CardSyncOptions {
  /** Maps an endpoint to its model package group and the group to its card settings. */
  config: Pick<VigilConfig, 'endpoints' | 'approvalPolicies'>;
  /** Who the audit log names; default `card-sync`. */
  actor?: string;
}

export interface CardSyncResult {
  action: 'updated' | 'unchanged' | 'duplicate' | 'archived' | 'no-model-package';
  modelPackageArn?: string;
  cardName?: string;
  cardVersion?: number;
  statusChangedTo?: 'PendingReview';
  /** Older monitoring entries dropped from evaluation_details to keep it bounded. */
  dropped?: number;
  auditSequence?: number;
  /** When another version served part of the window too: what was done for each earlier one. */
  alsoCredited?: CardSyncResult[];
}

/**
 * card-sync: after a "Vigil Monitoring Execution", adds the run to the model card of each model
 * package version that served its window — the run's `servedBy` (attributed from the deployment
 * tracker's history when it was published), else its `modelPackageArn`, else the endpoint history
 * in Vigil's store — as a new card version, records the run in the audit log under that version
 * (the gate reads it as the version's monitoring history), and — if the group's policy says
 * `reviewOnViolations` — puts an Approved card back to PendingReview in a separate call. It never
 * guesses: a run no history attributes is recorded nowhere and logged. A window that spans a
 * deployment is credited to both versions, each record saying which part it served. A run
 * delivered twice changes nothing the second time.
 *
 * @example
 * ```ts
 * const result = await syncModelCard({ cards, registry, audit, store, log }, detail, { config });
 * ```
 */
export async function syncModelCard(
  ports: CardSyncPorts,
  detail: MonitoringExecutionDetail,
  options: CardSyncOptions,
): Promise<CardSyncResult> {
  const { store, log } = ports;
  const marker = joinKey('governance', 'monitoring-seen', `${sha256Hex(executionKey(detail))}.json`);
  if (await exists(store, marker)) return { action: 'duplicate' };

  const attributed = detail.servedBy ? detail : await attributeExecution(store, detail);
  const servedBy = attributed.servedBy ?? [];
  const arns = detail.modelPackageArn ? [detail.modelPackageArn] : servedPackages(servedBy);
  if (arns.length === 0) {
    log.warn('monitoring run not linked to a model package: no card to update', {
      endpoint: detail.endpointName,
      monitoringType: detail.monitoringType,
      reason: servedBy.length
        ? 'the endpoint configs that served the window name no model package'
        : 'no deployment history covers the window (is the deployment-tracker rule deployed?)',
    });
    return { action: 'no-model-package' };
  }
  const results: CardSyncResult[] = [];
  for (const arn of arns) {
    const parts = servedBy.filter((s) => s.modelPackageArn === arn);
    results.push(await creditRun(ports, attributed, options, arn, parts, servedBy));
  }
  await store.putIfAbsent(
    marker,
    JSON.stringify({
      executionKey: executionKey(detail),
      auditSequences: results.map((r) => r.auditSequence),
    }),
  );
  // The version serving at the end of the window is the one the result is about.
  const last = results.at(-1)!;
  return results.length > 1 ? { ...last, alsoCredited: results.slice(0, -1) } : last;
}

async function creditRun(
  ports: CardSyncPorts,
  detail: MonitoringExecutionDetail,
  options: CardSyncOptions,
  arn: string,
  parts: readonly ServedModel[],
  servedBy: readonly ServedModel[],
): Promise<CardSyncResult> {
  const { cards, registry, audit, store, log } = ports;
  const actor = options.actor ?? 'card-sync';
  const pkg = await registry.describe(arn);
  const policy = options.config.approvalPolicies.find((p) => p.modelPackageGroup === pkg.groupName);
  const maxRuns = policy?.cards.maxMonitoringEvaluations ?? DEFAULT_MAX_MONITORING_EVALUATIONS;
  const ensured = await ensureModelCard(cards, pkg);
  let card = ensured.card;

  let result: CardSyncResult = {
    action: 'archived',
    modelPackageArn: arn,
    cardName: card.name,
    cardVersion: card.version,
  };
  if (card.status !== 'Archived') {
    result = { ...result, action: 'unchanged' };
    for (let attempt = 1; attempt <= MAX_SYNC_ATTEMPTS; attempt++) {
      const appended = appendMonitoringRun(card.content as ModelCardContent, detail, maxRuns);
      if (!appended.changed) break;
      const issues = validateModelCard(card.name, appended.content);
      if (issues.length > 0) throw new CardInvalidError(card.name, issues);
      const version = await cards.updateContent(card.name, appended.content as Record<string, unknown>);
      result = { ...result, action: 'updated', cardVersion: version, dropped: appended.dropped };
      // UpdateModelCard has no condition: a concurrent card-sync may have written its own version from the
      // same base, dropping this run. Read back and add the run again on top of theirs if so.
      const latest = await cards.get(card.name);
      const key = executionKey(detail);
      if (!latest || !holdsRun(appended.content, key) || holdsRun(latest.content as ModelCardContent, key))
        break;
      log.warn('model card changed concurrently; adding the run again', { card: card.name, attempt });
      card = latest;
    }
    const needsReview = detail.status !== 'Completed' && policy?.cards.reviewOnViolations === true;
    if (needsReview && card.status === 'Approved') {
      // SageMaker refuses content and status in one UpdateModelCard call: the status is its own call.
      await cards.updateStatus(card.name, 'PendingReview');
      result.statusChangedTo = 'PendingReview';
    }
  } else {
    log.info('model card is archived: monitoring run recorded in the audit log only', { card: card.name });
  }

  const shared = servedBy.length > parts.length;
  const served = parts.length
    ? {
        endpointConfigName: parts[0]!.endpointConfigName,
        ...(parts[0]!.variantName ? { variantName: parts[0]!.variantName } : {}),
        servedFrom: parts[0]!.from,
        servedTo: parts.at(-1)!.to,
        ...(shared ? { servedBy: [...servedBy] } : {}),
      }
    : {};
  const record = await audit.append({
    kind: MONITORING_RECORD_KIND,
    actor,
    subject: arn,
    summary:
      `${detail.monitoringType} run for ${detail.scheduledTime} on ${detail.endpointName}: ${detail.status}, ` +
      `${detail.violationCount} violation(s); card ${card.name} ${result.action}` +
      (result.statusChangedTo ? `, status set to ${result.statusChangedTo}` : '') +
      (shared
        ? `; v${pkg.version} served ${parts[0]!.from}–${parts.at(-1)!.to} of the window, another version the rest`
        : ''),
    details: {
      modelPackageGroup: pkg.groupName,
      modelPackageVersion: pkg.version,
      endpointName: detail.endpointName,
      ...served,
      monitoringType: detail.monitoringType,
      monitoringScheduleName: detail.monitoringScheduleName,
      status: detail.status,
      scheduledTime: detail.scheduledTime,
      windowStart: detail.windowStart,
      windowEnd: detail.windowEnd,
      violationCount: detail.violationCount,
      recordCount: detail.recordCount,
      metrics: detail.metrics,
      reportUri: detail.reportUri,
      cardName: card.name,
      cardVersion: result.cardVersion,
      cardAction: result.action,
      ...(result.statusChangedTo ? { cardStatusChangedTo: result.statusChangedTo } : {}),
    },
  });
  const summary: MonitoringRunSummary = {
    auditSequence: record.sequence,
    at: record.at,
    endpointName: detail.endpointName,
    ...served,
    monitoringType: detail.monitoringType,
    status: detail.status,
    scheduledTime: detail.scheduledTime,
    violationCount: detail.violationCount,
    metrics: detail.metrics,
    reportUri: detail.reportUri,
  };
  await store.put(
    monitoringHistoryKey(pkg, detail.scheduledTime, detail.monitoringType),
    JSON.stringify(summary),
    'application/json',
  );
  return { ...result, auditSequence: record.sequence };
}

function holdsRun(content: ModelCardContent, key: string): boolean {
  return (content.evaluation_details ?? []).some((e) => e.metadata?.execution_key === key);
}

async function exists(store: ObjectStore, key: string): Promise<boolean> {
  for await (const info of store.list(key)) if (info.key === key) return true;
  return false;
}
