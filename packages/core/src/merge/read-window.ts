import { parseCaptureBatches } from '../capture/parse-stream.ts';
import type { CaptureIssue, CaptureRecord } from '../capture/types.ts';
import { joinKey } from '../layout/keys.ts';
import type { ObjectStore, StoreLocation } from '../ports/object-store.ts';
import {
  captureFileInWindow,
  captureHours,
  recordInWindow,
  SPILLOVER_HOURS,
} from '../window/analysis-window.ts';
import { HOUR_MS, hourPath, type TimeWindow } from '../window/window.ts';
import { extractRecords, parseExtract } from './extract.ts';

/** What to read for a window of captured traffic. */
export interface WindowRecordsOptions {
  /** The capture location's key prefix (`capture`), under which `{endpoint}/{variant}/yyyy/mm/dd/hh/` lie. */
  capturePrefix: string;
  endpoint: string;
  variant: string;
  window: TimeWindow;
  /** Raw capture files, or the extracts profile-capture wrote beside their profiles. */
  source: 'capture' | 'extracts';
  /** Hour folders before the window that are read too (default `SPILLOVER_HOURS`, 1). */
  spilloverHours?: number;
  /** The store holding the extracts, when it is not `store` (default: `store`). */
  extractStore?: ObjectStore;
}

/** The records of a window and the account of everything left out. */
export interface WindowRecords {
  /** In reading order: hour folders oldest first, files in key order, lines in file order. */
  records: CaptureRecord[];
  /** Lines that could not be used (from the capture files or their extracts). */
  issues: CaptureIssue[];
  /** Files (capture files or extracts) read. */
  files: number;
  /** Records left out because their inferenceTime lies outside the window (or, without one, their hour folder does). */
  recordsOutsideWindow: number;
  /** Capture files from hour folders before the window that contributed records to it. */
  filesOutsideWindowFolders: string[];
}

/**
 * Reads the capture records of an endpoint variant for a time window, from raw capture or from the
 * extracts (`extracts/<captureKey>.extract.jsonl`), by the `inference-time` selection of
 * window/analysis-window.ts: records are kept when their `inferenceTime` lies in [start, end); a
 * record without one is kept when its file's hour folder overlaps the window. Nothing is dropped
 * silently: unreadable lines are `issues`, out-of-window records are counted.
 *
 * @example
 * ```ts
 * const { records, issues } = await readWindowRecords(store, {
 *   capturePrefix: 'capture', endpoint: 'churn', variant: 'AllTraffic', window, source: 'extracts',
 * });
 * ```
 */
export async function readWindowRecords(
  store: ObjectStore,
  options: WindowRecordsOptions,
): Promise<WindowRecords> {
  const result: WindowRecords = {
    records: [],
    issues: [],
    files: 0,
    recordsOutsideWindow: 0,
    filesOutsideWindowFolders: [],
  };
  const { window } = options;
  const extractStore = options.extractStore ?? store;
  const onIssue = (issue: CaptureIssue) => result.issues.push(issue);
  for (const hour of captureHours(window, 'inference-time', options.spilloverHours ?? SPILLOVER_HOURS)) {
    const folder = `${joinKey(options.capturePrefix, options.endpoint, options.variant, hourPath(hour))}/`;
    const files =
      options.source === 'capture'
        ? store.list(folder)
        : extractStore.list(joinKey('extracts', folder) + '/');
    for await (const info of files) {
      if (options.source === 'extracts' && !info.key.endsWith('.extract.jsonl')) continue;
      result.files++;
      let records: CaptureRecord[];
      let captureKey = info.key;
      if (options.source === 'capture') {
        records = [];
        for await (const batch of parseCaptureBatches(store.stream(info.key), info.key, onIssue)) {
          for (const record of batch) records.push(record);
        }
      } else {
        const extract = parseExtract(new TextDecoder().decode(await extractStore.get(info.key)), info.key);
        for (const issue of extract.issues) onIssue(issue);
        records = extractRecords(extract);
        captureKey = extract.captureKey;
      }
      let kept = 0;
      for (const record of records) {
        if (recordInWindow(record.inferenceTime, hour, window)) {
          result.records.push(record);
          kept++;
        } else {
          result.recordsOutsideWindow++;
        }
      }
      // A spill-over folder: it lies wholly before the window.
      if (hour.getTime() + HOUR_MS <= window.start.getTime() && kept > 0)
        result.filesOutsideWindowFolders.push(captureKey);
    }
  }
  return result;
}

/**
 * The raw capture objects of `sources` that a window covers by the `capture-hour` selection of
 * window/analysis-window.ts: each source itself, or the `.jsonl` objects below it, in listing
 * order, left out when their `yyyy/mm/dd/hh` folder does not start in the window (no window: all).
 * Listed lazily, source by source, so reading can start at the first object.
 *
 * @example
 * ```ts
 * for await (const { store, key } of windowCaptureObjects([{ store, key: 'capture/ep/AllTraffic/' }], window))
 *   for await (const record of parseCaptureStream(store.stream(key), key, onIssue)) records.push(record);
 * ```
 */
export async function* windowCaptureObjects(
  sources: readonly StoreLocation[],
  window?: TimeWindow,
): AsyncGenerator<StoreLocation> {
  for (const source of sources) {
    for await (const info of source.store.list(source.key)) {
      if (info.key !== source.key && !info.key.endsWith('.jsonl')) continue;
      if (window && !captureFileInWindow(info.key, window)) continue;
      yield { store: source.store, key: info.key };
    }
  }
}
