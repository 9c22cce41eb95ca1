import { joinKey } from '../layout/keys.ts';
import { keySegment } from '../layout/names.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { COMPARISON_FILE, type ComparisonDocument, parseComparison } from './comparison-json.ts';
import { COMPARISON_FOLDER } from './run-comparison.ts';

/** The newest comparison.json of an endpoint, as found. */
export type LatestComparison =
  | { status: 'present'; key: string; document: ComparisonDocument }
  | { status: 'missing'; folder: string }
  | { status: 'unreadable'; key: string; reason: string };

/**
 * The newest `comparison.json` under `{reports}/{endpoint}/variant-comparison/`: the hour folders
 * (`yyyy/mm/dd/hh/`) sort by time, so the last key is the latest comparison.
 *
 * @example
 * ```ts
 * const latest = await readLatestComparison({ store, key: 'reports' }, 'churn');
 * if (latest.status === 'present') latest.document.verdicts[0]?.decision;
 * ```
 */
export async function readLatestComparison(
  reports: { store: ObjectStore; key: string },
  endpoint: string,
): Promise<LatestComparison> {
  const folder = `${joinKey(reports.key, keySegment(endpoint, 'endpoint'), COMPARISON_FOLDER)}/`;
  let latest: string | undefined;
  for await (const info of reports.store.list(folder)) {
    if (info.key.endsWith(`/${COMPARISON_FILE}`) && (latest === undefined || info.key > latest))
      latest = info.key;
  }
  if (latest === undefined) return { status: 'missing', folder };
  try {
    const document = parseComparison(new TextDecoder().decode(await reports.store.get(latest)));
    return { status: 'present', key: latest, document };
  } catch (error) {
    return { status: 'unreadable', key: latest, reason: (error as Error).message };
  }
}
