import { sha256Hex } from '../audit/sha256.ts';
import type { VigilConfig } from '../config/schema.ts';
import type { MonitoringExecutionDetail } from '../events/monitoring-execution.ts';
import {
  MONITORING_RECORD_KIND,
  type MonitoringRunSummary,
  monitoringHistoryKey,
} from '../governance/evidence.ts';
import { joinKey } from '../layout/keys.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Log } from '../ports/log.ts';
import type { ModelCardStore } from '../ports/model-card-store.ts';
import type { ModelRegistry } from '../ports/model-registry.ts';
import type { ObjectStore } from '../ports/object-store.ts';
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
}

/**
 * card-sync: after a "Vigil Monitoring Execution", adds the run to the model card of the model
 * package version the endpoint serves (the event's modelPackageArn, else the newest Approved
 * version of the endpoint's modelPackageGroup) as a new card version, records the run in the
 * audit log (the gate reads it as the version's monitoring history), and — if the group's
 * policy says `reviewOnViolations` — puts an Approved card back to PendingReview in a separate
 * call. A run delivered twice changes nothing the second time.
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
  const { cards, registry, audit, store, log } = ports;
  const actor = options.actor ?? 'card-sync';
  const marker = joinKey('governance', 'monitoring-seen', `${sha256Hex(executionKey(detail))}.json`);
  if (await exists(store, marker)) return { action: 'duplicate' };

  const arn = detail.modelPackageArn ?? (await servedPackage(registry, options.config, detail.endpointName));
  if (!arn) {
    log.warn('monitoring run not linked to a model package: no card to update', {
      endpoint: detail.endpointName,
      monitoringType: detail.monitoringType,
    });
    return { action: 'no-model-package' };
  }
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

  const record = await audit.append({
    kind: MONITORING_RECORD_KIND,
    actor,
    subject: arn,
    summary:
      `${detail.monitoringType} run for ${detail.scheduledTime} on ${detail.endpointName}: ${detail.status}, ` +
      `${detail.violationCount} violation(s); card ${card.name} ${result.action}` +
      (result.statusChangedTo ? `, status set to ${result.statusChangedTo}` : ''),
    details: {
      modelPackageGroup: pkg.groupName,
      endpointName: detail.endpointName,
      monitoringType: detail.monitoringType,
      monitoringScheduleName: detail.monitoringScheduleName,
      status: detail.status,
      scheduledTime: detail.scheduledTime,
      violationCount: detail.violationCount,
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
  await store.putIfAbsent(
    marker,
    JSON.stringify({ executionKey: executionKey(detail), auditSequence: record.sequence }),
  );
  return { ...result, auditSequence: record.sequence };
}

function holdsRun(content: ModelCardContent, key: string): boolean {
  return (content.evaluation_details ?? []).some((e) => e.metadata?.execution_key === key);
}

async function servedPackage(
  registry: ModelRegistry,
  config: CardSyncOptions['config'],
  endpointName: string,
): Promise<string | undefined> {
  const group = config.endpoints.find((e) => e.name === endpointName)?.modelPackageGroup;
  if (!group) return undefined;
  const [latest] = await registry.list(group, { approvalStatus: 'Approved' });
  return latest?.arn;
}

async function exists(store: ObjectStore, key: string): Promise<boolean> {
  for await (const info of store.list(key)) if (info.key === key) return true;
  return false;
}
