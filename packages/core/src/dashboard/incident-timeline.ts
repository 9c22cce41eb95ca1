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
    if (!incident) continue;
    const endpoint = String(incident.endpoint ?? '');
    const id = String(incident.incidentId ?? '');
    const opened = incident.openedBy as Record<string, unknown> | undefined;
    if (typeof incident.openedAt === 'string')
      events.push({
        at: incident.openedAt,
        endpoint,
        kind: 'incident-opened',
        title: `Incident ${id} opened`,
        ...(opened?.source ? { detail: `by ${String(opened.source)}` } : {}),
      });
    for (const at of Array.isArray(incident.firingSentAt) ? incident.firingSentAt : [])
      if (typeof at === 'string')
        events.push({ at, endpoint, kind: 'alert-sent', title: `Alert sent for ${id}`, detail: 'firing' });
    if (typeof incident.resolvedAt === 'string')
      events.push({
        at: incident.resolvedAt,
        endpoint,
        kind: 'incident-resolved',
        title: `Incident ${id} resolved`,
      });
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
