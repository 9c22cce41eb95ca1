import type { MonitorFolder } from '../monitors/names.ts';
import { hourPath } from '../window/window.ts';
import { keySegment } from './names.ts';

/** The monitor folders under `{reports}/{endpoint}/`, one per entry of the monitor table. */
export type { MonitorFolder };

/**
 * Capture prefix of one endpoint variant and hour: `{capture}/{endpoint}/{variant}/yyyy/mm/dd/hh/`.
 *
 * @example
 * ```ts
 * captureHourPrefix('capture', 'ep', 'AllTraffic', new Date('2024-05-01T13:00:00Z'));
 * // 'capture/ep/AllTraffic/2024/05/01/13/'
 * ```
 */
export function captureHourPrefix(capture: string, endpoint: string, variant: string, hour: Date): string {
  return `${joinKey(capture, keySegment(endpoint, 'endpoint'), keySegment(variant, 'variant'), hourPath(hour))}/`;
}

/**
 * Ground-truth prefix of one hour: `{groundTruth}/yyyy/mm/dd/hh/`, the hour the labels were
 * collected (SageMaker's layout), not the hour of the inference.
 *
 * @example
 * ```ts
 * groundTruthHourPrefix('ground-truth/ep', new Date('2024-05-01T13:00:00Z')); // 'ground-truth/ep/2024/05/01/13/'
 * ```
 */
export function groundTruthHourPrefix(groundTruth: string, hour: Date): string {
  return `${joinKey(groundTruth, hourPath(hour))}/`;
}

/**
 * Report folder of one run: `{reports}/{endpoint}/{monitor}/yyyy/mm/dd/hh/`; of one variant's run
 * when the endpoint is monitored per variant, `{reports}/{endpoint}/{monitor}/{variant}/yyyy/mm/dd/hh/`
 * (inside the monitor's folder, so what may read or write a monitor's reports is unchanged).
 *
 * @example
 * ```ts
 * reportPrefix('reports', 'ep', 'data-quality', new Date('2024-05-01T13:00:00Z'));
 * // 'reports/ep/data-quality/2024/05/01/13/'
 * reportPrefix('reports', 'ep', 'data-quality', new Date('2024-05-01T13:00:00Z'), 'B');
 * // 'reports/ep/data-quality/B/2024/05/01/13/'
 * ```
 */
export function reportPrefix(
  reports: string,
  endpoint: string,
  monitor: MonitorFolder,
  hour: Date,
  variant?: string,
): string {
  const variantFolder = variant === undefined ? '' : keySegment(variant, 'variant');
  return `${joinKey(reports, keySegment(endpoint, 'endpoint'), monitor, variantFolder, hourPath(hour))}/`;
}

/**
 * Where the profile of one capture object is written. Derived from the object key alone, so a
 * retried event overwrites the same profile instead of counting the file twice.
 *
 * @example
 * ```ts
 * profileKeyFor('capture/ep/AllTraffic/2024/05/01/13/05-01-123-uuid.jsonl');
 * // 'profiles/capture/ep/AllTraffic/2024/05/01/13/05-01-123-uuid.jsonl.profile.json'
 * ```
 */
export function profileKeyFor(captureKey: string): string {
  return `profiles/${captureKey}.profile.json`;
}

/** Joins key parts with single slashes, dropping empty parts and stray slashes. */
export function joinKey(...parts: string[]): string {
  return parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p.length > 0)
    .join('/');
}
