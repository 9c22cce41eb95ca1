import { InputError } from '@vigil/core';
import { scheduledTimes } from '@vigil/local';
import { describe, expect, it } from 'vitest';

const at = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('scheduledTimes', () => {
  it('fires rate(1 hour) at the top of every hour in (from, to]', () => {
    expect(
      iso(scheduledTimes('rate(1 hour)', at('2024-05-01T12:30:00Z'), at('2024-05-01T15:00:00Z'))),
    ).toEqual(['2024-05-01T13:00:00.000Z', '2024-05-01T14:00:00.000Z', '2024-05-01T15:00:00.000Z']);
    // `from` itself is excluded, so consecutive windows never run a time twice.
    expect(scheduledTimes('rate(1 hour)', at('2024-05-01T13:00:00Z'), at('2024-05-01T13:59:59Z'))).toEqual(
      [],
    );
  });

  it('fires rate(15 minutes) and rate(1 day) on multiples of the interval since the epoch', () => {
    expect(
      iso(scheduledTimes('rate(15 minutes)', at('2024-05-01T13:01:00Z'), at('2024-05-01T13:45:00Z'))),
    ).toEqual(['2024-05-01T13:15:00.000Z', '2024-05-01T13:30:00.000Z', '2024-05-01T13:45:00.000Z']);
    expect(
      iso(scheduledTimes('rate(1 day)', at('2024-05-01T13:00:00Z'), at('2024-05-03T00:00:00Z'))),
    ).toEqual(['2024-05-02T00:00:00.000Z', '2024-05-03T00:00:00.000Z']);
  });

  it('fires cron expressions with steps, ranges, lists and names, day-of-week 1 = SUN', () => {
    // Every 6 hours.
    expect(
      iso(scheduledTimes('cron(0 */6 * * ? *)', at('2024-05-01T00:00:00Z'), at('2024-05-01T23:59:00Z'))),
    ).toEqual(['2024-05-01T06:00:00.000Z', '2024-05-01T12:00:00.000Z', '2024-05-01T18:00:00.000Z']);
    // 08:30 on weekdays: 2024-05-03 is a Friday, 05-04 and 05-05 the weekend, 05-06 a Monday.
    expect(
      iso(scheduledTimes('cron(30 8 ? * MON-FRI *)', at('2024-05-03T00:00:00Z'), at('2024-05-06T23:00:00Z'))),
    ).toEqual(['2024-05-03T08:30:00.000Z', '2024-05-06T08:30:00.000Z']);
    // Sundays only, numerically: 1 = SUN.
    expect(
      iso(scheduledTimes('cron(0 0 ? * 1 *)', at('2024-05-01T00:00:00Z'), at('2024-05-12T00:00:00Z'))),
    ).toEqual(['2024-05-05T00:00:00.000Z', '2024-05-12T00:00:00.000Z']);
    // The 1st and 15th of JUN in 2024 only.
    expect(
      iso(
        scheduledTimes('cron(0 12 1,15 JUN ? 2024)', at('2024-01-01T00:00:00Z'), at('2024-12-31T00:00:00Z')),
      ),
    ).toEqual(['2024-06-01T12:00:00.000Z', '2024-06-15T12:00:00.000Z']);
  });

  it('rejects what it cannot run with InputError', () => {
    const from = at('2024-05-01T00:00:00Z');
    const to = at('2024-05-02T00:00:00Z');
    expect(() => scheduledTimes('every hour', from, to)).toThrow(InputError);
    expect(() => scheduledTimes('cron(0 * * *)', from, to)).toThrow(/six fields/);
    expect(() => scheduledTimes('cron(0 0 L * ? *)', from, to)).toThrow(/not supported locally/);
    expect(() => scheduledTimes('cron(61 * * * ? *)', from, to)).toThrow(/out of range/);
    expect(() => scheduledTimes('rate(0 hours)', from, to)).toThrow(/never fires/);
  });
});
