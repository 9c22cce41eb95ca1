import {
  type MetricDatum,
  type MonitoringExecutionDetail,
  type RunDefinition,
  readRunRecord,
  reportFolderUri,
  runMonitor,
  type ViolationSummary,
} from '@vigil/core';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';
import { recordingPorts } from '../../support/recording-ports.ts';

const hour = new Date('2024-05-01T13:00:00Z');
const window = { start: new Date('2024-05-01T12:00:00Z'), end: hour };
const folder = 'reports/ep/bias-drift/2024/05/01/13/';
const datum: MetricDatum = {
  namespace: 'aws/sagemaker/Endpoints/bias-metrics',
  name: 'bias_metric_DPPL',
  dimensions: { Endpoint: 'ep' },
  value: 0.4,
  timestamp: hour,
};

function setup() {
  const store = new MemoryStore('mem://r');
  const { ports, metrics, events, errors } = recordingPorts(new Date('2024-05-01T13:07:00Z'));
  const details = () => events.map((e) => e.detail as unknown as MonitoringExecutionDetail);
  const run = (compute: RunDefinition['compute'], more: Partial<RunDefinition> = {}) =>
    runMonitor(ports, {
      monitor: 'bias-drift',
      endpoint: 'ep',
      scheduledTime: hour,
      window,
      output: { store, key: folder },
      compute,
      ...more,
    });
  return { store, events, metrics, errors, details, run };
}

describe('runMonitor', () => {
  it('builds the one execution detail: the report folder, the tally, the counts the computation set', async () => {
    const { store, metrics, details, run } = setup();
    const settled = await run(async (run) => {
      run.tally.add('malformed-line', `${folder}x.jsonl:3`);
      run.tally.add('malformed-line', `${folder}x.jsonl:9`);
      run.tally.addAll([{ reason: 'duplicate-prediction', count: 2 }]);
      run.recordCount = 98;
      run.metrics['post.sex=F.DPPL'] = 0.4;
      return { files: [{ name: 'analysis.json', body: '{}' }], datums: [datum] };
    });
    const expected: MonitoringExecutionDetail = {
      endpointName: 'ep',
      variantName: undefined,
      monitoringScheduleName: 'ep-bias-drift',
      monitoringType: 'ModelBias',
      status: 'Completed',
      scheduledTime: '2024-05-01T13:00:00.000Z',
      windowStart: '2024-05-01T12:00:00.000Z',
      windowEnd: '2024-05-01T13:00:00.000Z',
      reportUri: `mem://r/${folder}`,
      violationCount: 0,
      violations: [],
      metrics: { 'post.sex=F.DPPL': 0.4 },
      skipped: [
        { reason: 'malformed-line', count: 2, examples: [`${folder}x.jsonl:3`, `${folder}x.jsonl:9`] },
        { reason: 'duplicate-prediction', count: 2 },
      ],
      recordCount: 98,
    };
    expect(settled).toEqual({
      detail: expected,
      written: [`${folder}analysis.json`, `${folder}report.html`],
      metricsPublished: 1,
      duplicate: false,
    });
    expect(details()).toEqual([expected]);
    expect(store.text(`${folder}analysis.json`)).toBe('{}');
    expect(metrics).toEqual([datum]);
  });

  it('hands the computation its window, schedule name and namespace', async () => {
    const { run } = setup();
    let seen: unknown;
    await run(
      async (run) => {
        seen = {
          window: run.window,
          scheduleName: run.scheduleName,
          namespace: run.namespace,
          variant: run.variant,
        };
        return {};
      },
      { scheduleName: 'credit-bias', namespacePrefix: 'acme/ml', variant: 'AllTraffic' },
    );
    expect(seen).toEqual({
      window,
      scheduleName: 'credit-bias',
      namespace: 'acme/ml/Endpoints/bias-metrics',
      variant: 'AllTraffic',
    });
  });

  it('covers the scheduled instant when no window is given (a run on files named on the command line)', async () => {
    const { details, run } = setup();
    await run(async () => ({}), { window: undefined });
    expect(details()[0]).toMatchObject({
      windowStart: '2024-05-01T13:00:00.000Z',
      windowEnd: '2024-05-01T13:00:00.000Z',
    });
  });

  it('counts every violation and puts the first 20 in the event', async () => {
    const { details, run } = setup();
    const violations: ViolationSummary[] = Array.from({ length: 25 }, (_, i) => ({
      subject: `f${i}`,
      checkType: 'baseline_drift_check',
      description: `drift ${i}`,
    }));
    const { detail } = await run(async () => ({ violations }));
    expect(detail.status).toBe('CompletedWithViolations');
    expect(detail.violationCount).toBe(25);
    expect(details()[0]?.violations.map((v) => v.subject)).toEqual(
      violations.slice(0, 20).map((v) => v.subject),
    );
  });

  it('turns a computation that throws into a Failed run with the reason, writing and publishing nothing of it', async () => {
    const { store, metrics, events, errors, details, run } = setup();
    const { detail, written } = await run(async (run) => {
      run.tally.add('malformed-line', 'x.jsonl:1');
      run.recordCount = 7;
      throw new Error('No usable captured records in the window (7 seen)');
    });
    expect(detail).toMatchObject({
      status: 'Failed',
      failureReason: 'No usable captured records in the window (7 seen)',
      reportUri: `mem://r/${folder}`,
      recordCount: 7,
      skipped: [{ reason: 'malformed-line', count: 1, examples: ['x.jsonl:1'] }],
    });
    expect(written).toEqual([]);
    expect([...store.objects.keys()]).toEqual([]);
    expect(metrics).toEqual([]);
    expect(events).toHaveLength(1);
    expect(details()[0]?.status).toBe('Failed');
    expect(errors).toEqual(['Bias drift monitor failed']);
  });

  it('fails with a named reason yet writes and publishes what was computed', async () => {
    const { store, metrics, run } = setup();
    const { detail } = await run(async () => ({
      files: [{ name: 'analysis.json', body: '{}' }],
      datums: [datum],
      violations: [{ subject: 'DPPL (sex=F)', checkType: 'bias_drift_check', description: 'd' }],
      failureReason:
        'The baseline cannot be used: bias metrics were computed and published, drift was not checked',
    }));
    expect(detail.status).toBe('Failed');
    expect(detail.violationCount).toBe(1);
    expect(store.objects.has(`${folder}analysis.json`)).toBe(true);
    expect(metrics).toEqual([datum]);
  });

  it('names no report folder for a failure that had no report, when the monitor says so', async () => {
    const { run } = setup();
    const { detail } = await run(async () => ({ failureReason: 'No captured data', withoutReport: true }));
    expect(detail.reportUri).toBe('');
    const named = await run(async () => ({ failureReason: 'No captured data' }));
    expect(named.detail.reportUri).toBe(`mem://r/${folder}`);
  });

  it('keeps the metrics unpublished when the target says so', async () => {
    const { metrics, run } = setup();
    const { metricsPublished } = await run(async () => ({ datums: [datum] }), { publishMetrics: false });
    expect(metricsPublished).toBe(0);
    expect(metrics).toEqual([]);
  });

  it('settles a window once: a second run of it writes, publishes and announces nothing', async () => {
    const { store, metrics, events, run } = setup();
    let computed = 0;
    const compute = async () => {
      computed++;
      return { files: [{ name: 'analysis.json', body: `{"run":${computed}}` }], datums: [datum] };
    };
    const first = await run(compute, { records: { store } });
    const second = await run(compute, { records: { store } });
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ detail: first.detail, written: [], metricsPublished: 0, duplicate: true });
    expect(store.text(`${folder}analysis.json`)).toBe('{"run":1}');
    expect(metrics).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect((await readRunRecord({ store }, first.detail))?.status).toBe('Completed');
  });
});

describe('reportFolderUri', () => {
  const at = (location: string) => new MemoryStore(location);

  it('is the store location, then the folder key ending in one slash', () => {
    expect(reportFolderUri({ store: at('s3://vigil'), key: 'reports/ep/data-quality/2024/05/01/13' })).toBe(
      's3://vigil/reports/ep/data-quality/2024/05/01/13/',
    );
    expect(
      reportFolderUri({ store: at('s3://vigil/'), key: 'reports/ep/model-quality/2024/05/01/13/' }),
    ).toBe('s3://vigil/reports/ep/model-quality/2024/05/01/13/');
    // A local path: the root store is `/`, the key the absolute path without its slash.
    expect(reportFolderUri({ store: at('/'), key: 'home/me/report' })).toBe('/home/me/report/');
    expect(reportFolderUri({ store: at('mem://r'), key: '/reports/x' })).toBe('mem://r/reports/x/');
    expect(reportFolderUri({ store: at('mem://r'), key: '' })).toBe('mem://r/');
  });
});
