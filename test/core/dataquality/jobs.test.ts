import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fixedClock,
  type MetricDatum,
  type MonitoringExecutionDetail,
  parseConfig,
  silentLog,
  type VigilEvent,
} from '@vigil/core';
import {
  createDataQualityBaseline,
  profileCaptureObject,
  runDataQualityMonitor,
} from '@vigil/core/dataquality';
import { LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** One capture line as SageMaker writes it: CSV in, CSV out. */
function captureLine(i: number, input: string, output: string): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: input, encoding: 'CSV' },
      endpointOutput: {
        observedContentType: 'text/csv; charset=utf-8',
        mode: 'OUTPUT',
        data: output,
        encoding: 'CSV',
      },
    },
    eventMetadata: {
      eventId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      inferenceTime: '2024-05-01T12:10:00Z',
    },
    eventVersion: '0',
  });
}

/** Baseline: label (prediction) first, then age and color, as SageMaker's START layout. */
function baselineCsv(): string {
  const lines = ['label,age,color'];
  for (let i = 0; i < 1000; i++)
    lines.push(`${((i % 10) / 10).toFixed(1)},${i % 100},${i % 2 ? 'red' : 'blue'}`);
  return `${lines.join('\n')}\n`;
}

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const config = parseConfig({
  version: 1,
  endpoints: [{ name: 'ep', monitors: { dataQuality: { baseline: 'baselines/ep' } } }],
});
const endpoint = config.endpoints[0] as (typeof config.endpoints)[number];
const hourKey = 'capture/ep/AllTraffic/2024/05/01/12';

describe('profileCaptureObject + runDataQualityMonitor', () => {
  let dir: string;
  let store: LocalObjectStore;
  let metrics: MetricDatum[];
  let events: VigilEvent[];
  const ports = () => ({
    store,
    log: silentLog,
    clock: fixedClock(new Date('2024-05-01T13:07:00Z')),
    metrics: { publish: async (m: readonly MetricDatum[]) => void metrics.push(...m) },
    events: { publish: async (e: readonly VigilEvent[]) => void events.push(...e) },
  });
  const detail = () => events.at(-1)?.detail as unknown as MonitoringExecutionDetail;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-dq-'));
    store = new LocalObjectStore(dir);
    metrics = [];
    events = [];
    const files = await createDataQualityBaseline(once(baselineCsv()), { format: 'csv', header: true });
    await store.put('baselines/ep/statistics.json', files.statistics);
    await store.put('baselines/ep/constraints.json', files.constraints);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function writeCapture(
    name: string,
    rows: number,
    age: (i: number) => number,
    extra = '',
  ): Promise<string> {
    const lines = Array.from({ length: rows }, (_, i) =>
      captureLine(i, `${age(i)},${i % 2 ? 'red' : 'blue'}`, ((i % 10) / 10).toFixed(1)),
    );
    const key = `${hourKey}/${name}`;
    await store.put(key, `${lines.join('\n')}\n${extra}`);
    return key;
  }

  it('profiles each file once (a retry overwrites) and checks the merged window', async () => {
    const a = await writeCapture('00-01-000-a.jsonl', 600, (i) => i % 100, '{not json}\n');
    const b = await writeCapture('30-01-000-b.jsonl', 400, (i) => (i * 7) % 100);
    const first = await profileCaptureObject(ports(), { key: a });
    expect(first).toMatchObject({
      profileKey: `profiles/${a}.profile.json`,
      extractKey: `extracts/${a}.extract.jsonl`,
      records: 600,
      rows: 600,
    });
    expect(first.skipped).toEqual([{ reason: 'malformed-line', count: 1, examples: [`${a}:601`] }]);
    await profileCaptureObject(ports(), { key: a }); // retried event
    await profileCaptureObject(ports(), { key: b });

    const summary = await runDataQualityMonitor(ports(), { endpoint });
    expect(summary.status).toBe('Completed');
    expect(summary.recordCount).toBe(1000);
    expect(summary.skipped).toEqual([{ reason: 'malformed-line', count: 1, examples: [`${a}:601`] }]);
    const folder = 'reports/ep/data-quality/2024/05/01/13';
    const statistics = JSON.parse(new TextDecoder().decode(await store.get(`${folder}/statistics.json`)));
    expect(statistics.dataset.item_count).toBe(1000);
    expect(statistics.features.map((f: { name: string }) => f.name)).toEqual(['label', 'age', 'color']);
    expect(new TextDecoder().decode(await store.get(`${folder}/constraint_violations.json`))).toBe(
      '{\n  "violations" : [ ]\n}',
    );
    expect(await store.get(`${folder}/constraints.json`)).toEqual(
      await store.get('baselines/ep/constraints.json'),
    );
    expect(metrics.find((m) => m.name === 'feature_non_null_age')).toMatchObject({
      namespace: 'aws/sagemaker/Endpoints/data-metrics',
      dimensions: { Endpoint: 'ep', MonitoringSchedule: 'ep-data-quality' },
      value: 1000,
    });
    expect(events).toHaveLength(1);
    expect(detail()).toMatchObject({
      status: 'Completed',
      endpointName: 'ep',
      monitoringType: 'DataQuality',
      windowStart: '2024-05-01T12:00:00.000Z',
      windowEnd: '2024-05-01T13:00:00.000Z',
      recordCount: 1000,
      violationCount: 0,
    });
    expect(detail().reportUri).toBe(`${dir}/${folder}/`);
  });

  it('reports drift as CompletedWithViolations', async () => {
    const key = await writeCapture('00-01-000-a.jsonl', 1000, (i) => 150 + (i % 100));
    await profileCaptureObject(ports(), { key });
    const summary = await runDataQualityMonitor(ports(), { endpoint });
    expect(summary.status).toBe('CompletedWithViolations');
    expect(summary.violations.map((v) => [v.feature_name, v.constraint_check_type])).toEqual([
      ['age', 'baseline_drift_check'],
    ]);
    expect(summary.message).toBe('CompletedWithViolations: Job completed successfully with 1 violations.');
    expect(detail().violations[0]).toMatchObject({ subject: 'age', checkType: 'baseline_drift_check' });
    expect(metrics.find((m) => m.name === 'feature_baseline_drift_age')?.value).toBeGreaterThan(0.9);
  });

  it('counts ragged rows of stored profiles against the baseline’s columns, across files', async () => {
    // File a starts with a short row (what used to be every other row's "mismatch"); b has two long rows.
    const a = `${hourKey}/00-01-000-a.jsonl`;
    const short = [0, 1, 2].map((i) => captureLine(i, `${i}`, '0.1'));
    const full = Array.from({ length: 37 }, (_, i) => captureLine(i + 3, `${i},red`, '0.2'));
    await store.put(a, `${[...short, ...full].join('\n')}\n`);
    const b = await writeCapture('30-01-000-b.jsonl', 20, (i) => i);
    const long = [captureLine(90, '5,blue,stray', '0.3'), captureLine(91, '6,red,stray', '0.4')];
    await store.put(b, `${new TextDecoder().decode(await store.get(b))}${long.join('\n')}\n`);
    expect((await profileCaptureObject(ports(), { key: a })).skipped).toEqual([]);
    await profileCaptureObject(ports(), { key: b });
    const summary = await runDataQualityMonitor(ports(), { endpoint });
    expect(summary.recordCount).toBe(62);
    expect(detail().skipped).toEqual([{ reason: 'column-count-mismatch', count: 5 }]);
    expect(summary.notes).toContain(
      "5 of 62 rows do not have the baseline's 3 columns: 3 have fewer (their absent values count as missing), " +
        '2 have more (the values past column 3 were left out)',
    );
    expect(summary.violations.map((v) => v.constraint_check_type)).not.toContain('extra_column_check');
    const stats = JSON.parse(
      new TextDecoder().decode(
        await store.get(`${summary.reportUri?.replace(/^.*?reports\//, 'reports/')}statistics.json`),
      ),
    );
    expect(stats.features.map((f: { name: string }) => f.name)).toEqual(['label', 'age', 'color']);
  });

  it('fails with a reason when there is no data, and counts unreadable profiles', async () => {
    await store.put(`profiles/${hourKey}/broken.jsonl.profile.json`, '{"format":"nope"}');
    await store.put(
      `profiles/${hourKey}/truncated.jsonl.profile.json`,
      '{"format":"vigil-profile","version":1,"columns":[{"name":"x","types":{},"moments":{},"kll":{"levels":5},"hll":"AAAA"}]}',
    );
    const summary = await runDataQualityMonitor(ports(), { endpoint });
    expect(summary.status).toBe('Failed');
    // Not "no captured data": the data is there, in profiles that could not be read, named by key and field.
    expect(summary.failureReason).toBe(
      '2 stored profile(s) of ep/AllTraffic for the window could not be read and no other profile has rows ' +
        `(profiles/${hourKey}/broken.jsonl.profile.json: Not a Vigil profile: ` +
        'format: expected "vigil-profile". Re-run profile-capture on its source to rewrite it; ' +
        `profiles/${hourKey}/truncated.jsonl.profile.json: Not a Vigil profile (format "vigil-profile", version 1 or 2): ` +
        'itemCount: Invalid input: expected number, received undefined. Re-run profile-capture on its source to rewrite it)' +
        ': re-run profile-capture on their capture files',
    );
    expect(detail()).toMatchObject({
      status: 'Failed',
      skipped: [{ reason: 'unreadable-profile', count: 2 }],
    });
    expect(metrics).toEqual([]);
  });

  it('fails with a reason when the baseline is missing or does not parse', async () => {
    const key = await writeCapture('00-01-000-a.jsonl', 10, (i) => i);
    await profileCaptureObject(ports(), { key });
    const other = parseConfig({
      version: 1,
      endpoints: [{ name: 'ep', monitors: { dataQuality: { baseline: 'baselines/none' } } }],
    }).endpoints[0] as typeof endpoint;
    const missing = await runDataQualityMonitor(ports(), { endpoint: other });
    expect(missing.status).toBe('Failed');
    expect(missing.failureReason).toContain('No baseline at');
    await store.put('baselines/ep/statistics.json', '{ not json');
    const broken = await runDataQualityMonitor(ports(), { endpoint });
    expect(broken.failureReason).toMatch(/statistics\.json: statistics\.json is not valid JSON/);
  });

  it('reads only the window hours', async () => {
    const key = await writeCapture('00-01-000-a.jsonl', 10, (i) => i);
    await profileCaptureObject(ports(), { key });
    const later = await runDataQualityMonitor(ports(), {
      endpoint,
      scheduledTime: new Date('2024-05-01T15:00:00Z'),
    });
    expect(later.status).toBe('Failed');
    const explicit = await runDataQualityMonitor(ports(), {
      endpoint,
      scheduledTime: new Date('2024-05-02T00:00:00Z'),
      window: { start: new Date('2024-05-01T00:00:00Z'), end: new Date('2024-05-02T00:00:00Z') },
    });
    expect(explicit.recordCount).toBe(10);
    expect(explicit.reportUri).toContain('reports/ep/data-quality/2024/05/02/00/');
  });
});
