import type { ObjectStore } from '../ports/object-store.ts';
import type { ReportLocator } from './evidence.ts';

/**
 * A ReportLocator over one store: `{store.location}/key` (for example `s3://bucket/key` or
 * `/home/me/.vigil/key`) and bare keys both resolve to `key` in `store`.
 *
 * @example
 * ```ts
 * const locate = storeLocator(store);
 * locate(`${store.location}/reports/mq/statistics.json`); // { store, key: 'reports/mq/statistics.json' }
 * ```
 */
export function storeLocator(store: ObjectStore): ReportLocator {
  const root = `${store.location.replace(/\/+$/, '')}/`;
  return (uri) => ({ store, key: uri.startsWith(root) ? uri.slice(root.length) : uri.replace(/^\/+/, '') });
}
