import {
  HOUR_MS,
  hourFromKey,
  hourOf,
  hoursIn,
  inWindow,
  type TimeWindow,
  windowFromOffsets,
} from './window.ts';

/**
 * A window relative to the scheduled hour, as SageMaker writes it: ISO-8601 durations such as
 * `-PT1H` (StartTimeOffset, DataAnalysisStartTime) and `PT0H` (EndTimeOffset, DataAnalysisEndTime).
 * The configuration's `window` and `groundTruthWindow` (`WindowOffsets` of config/common.ts).
 */
interface WindowOffsets {
  startOffset: string;
  endOffset: string;
}

/**
 * What one scheduled run analyses: the half-open window [start, end) of captured traffic, the
 * scheduled hour that names the report folder and the run record, and, for monitors that join
 * labels, the ground-truth window whose label hour folders are read.
 */
export interface AnalysisWindow extends TimeWindow {
  /** The UTC hour of the scheduled time: `{reports}/{endpoint}/{monitor}/yyyy/mm/dd/hh/`. */
  hour: Date;
  /** The ground-truth window (hour folders of labels, by when they were collected). */
  labels?: TimeWindow;
}

/**
 * The window of a scheduled run, the one definition every monitor uses: the offsets are added to
 * the scheduled hour (not to the time the run starts), as SageMaker adds StartTimeOffset and
 * EndTimeOffset (or DataAnalysisStartTime and DataAnalysisEndTime) to the hour it schedules. See
 * docs/monitoring-window.md.
 *
 * @example
 * ```ts
 * analysisWindow(new Date('2024-05-01T13:07:00Z'), { startOffset: '-PT1H', endOffset: 'PT0H' },
 *   { startOffset: '-P2D', endOffset: 'PT0H' });
 * // { hour: 13:00, start: 2024-05-01T12:00Z, end: 2024-05-01T13:00Z,
 * //   labels: { start: 2024-04-29T13:00Z, end: 2024-05-01T13:00Z } }
 * ```
 */
export function analysisWindow(
  scheduledTime: Date,
  offsets: WindowOffsets,
  groundTruth?: WindowOffsets,
): AnalysisWindow {
  const { start, end } = windowFromOffsets(scheduledTime, offsets);
  const window: AnalysisWindow = { hour: hourOf(scheduledTime), start, end };
  if (groundTruth) window.labels = windowFromOffsets(scheduledTime, groundTruth);
  return window;
}

/**
 * How a monitor decides which captured records belong to its window:
 * - `inference-time`: a record whose `inferenceTime` lies in [start, end), read from the window's
 *   hour folders and `SPILLOVER_HOURS` before them; a record without one, by its hour folder;
 * - `capture-hour`: every record of a capture file whose hour folder starts in the window (the
 *   file's name and folder are all that is looked at).
 */
export type RecordSelection = 'inference-time' | 'capture-hour';

/**
 * Hour folders read before an `inference-time` window: a capture file sits in the hour folder of
 * its creation and is flushed every few minutes, so the last file of an hour holds records of the
 * next hour.
 */
export const SPILLOVER_HOURS = 1;

/**
 * The capture hour folders a window reads, oldest first: every hour the window overlaps, and for
 * `inference-time` the spill-over hours before it.
 *
 * @example
 * ```ts
 * const window = { start: new Date('2024-05-01T12:00:00Z'), end: new Date('2024-05-01T13:00:00Z') };
 * captureHours(window, 'capture-hour').map(hourPath); // ['2024/05/01/12']
 * captureHours(window, 'inference-time').map(hourPath); // ['2024/05/01/11', '2024/05/01/12']
 * ```
 */
export function captureHours(
  window: TimeWindow,
  selection: RecordSelection,
  spilloverHours = SPILLOVER_HOURS,
): Date[] {
  const before = selection === 'inference-time' ? Math.max(0, spilloverHours) : 0;
  return hoursIn({ start: new Date(window.start.getTime() - before * HOUR_MS), end: window.end });
}

/**
 * The `capture-hour` rule: whether a capture object's records belong to the window, by the hour
 * folder in its key; an object outside the `yyyy/mm/dd/hh` layout (a file named on the command
 * line) always does.
 *
 * @example
 * ```ts
 * captureFileInWindow('capture/ep/AllTraffic/2024/05/01/12/a.jsonl', window); // true for 12:00–13:00
 * ```
 */
export function captureFileInWindow(key: string, window: TimeWindow): boolean {
  const hour = hourFromKey(key);
  return hour === undefined || inWindow(hour, window);
}

/**
 * The `inference-time` rule: whether a record read from the hour folder `folderHour` belongs to
 * the window: by its `inferenceTime` when it has a readable one, else when its folder overlaps the
 * window.
 *
 * @example
 * ```ts
 * recordInWindow('2024-05-01T13:00:30Z', new Date('2024-05-01T12:00:00Z'), window13to15); // true
 * ```
 */
export function recordInWindow(
  inferenceTime: string | undefined,
  folderHour: Date,
  window: TimeWindow,
): boolean {
  const time = inferenceTime === undefined ? Number.NaN : Date.parse(inferenceTime);
  if (!Number.isNaN(time)) return inWindow(new Date(time), window);
  return folderHour < window.end && folderHour.getTime() + HOUR_MS > window.start.getTime();
}
