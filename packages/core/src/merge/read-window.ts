import { parseCaptureBatches } from '../capture/parse-stream.ts';
import type { CaptureIssue, CaptureRecord } from '../capture/types.ts';
import { joinKey } from '../layout/keys.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { hourPath, hoursIn, inWindow, type TimeWindow } from '../window/window.ts';
import { extractRecords, parseExtract } from './extract.ts';

const HOUR_MS = 3_600_000;

/** What to read for a window of captured traffic. */
export interface WindowRecordsOptions {
  /** The capture location's key prefix (`capture`), under which `{endpoint}/{variant}/yyyy/mm/dd/hh/` lie. */
  capturePrefix: string;
  endpoint: string;
  variant: string;
  window: TimeWindow;
  /** Raw capture files, or the extracts profile-capture wrote beside their profiles. */
  source: 'capture' | 'extracts';
  /**
   * Hour folders before the window that are read too (default 1): a capture file sits in the hour
   * folder of its creation and is flushed every few minutes, so the last file of an hour can hold
   * records of the next hour.
   */
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
 * extracts (`extracts/<captureKey>.extract.jsonl`). Records are kept when their `inferenceTime` lies
 * in [start, end); a record without one is kept when its file's hour folder does. Nothing is dropped
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
  const spillover = Math.max(0, options.spilloverHours ?? 1);
  const listed: TimeWindow = {
    start: new Date(window.start.getTime() - spillover * HOUR_MS),
    end: window.end,
  };
  const extractStore = options.extractStore ?? store;
  const onIssue = (issue: CaptureIssue) => result.issues.push(issue);
  for (const hour of hoursIn(listed)) {
    const folder = `${joinKey(options.capturePrefix, options.endpoint, options.variant, hourPath(hour))}/`;
    const folderInWindow = hour.getTime() + HOUR_MS > window.start.getTime();
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
        if (recordInWindow(record, window, folderInWindow)) {
          result.records.push(record);
          kept++;
        } else {
          result.recordsOutsideWindow++;
        }
      }
      if (!folderInWindow && kept > 0) result.filesOutsideWindowFolders.push(captureKey);
    }
  }
  return result;
}

function recordInWindow(record: CaptureRecord, window: TimeWindow, folderInWindow: boolean): boolean {
  const time = record.inferenceTime === undefined ? Number.NaN : Date.parse(record.inferenceTime);
  return Number.isNaN(time) ? folderInWindow : inWindow(new Date(time), window);
}
