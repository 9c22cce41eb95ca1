import type { OutputColumnsPosition } from '../../capture/rows.ts';
import type { CaptureRecord } from '../../capture/types.ts';
import type { SkippedInput } from '../../events/monitoring-execution.ts';
import { SkippedInputTally } from '../../events/skipped-input-tally.ts';
import { profileKeyFor } from '../../layout/keys.ts';
import { buildCaptureExtract, serializeExtract } from '../../merge/extract.ts';
import { extractKeyFor } from '../../merge/keys.ts';
import type { Log } from '../../ports/log.ts';
import { lengthChecked, type ObjectStore } from '../../ports/object-store.ts';
import { profileToJson } from '../../profile/profile.ts';
import { ProfileBuilder } from '../../profile/profile-builder.ts';
import { profileCaptureChunks } from '../capture-profiler.ts';

/** Ports of profile-capture. */
export interface ProfileCapturePorts {
  /** Vigil's store: profiles and extracts are written here. */
  store: ObjectStore;
  log: Log;
}

/** Which capture object to profile and how. */
export interface ProfileCaptureOptions {
  /** The capture object's key (in `source`, default Vigil's store). */
  key: string;
  /** The store holding the capture object when it is not Vigil's own bucket. */
  source?: ObjectStore;
  /** Column names by position (the baseline's features); default `_c0`, `_c1`, …. */
  baselineNames?: readonly string[];
  /** Where output columns go in a row, as SageMaker's `output_columns_position`; default START. */
  outputColumns?: OutputColumnsPosition;
  /** Also write the capture extract the later monitors read; default true. */
  writeExtract?: boolean;
  /**
   * The object's size in bytes as announced (the S3 event's `detail.object.size`): when given, a
   * body that ends short of it fails the profile with `IncompleteObjectError` and nothing is written.
   */
  expectedBytes?: number;
}

/** What profile-capture did. */
export interface ProfileCaptureResult {
  profileKey: string;
  extractKey?: string;
  records: number;
  rows: number;
  skipped: SkippedInput[];
}

/** The `source` block a stored profile carries besides the profile itself. */
export interface ProfileSource {
  key: string;
  records: number;
  rows: number;
  skipped: SkippedInput[];
}

/**
 * Profiles one capture object and writes its mergeable profile (and, by default, its extract) at
 * keys derived from the object key alone (`profileKeyFor`, `extractKeyFor`), so a retried event
 * overwrites instead of double counting. Lines that cannot be used are counted in the profile's
 * `source.skipped`, never fatal. A body that ends before `expectedBytes` throws
 * `IncompleteObjectError` before anything is written, so a cut read is retried, never stored as whole. Streams the object: memory stays bounded by the sketches (plus
 * the parsed records when the extract is written).
 *
 * @example
 * ```ts
 * const result = await profileCaptureObject({ store, log }, { key: 'capture/ep/AllTraffic/2024/05/01/13/a.jsonl' });
 * result.profileKey; // 'profiles/capture/ep/AllTraffic/2024/05/01/13/a.jsonl.profile.json'
 * ```
 */
export async function profileCaptureObject(
  ports: ProfileCapturePorts,
  options: ProfileCaptureOptions,
): Promise<ProfileCaptureResult> {
  const source = options.source ?? ports.store;
  const builder = new ProfileBuilder(options.baselineNames ?? []);
  const tally = new SkippedInputTally();
  const keep: CaptureRecord[] | undefined = options.writeExtract === false ? undefined : [];
  const body = source.stream(options.key);
  const chunks =
    options.expectedBytes === undefined ? body : lengthChecked(body, options.expectedBytes, options.key);
  const counts = await profileCaptureChunks(chunks, options.key, builder, {
    outputColumns: options.outputColumns ?? 'START',
    tally,
    keep,
  });
  // Row widths go into the profile: the monitor counts rows of the wrong width against the
  // baseline's columns, which this function does not know.
  const profile = builder.build();
  const skipped = tally.toSkipped();
  const profileKey = profileKeyFor(options.key);
  const sourceInfo: ProfileSource = { key: options.key, records: counts.records, rows: counts.rows, skipped };
  await ports.store.put(
    profileKey,
    JSON.stringify({ ...profileToJson(profile), source: sourceInfo }),
    'application/json',
  );
  let extractKey: string | undefined;
  if (keep) {
    extractKey = extractKeyFor(options.key);
    await ports.store.put(
      extractKey,
      serializeExtract(buildCaptureExtract(keep, options.key, counts.issues)),
      'application/x-ndjson',
    );
  }
  ports.log.info('Profiled capture object', {
    key: options.key,
    records: counts.records,
    rows: counts.rows,
    skipped: tally.total,
  });
  return { profileKey, extractKey, records: counts.records, rows: counts.rows, skipped };
}
