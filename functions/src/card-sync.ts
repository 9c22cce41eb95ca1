import {
  EventShapeError,
  isMonitoringType,
  MONITOR_SPECS,
  MONITORING_EXECUTION_DETAIL_TYPE,
  type MonitoringExecutionDetail,
} from '@vigil/core';
import { type CardSyncResult, syncModelCard } from '@vigil/core/cards';
import { auditLogOf } from './shared/audit-log.ts';
import { eventBridgeHandler } from './shared/events.ts';
import { type GovernanceDependencies, sageMakerGovernance } from './shared/governance.ts';
import { lambdaHandler } from './shared/lambda-handler.ts';

const STATUSES = new Set(['Completed', 'CompletedWithViolations', 'Failed']);

/** What the handler runs on; `vigil dev` passes the local registry, cards and runtime. */
export type CardSyncDependencies = GovernanceDependencies<'config' | 'store' | 'clock'>;

/**
 * A card-sync handler over the given registry, cards and runtime: SageMaker and the Lambda
 * runtime in AWS (`handler`), the local ones in `vigil dev`.
 *
 * @example
 * ```ts
 * const sync = createCardSyncHandler({ registry: localRegistry, cards: localCards, loadRuntime: async () => local });
 * ```
 */
export function createCardSyncHandler(
  deps: CardSyncDependencies,
): (event: unknown) => Promise<CardSyncResult> {
  return eventBridgeHandler(
    { source: 'vigil', detailType: MONITORING_EXECUTION_DETAIL_TYPE, detail: parseMonitoringExecution },
    async (envelope) => {
      const runtime = await deps.loadRuntime();
      const result = await syncModelCard(
        {
          cards: deps.cards,
          registry: deps.registry,
          audit: auditLogOf(runtime),
          store: runtime.store,
          log: runtime.log,
        },
        envelope.detail,
        { config: runtime.config },
      );
      runtime.log.info('Card sync done', {
        eventId: envelope.id,
        action: result.action,
        card: result.cardName,
        cardVersion: result.cardVersion,
        endpoint: envelope.detail.endpointName,
        monitoringType: envelope.detail.monitoringType,
      });
      return result;
    },
  );
}

/**
 * card-sync: on "Vigil Monitoring Execution" (source vigil) adds the run's results to the model
 * card of the model package version the endpoint serves, as a new card version, and records the
 * run in the audit log. SageMaker clients at module scope, reused by a warm container.
 */
export const handler = lambdaHandler(createCardSyncHandler(sageMakerGovernance()));

function parseMonitoringExecution(detail: unknown): MonitoringExecutionDetail {
  const d = detail as Record<string, unknown>;
  const strings = [
    'endpointName',
    'monitoringScheduleName',
    'scheduledTime',
    'windowStart',
    'windowEnd',
    'reportUri',
  ];
  const missing = strings.filter((f) => typeof d[f] !== 'string');
  if (missing.length) throw new EventShapeError(`Missing or non-string fields: ${missing.join(', ')}`);
  if (!isMonitoringType(String(d.monitoringType))) {
    const types = MONITOR_SPECS.map((spec) => spec.type);
    throw new EventShapeError(`monitoringType must be ${types.slice(0, -1).join(', ')} or ${types.at(-1)}`);
  }
  if (!STATUSES.has(String(d.status))) {
    throw new EventShapeError('status must be Completed, CompletedWithViolations or Failed');
  }
  if (typeof d.violationCount !== 'number' || typeof d.recordCount !== 'number') {
    throw new EventShapeError('violationCount and recordCount must be numbers');
  }
  if (!Array.isArray(d.violations) || !Array.isArray(d.skipped)) {
    throw new EventShapeError('violations and skipped must be lists');
  }
  if (d.metrics === null || typeof d.metrics !== 'object' || Array.isArray(d.metrics)) {
    throw new EventShapeError('metrics must be an object of numbers');
  }
  if (d.modelPackageArn !== undefined && typeof d.modelPackageArn !== 'string') {
    throw new EventShapeError('modelPackageArn must be a string when present');
  }
  if (
    d.servedBy !== undefined &&
    !(
      Array.isArray(d.servedBy) &&
      d.servedBy.every(
        (s: { endpointConfigName?: unknown; from?: unknown; to?: unknown }) =>
          typeof s?.endpointConfigName === 'string' && typeof s.from === 'string' && typeof s.to === 'string',
      )
    )
  ) {
    throw new EventShapeError('servedBy must be a list of { endpointConfigName, from, to } when present');
  }
  const metrics = Object.fromEntries(
    Object.entries(d.metrics as Record<string, unknown>).filter(
      (e): e is [string, number] => typeof e[1] === 'number',
    ),
  );
  return { ...(d as unknown as MonitoringExecutionDetail), metrics };
}
