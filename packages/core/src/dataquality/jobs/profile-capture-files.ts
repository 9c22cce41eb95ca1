import type { OutputColumnsPosition } from '../../capture/rows.ts';
import type { SkippedInputTally } from '../../events/skipped-input-tally.ts';
import type { ObjectStore } from '../../ports/object-store.ts';
import type { Profile } from '../../profile/profile.ts';
import { ProfileBuilder } from '../../profile/profile-builder.ts';
import { hourFromKey, hourOf, type TimeWindow } from '../../window/window.ts';
import { profileCaptureChunks } from '../capture-profiler.ts';

/** A capture location: a single object or a prefix walked in yyyy/mm/dd/hh layout. */
export interface CaptureLocation {
  store: ObjectStore;
  key: string;
  /** The object's size in bytes, when listed. */
  size?: number;
}

/**
 * The capture objects a window covers: `.jsonl` objects under each location, in key order.
 *
 * @example
 * ```ts
 * await captureObjectsIn([{ store, key: 'capture/ep/' }], { start, end }); // [{ store, key: 'capture/ep/AllTraffic/…/a.jsonl' }, …]
 * ```
 */
export async function captureObjectsIn(
  locations: readonly CaptureLocation[],
  window?: TimeWindow,
): Promise<CaptureLocation[]> {
  const out: CaptureLocation[] = [];
  for (const location of locations) {
    const found: { key: string; size: number }[] = [];
    for await (const info of location.store.list(location.key)) {
      const exact = info.key === location.key;
      const below =
        location.key === '' || location.key.endsWith('/') || info.key.startsWith(`${location.key}/`);
      if (!exact && !(below && info.key.endsWith('.jsonl'))) continue;
      const hour = hourFromKey(info.key);
      if (window && hour && (hour.getTime() >= window.end.getTime() || hour < hourOf(window.start))) continue;
      found.push({ key: info.key, size: info.size });
    }
    found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { key, size } of found) out.push({ store: location.store, key, size });
  }
  return out;
}

/**
 * Profiles raw capture objects straight into one profile, streamed, without writing per-file
 * profiles: the direct path of `vigil monitor data-quality`. Equivalent to merging the per-file
 * profiles profile-capture would write.
 *
 * @example
 * ```ts
 * const objects = await captureObjectsIn([{ store, key: 'capture/ep/' }], window);
 * const profile = await profileCaptureObjects(objects, { outputColumns: 'START', tally });
 * ```
 */
export async function profileCaptureObjects(
  objects: readonly CaptureLocation[],
  options: {
    outputColumns: OutputColumnsPosition;
    tally: SkippedInputTally;
    baselineNames?: readonly string[];
  },
): Promise<Profile> {
  const builder = new ProfileBuilder(options.baselineNames ?? []);
  for (const object of objects) {
    await profileCaptureChunks(object.store.stream(object.key), object.key, builder, options);
  }
  // Rows of the wrong width are counted against the baseline's columns when the run is checked.
  return builder.build();
}
