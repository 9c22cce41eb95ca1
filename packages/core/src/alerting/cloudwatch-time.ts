/**
 * CloudWatch's timestamp spelling in alarm events: `2019-10-02T17:04:40.989+0000`.
 *
 * @example
 * ```ts
 * cloudWatchTimestamp(new Date('2019-10-02T17:04:40.989Z')); // '2019-10-02T17:04:40.989+0000'
 * ```
 */
export function cloudWatchTimestamp(at: Date): string {
  return at.toISOString().replace('Z', '+0000');
}

/**
 * The datapoint time in an alarm reason, dd/MM/yy HH:mm:ss in UTC.
 *
 * @example
 * ```ts
 * reasonDatapointTime(new Date('2019-10-02T16:59:00Z')); // '02/10/19 16:59:00'
 * ```
 */
export function reasonDatapointTime(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(2, 4)} ${iso.slice(11, 19)}`;
}

/**
 * Parses the timestamps found in AWS events: ISO strings with `Z`, `+0000` or `+00:00`, and
 * epoch milliseconds as numbers or digit strings. Undefined when it is none of those.
 *
 * @example
 * ```ts
 * parseEventTime('2019-10-02T17:04:40.989+0000')?.toISOString(); // '2019-10-02T17:04:40.989Z'
 * parseEventTime('1583831889050')?.toISOString(); // '2020-03-10T09:18:09.050Z'
 * ```
 */
export function parseEventTime(value: unknown): Date | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return new Date(Number(value));
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
