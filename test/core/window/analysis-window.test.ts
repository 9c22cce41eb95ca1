import {
  analysisWindow,
  captureFileInWindow,
  captureHours,
  type EndpointConfig,
  hourPath,
  parseConfig,
  recordInWindow,
  SPILLOVER_HOURS,
  scheduledRunTarget,
} from '@vigil/core';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';
import { TWO_ENDPOINTS_CONFIG } from '../../support/two-endpoints-config.ts';

const at = (iso: string) => new Date(iso);
const iso = (window: { start: Date; end: Date }) => [window.start.toISOString(), window.end.toISOString()];

describe('analysisWindow', () => {
  it('adds the default offsets (-PT1H, PT0H) to the scheduled hour, not to the time the run started', () => {
    const window = analysisWindow(at('2024-05-01T13:17:42Z'), { startOffset: '-PT1H', endOffset: 'PT0H' });
    expect(window.hour.toISOString()).toBe('2024-05-01T13:00:00.000Z');
    expect(iso(window)).toEqual(['2024-05-01T12:00:00.000Z', '2024-05-01T13:00:00.000Z']);
    expect(window.labels).toBeUndefined();
  });

  it("reads SageMaker's model-quality example: -P8D to -P1D from 2020-01-09T13:00 is 01-01T13:00 to 01-08T13:00", () => {
    const window = analysisWindow(at('2020-01-09T13:00:00Z'), { startOffset: '-P8D', endOffset: '-P1D' });
    expect(iso(window)).toEqual(['2020-01-01T13:00:00.000Z', '2020-01-08T13:00:00.000Z']);
  });

  it('reads DataAnalysisStartTime -PT5H and DataAnalysisEndTime -PT1H as the four hours before the last one', () => {
    const window = analysisWindow(at('2024-05-01T13:00:00Z'), { startOffset: '-PT5H', endOffset: '-PT1H' });
    expect(iso(window)).toEqual(['2024-05-01T08:00:00.000Z', '2024-05-01T12:00:00.000Z']);
    expect(captureHours(window, 'capture-hour').map(hourPath)).toEqual([
      '2024/05/01/08',
      '2024/05/01/09',
      '2024/05/01/10',
      '2024/05/01/11',
    ]);
  });

  it('adds the ground-truth window, from the same scheduled hour, for monitors that join labels', () => {
    const window = analysisWindow(
      at('2024-05-01T13:05:00Z'),
      { startOffset: '-PT1H', endOffset: 'PT0H' },
      { startOffset: '-P2D', endOffset: 'PT0H' },
    );
    expect(iso(window.labels!)).toEqual(['2024-04-29T13:00:00.000Z', '2024-05-01T13:00:00.000Z']);
  });

  it('refuses an empty window', () => {
    expect(() =>
      analysisWindow(at('2024-05-01T13:00:00Z'), { startOffset: '-PT1H', endOffset: '-PT1H' }),
    ).toThrow(/Empty window/);
  });
});

describe('record selection at the edges of [12:00, 13:00)', () => {
  const window = { start: at('2024-05-01T12:00:00Z'), end: at('2024-05-01T13:00:00Z') };
  const h11 = at('2024-05-01T11:00:00Z');
  const h12 = at('2024-05-01T12:00:00Z');

  it('lists the window hours, and one spill-over hour before them when records are selected by inferenceTime', () => {
    expect(SPILLOVER_HOURS).toBe(1);
    expect(captureHours(window, 'capture-hour').map(hourPath)).toEqual(['2024/05/01/12']);
    expect(captureHours(window, 'inference-time').map(hourPath)).toEqual(['2024/05/01/11', '2024/05/01/12']);
    expect(captureHours(window, 'inference-time', 0).map(hourPath)).toEqual(['2024/05/01/12']);
  });

  it('by inferenceTime: the start is in, the end is out, a late record of the hour before is in', () => {
    expect(recordInWindow('2024-05-01T12:00:00Z', h12, window)).toBe(true);
    expect(recordInWindow('2024-05-01T12:59:59Z', h12, window)).toBe(true);
    expect(recordInWindow('2024-05-01T13:00:00Z', h12, window)).toBe(false);
    expect(recordInWindow('2024-05-01T11:59:59Z', h12, window)).toBe(false);
    // Flushed into the 11h folder after 12:00: it belongs to this window.
    expect(recordInWindow('2024-05-01T12:00:30Z', h11, window)).toBe(true);
  });

  it('by inferenceTime: a record without a readable time goes by its folder', () => {
    expect(recordInWindow(undefined, h12, window)).toBe(true);
    expect(recordInWindow('yesterday', h12, window)).toBe(true);
    expect(recordInWindow(undefined, h11, window)).toBe(false);
  });

  it('by capture hour: the folder that starts the window is in, the one at its end and the one before are out', () => {
    const key = (hour: string) => `capture/ep/AllTraffic/2024/05/01/${hour}/00-00-000-a.jsonl`;
    expect(captureFileInWindow(key('12'), window)).toBe(true);
    expect(captureFileInWindow(key('13'), window)).toBe(false);
    // So a record of 12:00:30 flushed into the 11h file is left out: the rule looks at the folder only.
    expect(captureFileInWindow(key('11'), window)).toBe(false);
    // A file outside the yyyy/mm/dd/hh layout (named on the command line) is always read.
    expect(captureFileInWindow('capture/today.jsonl', window)).toBe(true);
  });

  it('by capture hour, a window that starts inside an hour leaves that hour out', () => {
    const half = { start: at('2024-05-01T12:30:00Z'), end: at('2024-05-01T13:30:00Z') };
    const key = (hour: string) => `capture/ep/AllTraffic/2024/05/01/${hour}/a.jsonl`;
    expect(captureHours(half, 'capture-hour').map(hourPath)).toEqual(['2024/05/01/12', '2024/05/01/13']);
    expect(captureFileInWindow(key('12'), half)).toBe(false);
    expect(captureFileInWindow(key('13'), half)).toBe(true);
  });
});

describe('scheduledRunTarget', () => {
  const config = parseConfig(TWO_ENDPOINTS_CONFIG);
  const [churn, fraud] = config.endpoints as [EndpointConfig, EndpointConfig];
  const vigil = new MemoryStore('s3://vigil');
  const fraudReports = new MemoryStore('s3://fraud-reports');
  const stores = {
    store: vigil,
    storeFor: (location: string) =>
      location.startsWith('s3://fraud-reports/')
        ? { store: fraudReports, key: location.slice('s3://fraud-reports/'.length) }
        : { store: vigil, key: location },
  };

  it('resolves the window, the report folder of its hour and the run records, as every handler does', () => {
    const target = scheduledRunTarget('model-quality', churn, churn.monitors.modelQuality!, {
      at: at('2024-05-01T13:04:00Z'),
      stores,
      namespacePrefix: 'acme/ml',
    });
    expect(target).toMatchObject({
      endpoint: 'churn-prod',
      variant: 'AllTraffic',
      scheduleName: undefined,
      scheduledTime: at('2024-05-01T13:00:00Z'),
      output: { store: vigil, key: 'reports/churn-prod/model-quality/2024/05/01/13/' },
      records: { store: vigil },
      namespacePrefix: 'acme/ml',
      publishMetrics: true,
    });
    expect(iso(target.window)).toEqual(['2024-05-01T12:00:00.000Z', '2024-05-01T13:00:00.000Z']);
    expect(iso(target.window.labels!)).toEqual(['2024-04-29T13:00:00.000Z', '2024-05-01T13:00:00.000Z']);
  });

  it('takes an explicit window (a backfill) and still reports in the scheduled hour, wherever reports go', () => {
    const target = scheduledRunTarget('data-quality', fraud, fraud.monitors.dataQuality!, {
      at: at('2024-05-02T00:00:00Z'),
      stores,
      window: { start: at('2024-05-01T00:00:00Z'), end: at('2024-05-02T00:00:00Z') },
    });
    expect(iso(target.window)).toEqual(['2024-05-01T00:00:00.000Z', '2024-05-02T00:00:00.000Z']);
    expect(target.window.labels).toBeUndefined();
    expect(target.output).toEqual({ store: fraudReports, key: 'out/fraud/data-quality/2024/05/02/00/' });
  });
});
