import { joinKey } from '../layout/keys.ts';
import { keySegment } from '../layout/names.ts';

/** The kinds of message an incident sends. */
export type MessageKind = 'firing' | 'update' | 'resolved';

/** One endpoint's incident: open from the first firing signal until every signal is clear. */
export interface IncidentRecord {
  endpoint: string;
  incidentId: string;
  status: 'open' | 'resolved';
  openedAt: string;
  resolvedAt?: string;
  /** Incremented each time a resolved incident re-fires within the suppression time (flapping). */
  episode: number;
  lastMessage?: { kind: MessageKind; at: string; alertId: string };
  /** Times of the firing messages sent, to stop announcing a flapping incident again and again. */
  firingSentAt: string[];
  /** Messages left out by repeat suppression since the last one sent. */
  suppressed: number;
  /** What Vigil did during the incident (rollbacks, guardrails observed), oldest first. */
  actions?: string[];
}

/** Where incidents live: `alerting/incidents/<endpoint>.json`. */
export const INCIDENT_PREFIX = 'alerting/incidents';

/**
 * The key of an endpoint's incident record.
 *
 * @example
 * ```ts
 * incidentKey('churn-prod'); // 'alerting/incidents/churn-prod.json'
 * ```
 */
export function incidentKey(endpoint: string): string {
  return joinKey(INCIDENT_PREFIX, `${keySegment(endpoint, 'endpoint')}.json`);
}

/** How one event changed its signal. */
export type SignalChange = 'fired' | 'cleared' | 'unchanged';

/** The facts a notification decision is made on. */
export interface NotificationFacts {
  endpoint: string;
  incident: IncidentRecord | undefined;
  change: SignalChange;
  /** Whether any signal of the endpoint fires after this event. */
  anyFiring: boolean;
  /** The run this event belongs to (its window start), which names a new incident. */
  runKey: string;
  now: Date;
  suppressMs: number;
  /** An action was taken (rollback, guardrails observed): such a message is never suppressed. */
  actionTaken: boolean;
  /**
   * The signal is a run's violations that a guardrail alarm also watches: it does not open an
   * incident itself, the alarm does, so the incident is announced once, with its action.
   */
  awaitingAlarm?: boolean;
}

/** Whether to send, what, and the incident afterwards. */
export interface NotificationDecision {
  send: MessageKind | undefined;
  incident: IncidentRecord | undefined;
  notes: string[];
}

/**
 * Decides the message for one signal change (pure). One message per incident: the first
 * firing signal of an endpoint opens an incident and is announced; other signals joining it and
 * repeats are suppressed for `suppressMs` after the last message, then summarised in a reminder;
 * the last signal clearing sends one resolved notice. A run's violations that a guardrail alarm
 * watches (`awaitingAlarm`) open no incident: the alarm they trip does, moments later, and its
 * message lists them. A resolved incident that fires again within
 * `suppressMs` is flapping: it reopens (same id), is announced once more, and after that its
 * flaps stay quiet until the suppression time has passed. A message reporting an action is
 * always sent.
 *
 * @example
 * ```ts
 * const { send, incident } = decideNotification({ endpoint, incident, change: 'fired', anyFiring: true,
 *   runKey: '20240501T1300', now, suppressMs: 3_600_000, actionTaken: false });
 * ```
 */
export function decideNotification(facts: NotificationFacts): NotificationDecision {
  const { incident, now } = facts;
  const at = now.toISOString();
  const sinceLast = incident?.lastMessage ? now.getTime() - Date.parse(incident.lastMessage.at) : Infinity;
  const quiet = sinceLast < facts.suppressMs;
  const suppress = (next: IncidentRecord, notes: string[] = []): NotificationDecision => {
    if (facts.actionTaken) return { send: 'update', incident: next, notes };
    return { send: undefined, incident: { ...next, suppressed: next.suppressed + 1 }, notes };
  };

  if (facts.change === 'fired' && (!incident || incident.status === 'resolved')) {
    if (facts.awaitingAlarm) return { send: undefined, incident, notes: [] };
    const sinceResolved = incident?.resolvedAt ? now.getTime() - Date.parse(incident.resolvedAt) : Infinity;
    if (incident && sinceResolved < facts.suppressMs) {
      const recentFirings = incident.firingSentAt.filter(
        (t) => now.getTime() - Date.parse(t) < facts.suppressMs,
      );
      const reopened: IncidentRecord = { ...incident, status: 'open', episode: incident.episode + 1 };
      delete reopened.resolvedAt;
      const minutes = Math.round(sinceResolved / 60_000);
      const note = `Flapping: fired again ${minutes} min after it resolved; further flaps within ${Math.round(
        facts.suppressMs / 60_000,
      )} min are not announced.`;
      if (recentFirings.length >= 2) return suppress(reopened, [note]);
      return { send: 'firing', incident: reopened, notes: [note] };
    }
    const opened: IncidentRecord = {
      endpoint: facts.endpoint,
      incidentId: `${facts.endpoint}-${facts.runKey}`,
      status: 'open',
      openedAt: at,
      episode: 1,
      firingSentAt: [],
      suppressed: 0,
    };
    return { send: 'firing', incident: opened, notes: [] };
  }
  if (!incident || incident.status === 'resolved') return { send: undefined, incident, notes: [] };

  if (facts.change === 'cleared' && !facts.anyFiring) {
    const resolved: IncidentRecord = { ...incident, status: 'resolved', resolvedAt: at };
    // The last message already said "resolved" when a flap's firing was suppressed.
    if (incident.lastMessage?.kind === 'resolved' && !facts.actionTaken) return suppress(resolved);
    return { send: 'resolved', incident: resolved, notes: [] };
  }
  if (!facts.anyFiring) return { send: undefined, incident, notes: [] };
  // Another signal joined the open incident, or a repeat: a reminder once the quiet time is over.
  if (quiet) return suppress(incident);
  const notes = incident.suppressed
    ? [
        `${incident.suppressed} repeat${incident.suppressed === 1 ? '' : 's'} suppressed since the last message.`,
      ]
    : [];
  return { send: 'update', incident, notes };
}

/**
 * The incident after a message was sent.
 *
 * @example
 * ```ts
 * incident = recordMessage(incident, 'firing', alert.id, now);
 * ```
 */
export function recordMessage(
  incident: IncidentRecord,
  kind: MessageKind,
  alertId: string,
  now: Date,
): IncidentRecord {
  const at = now.toISOString();
  return {
    ...incident,
    lastMessage: { kind, at, alertId },
    firingSentAt: kind === 'firing' ? [...incident.firingSentAt, at].slice(-10) : incident.firingSentAt,
    suppressed: 0,
  };
}
