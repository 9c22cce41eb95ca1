import type { AuditHead } from './head.ts';

/**
 * Reads back the newest head a log's writers published, from where it landed outside the log
 * (the local events journal). An append consults it only when `head.json` is gone or damaged, so
 * that records deleted together with `head.json` still leave their numbers used.
 *
 * @example
 * ```ts
 * const head = await journal.lastPublishedHead('/home/me/.vigil/audit', 'audit');
 * ```
 */
export interface PublishedHeadSource {
  lastPublishedHead(log: string, prefix: string): Promise<AuditHead | undefined>;
}

/**
 * Whether a publisher can also read back what it published (the local bus keeps a journal;
 * EventBridge cannot).
 *
 * @example
 * ```ts
 * isPublishedHeadSource(new LocalEventBus('.vigil')); // true
 * ```
 */
export function isPublishedHeadSource(value: unknown): value is PublishedHeadSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<PublishedHeadSource>).lastPublishedHead === 'function'
  );
}
