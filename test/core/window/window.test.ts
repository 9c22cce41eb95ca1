import {
  captureHourPrefix,
  durationMs,
  hourFromKey,
  hourPath,
  hoursIn,
  inWindow,
  joinKey,
  profileKeyFor,
  reportPrefix,
  windowFromOffsets,
} from '@vigil/core';
import { describe, expect, it } from 'vitest';

describe('windows', () => {
  it('converts SageMaker offsets to milliseconds', () => {
    expect(durationMs('-PT1H')).toBe(-3_600_000);
    expect(durationMs('-P1D')).toBe(-86_400_000);
    expect(durationMs('PT0H')).toBe(0);
    expect(durationMs('-P1DT2H30M')).toBe(-(26 * 60 + 30) * 60_000);
    expect(() => durationMs('1 hour')).toThrow(/ISO-8601/);
  });

  it('applies offsets to the scheduled hour, not the run time', () => {
    const window = windowFromOffsets(new Date('2024-05-01T13:17:42Z'), {
      startOffset: '-PT2H',
      endOffset: 'PT0H',
    });
    expect(window.start.toISOString()).toBe('2024-05-01T11:00:00.000Z');
    expect(window.end.toISOString()).toBe('2024-05-01T13:00:00.000Z');
    expect(hoursIn(window).map(hourPath)).toEqual(['2024/05/01/11', '2024/05/01/12']);
    expect(inWindow(new Date('2024-05-01T12:59:59Z'), window)).toBe(true);
    expect(inWindow(new Date('2024-05-01T13:00:00Z'), window)).toBe(false);
    expect(() => windowFromOffsets(new Date(), { startOffset: 'PT0H', endOffset: '-PT1H' })).toThrow(
      /Empty window/,
    );
  });

  it('reads the hour of a SageMaker capture key', () => {
    const key = 'capture/ep/AllTraffic/2021/07/07/16/45-47-410-519762dc-1394-44c0-985a-957129a9c5e1.jsonl';
    expect(hourFromKey(key)?.toISOString()).toBe('2021-07-07T16:00:00.000Z');
    expect(hourFromKey('capture/ep/file.jsonl')).toBeUndefined();
  });
});

describe('key layout', () => {
  const hour = new Date('2024-05-01T13:00:00Z');

  it('lays out capture and report folders as SageMaker does', () => {
    expect(captureHourPrefix('s3-prefix/capture/', 'ep', 'AllTraffic', hour)).toBe(
      's3-prefix/capture/ep/AllTraffic/2024/05/01/13/',
    );
    expect(reportPrefix('reports', 'ep', 'data-quality', hour)).toBe(
      'reports/ep/data-quality/2024/05/01/13/',
    );
  });

  it('derives profile keys from the capture key alone, so retries overwrite', () => {
    const key = 'capture/ep/AllTraffic/2024/05/01/13/01-02-003-abc.jsonl';
    expect(profileKeyFor(key)).toBe(profileKeyFor(key));
    expect(profileKeyFor(key)).toBe(
      'profiles/capture/ep/AllTraffic/2024/05/01/13/01-02-003-abc.jsonl.profile.json',
    );
    expect(joinKey('a/', '/b', '', 'c/d')).toBe('a/b/c/d');
  });
});
