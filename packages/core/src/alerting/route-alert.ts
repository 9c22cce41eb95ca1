import type { VigilConfig } from '../config/schema.ts';
import { PreconditionFailedError } from '../errors/index.ts';
import { joinKey } from '../layout/keys.ts';
import type { AuditLog } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { EndpointController } from '../ports/endpoint-controller.ts';
import type { Log } from '../ports/log.ts';
import type { MetricSink } from '../ports/metric-sink.ts';
import type { Alert, Notifier } from '../ports/notifier.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { type RollbackOutcome, respondToGuardrailAlarm } from '../rollback/respond-to-alarm.ts';
import { buildAlert } from './build-alert.ts';
import { type ChannelDelivery, type DeliveryOptions, deliverWithRetries } from './deliver.ts';
import { AlertDeliveryError, AlertUndeliveredError } from './errors.ts';
import { guardrailAlarms } from './guardrail-alarms.ts';
import {
  decideNotification,
  type IncidentOpener,
  type IncidentRecord,
  incidentKey,
  type MessageKind,
  type NotificationFacts,
  recordMessage,
  type SignalChange,
} from './incident.ts';
import { readIncident, saveIncidentChange, writeIncidentIfUnchanged } from './incident-store.ts';
import { type IncomingSignal, readIncomingSignal } from './incoming-signal.ts';
import { monitorHealthMetrics } from './monitor-health-metrics.ts';
import { readJson, readSignal, readSignals, type SignalRecord, writeSignal } from './signal-record.ts';

/** The ports of alarm-router. */
export interface AlertRouterPorts {
  config: VigilConfig;
  /** Vigil's store: incidents, signal states, claims, pending deliveries and dead letters. */
  store: ObjectStore;
  /** The notifier of each configured channel, by channel name. */
  notifiers: Readonly<Record<string, Notifier>>;
  clock: Clock;
  log: Log;
  /** When given, each monitoring execution's roll-up metrics are published (the heartbeat). */
  metrics?: MetricSink;
  /** When given, guardrail alarms go through the endpoint's rollback policy. */
  rollback?: { controller: EndpointController; audit: AuditLog };
  delivery?: DeliveryOptions;
}

/** What routing one event did. */
export type RouteOutcome =
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'duplicate' | 'out-of-order'; source: string }
  | {
      outcome: 'recorded';
      incidentId?: string;
      suppressed: boolean;
      /** The guardrail alarm that will announce these violations (no incident is open yet). */
      awaiting?: string;
      rollback?: RollbackOutcome;
    }
  | { outcome: 'sent'; alert: Alert; deliveries: ChannelDelivery[]; rollback?: RollbackOutcome };

/** A delivery in progress, so a retried event finishes it instead of deciding again. */
interface PendingDelivery {
  alert: Alert;
  channels: string[];
  delivered: string[];
}

const PENDING_PREFIX = 'alerting/pending';
const CLAIM_PREFIX = 'alerting/claims';

/**
 * The alarm-router job. Takes a "CloudWatch Alarm State Change" or "Vigil Monitoring
 * Execution" event and turns it into at most one actionable alert per incident (the alarms of
 * one endpoint and run): grouped, repeats suppressed for the endpoint's `suppressMinutes`, a
 * resolved notice when everything clears, flapping damped. Guardrail alarms go through the
 * rollback policy first, so the alert says what was done. Duplicate and out-of-order events
 * change nothing. A channel that keeps failing gets a dead letter in the store and the job
 * throws `AlertUndeliveredError` (after recording its state) so the Lambda's retries and DLQ see
 * it; the retried event delivers only to the channels still missing.
 *
 * @example
 * ```ts
 * const result = await routeAlert({ config, store, notifiers, clock, log, rollback: { controller, audit } }, event);
 * log.info('routed', { outcome: result.outcome });
 * ```
 */
export async function routeAlert(ports: AlertRouterPorts, event: unknown): Promise<RouteOutcome> {
  const incoming = readIncomingSignal(ports.config, event);
  if ('ignored' in incoming) {
    ports.log.info('event ignored', { reason: incoming.ignored });
    return { outcome: 'ignored', reason: incoming.ignored };
  }
  if (incoming.execution && ports.metrics) {
    await ports.metrics.publish(
      monitorHealthMetrics(incoming.execution, ports.config.metricsNamespacePrefix, ports.clock.now()),
    );
  }
  const endpoint = incoming.endpoint.name;
  const source = incoming.signal.source;
  const previous = await readSignal(ports.store, endpoint, source);
  const retry = previous?.eventId === incoming.eventId;
  if (retry && previous.settled) return finishPending(ports, incoming);
  if (!retry && previous && Date.parse(previous.changedAt) > incoming.changedAt.getTime()) {
    ports.log.info('out-of-order event ignored', { endpoint, source, eventId: incoming.eventId });
    return { outcome: 'out-of-order', source };
  }
  if (
    !retry &&
    previous &&
    Date.parse(previous.changedAt) === incoming.changedAt.getTime() &&
    previous.signal.state === incoming.signal.state
  ) {
    return { outcome: 'duplicate', source };
  }

  // A retry of an event that failed half-way decides again from the state before it.
  const wasFiring = retry ? previous.priorFiring : (previous?.firing ?? false);
  const change: SignalChange =
    incoming.firing && !wasFiring ? 'fired' : !incoming.firing && wasFiring ? 'cleared' : 'unchanged';
  const record: SignalRecord = {
    signal: incoming.signal,
    firing: incoming.firing,
    severity: incoming.severity,
    changedAt: incoming.changedAt.toISOString(),
    eventId: incoming.eventId,
    priorFiring: wasFiring,
    settled: false,
  };
  // Written before reading the others, so of two signals clearing at once at least one sees both clear.
  await writeSignal(ports.store, endpoint, record);
  const now = ports.clock.now();
  const awaitedAlarm = change === 'fired' ? alarmWatchingRun(ports.config, incoming) : undefined;
  const opener: IncidentOpener = {
    eventId: incoming.eventId,
    source,
    guardsDeployments: Boolean(incoming.alarm?.guardsDeployments),
    at: now.toISOString(),
  };
  const { signals, facts, opened } = await decideOnIncident(ports, endpoint, {
    endpoint,
    change,
    runKey: incoming.runKey,
    now,
    suppressMs: incoming.endpoint.alerts.suppressMinutes * 60_000,
    awaitingAlarm: awaitedAlarm !== undefined,
    opener,
  });
  // What the store holds now: the incident this event opened, or the one it read.
  const stored = opened ?? facts.incident;
  let decision = decideNotification({ ...facts, actionTaken: false });

  let rollback: RollbackOutcome | undefined;
  // Alarms joining an incident a guardrail alarm opened leave the rollback to it: one rollback.
  const openerHandlesRollback =
    decision.incident?.openedBy?.guardsDeployments && decision.incident.openedBy.eventId !== incoming.eventId;
  if (
    change === 'fired' &&
    incoming.alarm?.guardsDeployments &&
    ports.rollback &&
    decision.incident &&
    !openerHandlesRollback
  ) {
    rollback = await respondSafely(ports, ports.rollback, incoming, decision.incident.incidentId);
    if (rollback.decision.kind !== 'notify-only' && !rollback.repeated) {
      decision = decideNotification({ ...facts, actionTaken: true });
      if (decision.incident) {
        decision.incident = {
          ...decision.incident,
          actions: [...(decision.incident.actions ?? []), rollback.action],
        };
      }
    }
  }

  let next = decision.incident;
  const settle = () => writeSignal(ports.store, endpoint, { ...record, settled: true });
  if (!decision.send || !next) {
    if (next) await saveIncidentChange(ports.store, stored, next);
    await settle();
    // No incident opened: the violations wait for the alarm that watches them.
    const awaiting = next ? undefined : awaitedAlarm;
    if (awaiting) {
      ports.log.info('violations recorded; the guardrail alarm watching them announces the incident', {
        endpoint,
        alarm: awaiting,
      });
    }
    return {
      outcome: 'recorded',
      ...(next ? { incidentId: next.incidentId } : {}),
      suppressed: decision.send === undefined && change !== 'unchanged' && !awaiting,
      ...(awaiting ? { awaiting } : {}),
      ...(rollback ? { rollback } : {}),
    };
  }
  const kind = decision.send;
  const alertId = `${next.incidentId}.${next.episode}.${kind}.${shortHash(incoming.eventId)}`;
  if (kind !== 'update' && !(await claimMessage(ports.store, next, kind, incoming.eventId))) {
    // Another event of the same incident announced it a moment ago: this signal joins silently.
    await saveIncidentChange(ports.store, stored, next);
    await settle();
    return {
      outcome: 'recorded',
      incidentId: next.incidentId,
      suppressed: true,
      ...(rollback ? { rollback } : {}),
    };
  }
  // The version that was serving when the alarm fired, even when Vigil just rolled it back.
  const servedConfig = rollback?.decision.kind === 'rollback' ? rollback.decision.from : undefined;
  const alert = await buildAlert(ports, {
    incoming,
    incident: next,
    kind,
    alertId,
    signals,
    notes: decision.notes,
    servedConfig,
  });
  next = await saveIncidentChange(ports.store, stored, recordMessage(next, kind, alertId, now));
  const pending: PendingDelivery = { alert, channels: incoming.endpoint.alerts.channels, delivered: [] };
  await ports.store.put(pendingKey(incoming.eventId), JSON.stringify(pending), 'application/json');
  await settle();
  const deliveries = await deliver(ports, incoming, pending);
  return { outcome: 'sent', alert, deliveries, ...(rollback ? { rollback } : {}) };
}

/** The facts of a decision, without the action taken. */
type IncidentFacts = Omit<NotificationFacts, 'actionTaken'>;

/** How often deciding retries after concurrent events changed the incident before giving up. */
const MAX_DECIDE_ATTEMPTS = 20;

/**
 * Reads the endpoint's signals and incident and decides; when the decision opens (or reopens) the
 * incident, stores it first with a conditional write. Losing that write means another event opened
 * it a moment ago: read again and decide again, so this event joins that incident instead of
 * opening a second one.
 */
async function decideOnIncident(
  ports: AlertRouterPorts,
  endpoint: string,
  base: Omit<IncidentFacts, 'incident' | 'anyFiring'>,
): Promise<{ signals: SignalRecord[]; facts: IncidentFacts; opened?: IncidentRecord }> {
  for (let attempt = 0; attempt < MAX_DECIDE_ATTEMPTS; attempt++) {
    const signals = await readSignals(ports.store, endpoint);
    const read = await readIncident(ports.store, endpoint);
    const facts: IncidentFacts = {
      ...base,
      incident: read.incident,
      anyFiring: signals.some((s) => s.firing),
    };
    const candidate = decideNotification({ ...facts, actionTaken: false }).incident;
    const opens = candidate?.status === 'open' && read.incident?.status !== 'open';
    if (!opens) return { signals, facts };
    if (await writeIncidentIfUnchanged(ports.store, read, candidate))
      return { signals, facts, opened: candidate };
    ports.log.info('incident changed by a concurrent event; deciding again', { endpoint });
  }
  throw new PreconditionFailedError(incidentKey(endpoint), {
    cause: new Error(
      `${MAX_DECIDE_ATTEMPTS} concurrent events in a row changed the incident; the event is retried`,
    ),
  });
}

/**
 * The rollback policy applied to a guardrail alarm. A failure (SageMaker unreachable, no such
 * endpoint) must not swallow the alert: it becomes the alert's action line, for a person to act on.
 */
async function respondSafely(
  ports: AlertRouterPorts,
  rollbackPorts: NonNullable<AlertRouterPorts['rollback']>,
  incoming: IncomingSignal,
  incidentId: string,
): Promise<RollbackOutcome> {
  try {
    return await respondToGuardrailAlarm(
      { store: ports.store, ...rollbackPorts, clock: ports.clock, log: ports.log },
      {
        endpoint: incoming.endpoint,
        incidentId,
        alarmName: incoming.signal.source,
        eventId: incoming.eventId,
        reason: incoming.signal.summary,
        alarmGuardsDeployments: true,
      },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ports.log.error('rollback policy failed', { endpoint: incoming.endpoint.name, error: message });
    const reason = `Rollback policy failed: ${message}. Check the endpoint and roll back by hand if needed.`;
    return {
      decision: { kind: 'cannot-roll-back', why: 'not-in-service', reason },
      action: reason,
      rejectedModelPackages: [],
      repeated: false,
    };
  }
}

/** A retried event whose signal was already recorded: finish the deliveries it left undone. */
async function finishPending(ports: AlertRouterPorts, incoming: IncomingSignal): Promise<RouteOutcome> {
  const pending = await readJson<PendingDelivery>(ports.store, pendingKey(incoming.eventId));
  if (!pending || pending.delivered.length >= pending.channels.length) {
    return { outcome: 'duplicate', source: incoming.signal.source };
  }
  ports.log.info('retrying undelivered alert', { alertId: pending.alert.id });
  const deliveries = await deliver(ports, incoming, pending);
  return { outcome: 'sent', alert: pending.alert, deliveries };
}

async function deliver(
  ports: AlertRouterPorts,
  incoming: IncomingSignal,
  pending: PendingDelivery,
): Promise<ChannelDelivery[]> {
  const key = pendingKey(incoming.eventId);
  if (!pending.channels.length) {
    ports.log.warn('no alert channel configured', {
      endpoint: incoming.endpoint.name,
      alertId: pending.alert.id,
    });
  }
  const deliveries: ChannelDelivery[] = [];
  const delivered = [...pending.delivered];
  for (const channel of pending.channels.filter((c) => !pending.delivered.includes(c))) {
    const notifier = ports.notifiers[channel] ?? missingNotifier(channel);
    const result = await deliverWithRetries(ports, notifier, pending.alert, ports.delivery);
    deliveries.push(result);
    if (result.delivered) {
      delivered.push(channel);
      await ports.store.put(key, JSON.stringify({ ...pending, delivered }), 'application/json');
    }
  }
  ports.log.info('alert routed', {
    endpoint: incoming.endpoint.name,
    alertId: pending.alert.id,
    status: pending.alert.status,
    delivered: delivered.length,
    failed: deliveries.filter((d) => !d.delivered).length,
  });
  const dead = deliveries.flatMap((d) => (d.delivered ? [] : [d.deadLetterKey]));
  if (dead.length) throw new AlertUndeliveredError(pending.alert.id, dead);
  return deliveries;
}

async function claimMessage(
  store: ObjectStore,
  incident: IncidentRecord,
  kind: MessageKind,
  eventId: string,
) {
  const key = joinKey(CLAIM_PREFIX, endpointSafe(incident.incidentId), `${incident.episode}-${kind}.json`);
  if (await store.putIfAbsent(key, JSON.stringify({ eventId }), 'application/json')) return true;
  return (await readJson<{ eventId: string }>(store, key))?.eventId === eventId;
}

function missingNotifier(channel: string): Notifier {
  return {
    channel,
    send: async () => {
      throw new AlertDeliveryError(`No notifier for channel "${channel}": define it under "channels"`, {
        channel,
        retryable: false,
      });
    },
  };
}

function pendingKey(eventId: string): string {
  return joinKey(PENDING_PREFIX, `${endpointSafe(eventId)}.json`);
}

function endpointSafe(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** Eight hex digits of FNV-1a: short, stable ids from event ids. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const ch of text) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The name of the guardrail alarm that watches a run's violations (its monitor's roll-up
 * `vigil_violations` alarm, which every configured monitor has), when the event is such a run.
 * A failed run is announced at once: its heartbeat alarm needs two periods to fire.
 */
function alarmWatchingRun(config: VigilConfig, incoming: IncomingSignal): string | undefined {
  if (incoming.execution?.status !== 'CompletedWithViolations') return undefined;
  return guardrailAlarms(config, incoming.endpoint.name).find(
    (alarm) => alarm.monitor === incoming.monitor && alarm.kind === 'violations',
  )?.name;
}
