import { joinKey } from '../layout/keys.ts';
import { keySegment } from '../layout/names.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { hourPath, hoursIn, type TimeWindow } from '../window/window.ts';
import { ASYNC_ERRORS_PREFIX } from './capture-record.ts';

/**
 * How many asynchronous inferences of an endpoint variant failed in a window: the error records
 * in the window's hour folders (by received time).
 *
 * @example
 * ```ts
 * await countAsyncErrors(store, 'ep', 'AllTraffic', { start, end }); // 3
 * ```
 */
export async function countAsyncErrors(
  store: ObjectStore,
  endpoint: string,
  variant: string,
  window: TimeWindow,
): Promise<number> {
  let count = 0;
  for (const hour of hoursIn(window)) {
    const folder = `${joinKey(ASYNC_ERRORS_PREFIX, keySegment(endpoint, 'endpoint'), keySegment(variant, 'variant'), hourPath(hour))}/`;
    for await (const info of store.list(folder)) if (info.key.endsWith('.json')) count += 1;
  }
  return count;
}
