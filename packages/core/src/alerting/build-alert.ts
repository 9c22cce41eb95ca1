import { joinKey, reportPrefix } from '../layout/keys.ts';
import type { Alert, AlertSeverity } from '../ports/notifier.ts';
import { readEndpointRecord } from '../rollback/endpoint-record.ts';
import { hourOf, hourPath } from '../window/window.ts';
import { signalLine } from './alert-format.ts';
import type { IncidentRecord, MessageKind } from './incident.ts';
import type { IncomingSignal } from './incoming-signal.ts';
import type { AlertRouterPorts } from './route-alert.ts';
import type { SignalRecord } from './signal-record.ts';

/** What building an alert reads: the store's location, the clock, and the endpoint controller for the model version. */
export type AlertBuildPorts = Pick<AlertRouterPorts, 'store' | 'clock' | 'log' | 'rollback'>;

/** The facts of one message. */
export interface AlertFacts {
  incoming: IncomingSignal;
  incident: IncidentRecord;
  kind: MessageKind;
  alertId: string;
  /** Every signal record of the endpoint, this event's included. */
  signals: SignalRecord[];
  notes: string[];
  /** The config that served when the alarm fired, when Vigil has just rolled it back. */
  servedConfig?: string | undefined;
}

const SEVERITY_RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

/**
 * The alert of one message: the incident's signals (firing ones, or every one that changed
 * during the incident for a resolved notice), the highest severity, a one-line title saying what
 * crossed which threshold, the report and runbook links, the model version that was serving and
 * the last action Vigil took.
 *
 * @example
 * ```ts
 * const alert = await buildAlert(ports, { incoming, incident, kind: 'firing', alertId, signals, notes: [] });
 * ```
 */
export async function buildAlert(ports: AlertBuildPorts, facts: AlertFacts): Promise<Alert> {
  const { incoming, incident, kind, alertId, signals, notes, servedConfig } = facts;
  const endpoint = incoming.endpoint;
  const byRecency = [...signals].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  const shown =
    kind === 'resolved'
      ? byRecency.filter((s) => s.changedAt >= incident.openedAt || s.eventId === incoming.eventId)
      : byRecency.filter((s) => s.firing);
  const firing = signals.filter((s) => s.firing);
  const severity: AlertSeverity =
    kind === 'resolved'
      ? 'info'
      : firing.reduce<AlertSeverity>(
          (top, s) => (SEVERITY_RANK[s.severity] > SEVERITY_RANK[top] ? s.severity : top),
          'info',
        );
  const more = firing.length > 1 ? ` (+${firing.length - 1} more)` : '';
  const title =
    kind === 'resolved'
      ? `[RESOLVED] ${endpoint.name}: every guardrail is back to OK`
      : kind === 'update'
        ? `[STILL FIRING] ${endpoint.name}: ${firing.length} guardrail signal${firing.length === 1 ? '' : 's'} firing`
        : `[FIRING] ${endpoint.name}: ${signalLine(incoming.signal)}${more}`;
  const reportUri =
    incoming.signal.reportUri ??
    shown.find((s) => s.signal.reportUri)?.signal.reportUri ??
    alarmReportUri(ports, incoming);
  const modelPackageArn =
    incoming.execution?.modelPackageArn ?? (await deployedModelPackage(ports, endpoint.name, servedConfig));
  return {
    id: alertId,
    incidentId: incident.incidentId,
    status: kind === 'resolved' ? 'resolved' : 'firing',
    severity,
    title,
    endpoint: endpoint.name,
    // The variant whose run or alarm this is, for an endpoint monitored per variant.
    variant: incoming.alarm?.variant ?? incoming.execution?.variantName ?? endpoint.variant,
    ...(modelPackageArn ? { modelPackageArn } : {}),
    signals: shown.map((s) => s.signal),
    transition: { from: incoming.signal.previousState ?? 'unknown', to: incoming.signal.state },
    ...(reportUri ? { reportUri } : {}),
    ...(endpoint.alerts.runbookUrl ? { runbookUrl: endpoint.alerts.runbookUrl } : {}),
    actionTaken: incident.actions?.at(-1) ?? 'None.',
    notes,
    at: ports.clock.now().toISOString(),
    eventId: incoming.eventId,
  };
}

/** The report folder of the run an alarm's datapoint came from. */
function alarmReportUri(ports: AlertBuildPorts, incoming: IncomingSignal): string | undefined {
  if (!incoming.monitor || incoming.alarm?.kind === 'heartbeat') return undefined;
  const start = incoming.signal.window?.start;
  const hour = hourOf(start ? new Date(start) : incoming.changedAt);
  const reports = incoming.endpoint.reports;
  const variant = incoming.alarm?.variant;
  if (reports.startsWith('s3://')) {
    const folder = joinKey(
      reports.slice(5),
      incoming.endpoint.name,
      incoming.monitor,
      variant ?? '',
      hourPath(hour),
    );
    return `s3://${folder}/`;
  }
  return `${ports.store.location}/${reportPrefix(reports, incoming.endpoint.name, incoming.monitor, hour, variant)}`;
}

/** The model package the endpoint serves, best effort: an alert goes out without it. */
async function deployedModelPackage(
  ports: AlertBuildPorts,
  endpoint: string,
  servedConfig: string | undefined,
): Promise<string | undefined> {
  if (!ports.rollback) return undefined;
  try {
    const record = servedConfig ? undefined : await readEndpointRecord(ports.store, endpoint);
    const config =
      servedConfig ??
      record?.current.configName ??
      (await ports.rollback.controller.describe(endpoint)).configName;
    return (await ports.rollback.controller.modelPackagesOf(config))[0];
  } catch (error) {
    ports.log.warn('model package of endpoint unknown', { endpoint, error: (error as Error).message });
    return undefined;
  }
}
