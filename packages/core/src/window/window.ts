import { InputError } from '../errors/vigil-error.ts';
import { durationMs } from './iso-duration.ts';

/** A half-open time window [start, end). */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** One hour in milliseconds: capture, profiles, reports and labels are laid out in hour folders. */
export const HOUR_MS = 3_600_000;

/** The start of the UTC hour containing `at`. */
export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * The window a scheduled run covers: offsets are applied to the scheduled hour, as SageMaker
 * applies StartTimeOffset / EndTimeOffset.
 *
 * @example
 * ```ts
 * windowFromOffsets(new Date('2024-05-01T13:07:00Z'), { startOffset: '-PT1H', endOffset: 'PT0H' });
 * // { start: 2024-05-01T12:00Z, end: 2024-05-01T13:00Z }
 * ```
 */
export function windowFromOffsets(
  scheduled: Date,
  offsets: { startOffset: string; endOffset: string },
): TimeWindow {
  const hour = hourOf(scheduled).getTime();
  const window = {
    start: new Date(hour + durationMs(offsets.startOffset)),
    end: new Date(hour + durationMs(offsets.endOffset)),
  };
  if (window.start >= window.end) {
    throw new InputError(
      `Empty window: startOffset ${offsets.startOffset} is not before endOffset ${offsets.endOffset}`,
    );
  }
  return window;
}

/** Every UTC hour that overlaps the window, oldest first. */
export function hoursIn(window: TimeWindow): Date[] {
  const hours: Date[] = [];
  for (let t = hourOf(window.start).getTime(); t < window.end.getTime(); t += HOUR_MS)
    hours.push(new Date(t));
  return hours;
}

/** `yyyy/mm/dd/hh` of a UTC hour, SageMaker's folder layout. */
export function hourPath(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(11, 13)}`;
}

/** The hour encoded in a key containing `/yyyy/mm/dd/hh/`, or undefined. */
export function hourFromKey(key: string): Date | undefined {
  const m = /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\//.exec(key);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** True when `at` lies in [start, end). */
export function inWindow(at: Date, window: TimeWindow): boolean {
  return at >= window.start && at < window.end;
}
