import type { EventPublisher, VigilEvent } from '../ports/event-publisher.ts';
import type { Log } from '../ports/log.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { readEndpointRecord } from '../rollback/endpoint-record.ts';
import { servedDuring, servedPackages } from '../rollback/served-by.ts';
import { MONITORING_EXECUTION_DETAIL_TYPE, type MonitoringExecutionDetail } from './monitoring-execution.ts';

/**
 * The run with what served its window, from the endpoint history the deployment tracker keeps in
 * Vigil's store: `servedBy` (config, variant, model package, part of the window) and, when one
 * package served the whole window, `modelPackageArn`. A run that already names its package keeps
 * it; a run of an endpoint with no history is returned as it is.
 *
 * @example
 * ```ts
 * const attributed = await attributeExecution(store, detail);
 * attributed.servedBy?.map((s) => s.modelPackageArn);
 * ```
 */
export async function attributeExecution(
  store: ObjectStore,
  detail: MonitoringExecutionDetail,
): Promise<MonitoringExecutionDetail> {
  const record = await readEndpointRecord(store, detail.endpointName);
  const window = { start: new Date(detail.windowStart), end: new Date(detail.windowEnd) };
  // A zero-length window (a one-off CLI run) is attributed to what served at that instant.
  const instant = window.end.getTime() <= window.start.getTime();
  const servedBy = servedDuring(
    record,
    instant ? { start: window.start, end: new Date(window.start.getTime() + 1) } : window,
    detail.variantName,
  ).map((s) => (instant ? { ...s, to: detail.windowEnd } : s));
  if (servedBy.length === 0) return detail;
  const packages = servedPackages(servedBy);
  const whole =
    packages.length === 1 &&
    servedBy.every((s) => s.modelPackageArn === packages[0]) &&
    covers(servedBy, window);
  return {
    ...detail,
    servedBy,
    ...(detail.modelPackageArn === undefined && whole ? { modelPackageArn: packages[0] } : {}),
  };
}

function covers(
  served: readonly { from: string; to: string }[],
  window: { start: Date; end: Date },
): boolean {
  const first = served[0];
  const last = served.at(-1);
  return (
    first !== undefined &&
    last !== undefined &&
    Date.parse(first.from) <= window.start.getTime() &&
    Date.parse(last.to) >= window.end.getTime()
  );
}

/**
 * An EventPublisher that attributes every "Vigil Monitoring Execution" it publishes (see
 * {@link attributeExecution}) before handing it on; other events pass unchanged. The monitors
 * stay unaware of deployments; the Lambdas and the CLI wrap their publisher with it. Attribution
 * is best effort: an unreadable endpoint record is logged and the run published as it is.
 *
 * @example
 * ```ts
 * const events = attributingPublisher(new EventBridgePublisher({ eventBusName }), store, log);
 * ```
 */
export function attributingPublisher(events: EventPublisher, store: ObjectStore, log: Log): EventPublisher {
  return {
    async publish(batch: readonly VigilEvent[]): Promise<void> {
      const attributed = await Promise.all(
        batch.map(async (event) => {
          if (event.detailType !== MONITORING_EXECUTION_DETAIL_TYPE) return event;
          const detail = event.detail as unknown as MonitoringExecutionDetail;
          try {
            const served = await attributeExecution(store, detail);
            return { ...event, detail: served as unknown as Record<string, unknown> };
          } catch (error) {
            log.warn('monitoring run not attributed to a model version', {
              endpoint: detail.endpointName,
              error: (error as Error).message,
            });
            return event;
          }
        }),
      );
      await events.publish(attributed);
    },
  };
}
