import type { Log } from '@vigil/core';
import { ObjectStoreAuditLog } from '@vigil/core/audit';
import type { Runtime } from './runtime.ts';

/**
 * The audit log of a handler: in the audit bucket when the runtime has one, else in Vigil's
 * store; every append publishes its head on the runtime's bus (EventBridge, or the local journal).
 *
 * @example
 * ```ts
 * await auditLogOf(runtime).append({ kind: 'card.updated', actor: 'card-sync', subject, summary, details });
 * ```
 */
export function auditLogOf(
  runtime: Pick<Runtime, 'store' | 'clock'> & Partial<Pick<Runtime, 'auditStore' | 'events'>> & { log?: Log },
): ObjectStoreAuditLog {
  return new ObjectStoreAuditLog(runtime.auditStore ?? runtime.store, {
    clock: runtime.clock,
    events: runtime.events,
    log: runtime.log,
  });
}
