import { describe, expect, it } from 'vitest';
import { assertScheduledMonitorEvent } from '../../functions/src/shared/events.ts';

describe("a monitor's input from a backfill", () => {
  it('carries backfill: true besides endpoint and scheduledTime, and nothing else', () => {
    expect(
      assertScheduledMonitorEvent({ endpoint: 'ep', scheduledTime: '2024-05-01T13:00:00Z', backfill: true }),
    ).toEqual({ endpoint: 'ep', scheduledTime: new Date('2024-05-01T13:00:00Z'), backfill: true });
    expect(assertScheduledMonitorEvent({ endpoint: 'ep', backfill: false })).toEqual({ endpoint: 'ep' });
    expect(() => assertScheduledMonitorEvent({ endpoint: 'ep', backfill: 'yes' })).toThrow(
      /"backfill" must be true or false/,
    );
    expect(() => assertScheduledMonitorEvent({ endpoint: 'ep', replay: true })).toThrow(
      /only "endpoint", "variant", "scheduledTime" and "backfill" are accepted/,
    );
  });
});
