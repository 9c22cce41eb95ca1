import type { ObjectStore } from '../ports/object-store.ts';
import { listKeys, readJsonObject } from './read-json.ts';

/** One thing that happened to an endpoint, for the incidents timeline. */
export interface TimelineEvent {
  at: string;
  endpoint: string;
  kind: 'incident-opened' | 'alert-sent' | 'incident-resolved' | 'rollback' | 'alarm';
  title: string;
  detail?: string;
}

/**
 * The incidents of every endpoint on one timeline, newest first: each incident's opening, the
 * alerts sent for it and its resolution (`alerting/incidents/`), the rollbacks decided
 * (`state/rollbacks/`), and the guardrail alarms now in ALARM (`local/alarms/` in the local twin).
 *
 * @example
 * ```ts
 * const events = await incidentTimeline(store);
 * events.filter((e) => e.kind === 'rollback');
 * ```
 */
export async function incidentTimeline(store: ObjectStore): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  for (const key of await listKeys(store, 'alerting/incidents/')) {
    const incident = await readJsonObject(store, key);
    if (incident) events.push(...incidentEvents(incident));
  }
  for (const key of await listKeys(store, 'state/rollbacks/')) {
    if (key.includes('/deployments/')) continue;
    const rollback = await readJsonObject(store, key);
    const decision = rollback?.decision as Record<string, unknown> | undefined;
    if (!rollback || typeof rollback.startedAt !== 'string' || decision?.kind !== 'rollback') continue;
    const outcome = rollback.outcome as Record<string, unknown> | undefined;
    events.push({
      at: rollback.startedAt,
      endpoint: key.split('/')[2] ?? '',
      kind: 'rollback',
      title: `Rolled back from ${String(decision.from)} to ${String(decision.to)}`,
      detail: String(outcome?.action ?? decision.reason ?? ''),
    });
  }
  for (const key of await listKeys(store, 'local/alarms/')) {
    const alarm = await readJsonObject(store, key);
    if (alarm?.value !== 'ALARM' || typeof alarm.timestamp !== 'string') continue;
    const name = key.slice('local/alarms/'.length).replace(/\.json$/, '');
    events.push({
      at: new Date(alarm.timestamp.replace(/\+0000$/, 'Z')).toISOString(),
      endpoint:
        /^vigil-(.+)-(data-quality|model-quality|bias-drift|feature-attribution)-/.exec(name)?.[1] ?? '',
      kind: 'alarm',
      title: `${name} in ALARM`,
      detail: String(alarm.reason ?? ''),
    });
  }
  return events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** The opening, the alerts sent and the resolution of one stored incident, each when it has a time. */
function incidentEvents(incident: Record<string, unknown>): TimelineEvent[] {
  const endpoint = String(incident.endpoint ?? '');
  const id = String(incident.incidentId ?? '');
  const opened = incident.openedBy as Record<string, unknown> | undefined;
  const events: TimelineEvent[] = [];
  const add = (at: unknown, kind: TimelineEvent['kind'], title: string, detail?: string) => {
    if (typeof at === 'string') events.push({ at, endpoint, kind, title, ...(detail ? { detail } : {}) });
  };
  add(
    incident.openedAt,
    'incident-opened',
    `Incident ${id} opened`,
    opened?.source ? `by ${String(opened.source)}` : undefined,
  );
  for (const at of Array.isArray(incident.firingSentAt) ? incident.firingSentAt : [])
    add(at, 'alert-sent', `Alert sent for ${id}`, 'firing');
  add(incident.resolvedAt, 'incident-resolved', `Incident ${id} resolved`);
  return events;
}
