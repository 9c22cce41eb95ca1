import { fixedClock, type MetricDatum, parseConfig, silentLog, type VigilEvent } from '@vigil/core';
import {
  createDataQualityBaseline,
  DRIFTED_FEATURES_METRIC,
  profileCaptureObject,
  runDataQualityMonitor,
} from '@vigil/core/dataquality';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../support/memory-store.ts';

/** Baseline: label (prediction) first, then age 0..99 and color blue/red, as SageMaker's START layout. */
function baselineCsv(): string {
  const lines = ['label,age,color'];
  for (let i = 0; i < 1000; i++)
    lines.push(`${((i % 10) / 10).toFixed(1)},${i % 100},${i % 2 ? 'red' : 'blue'}`);
  return `${lines.join('\n')}\n`;
}

function captureLine(i: number, input: string, output: string): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: input, encoding: 'CSV' },
      endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: output, encoding: 'CSV' },
    },
    eventMetadata: {
      eventId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      inferenceTime: '2024-05-01T12:10:00Z',
    },
    eventVersion: '0',
  });
}

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const hourKey = 'capture/ep/AllTraffic/2024/05/01/12';
const folder = 'reports/ep/data-quality/2024/05/01/13';

function endpointWith(drift: unknown) {
  const config = parseConfig({
    version: 1,
    endpoints: [{ name: 'ep', monitors: { dataQuality: { baseline: 'baselines/ep', drift } } }],
  });
  return config.endpoints[0] as (typeof config.endpoints)[number];
}

describe("a data-quality run's drift output", () => {
  let store: MemoryStore;
  let metrics: MetricDatum[];
  let events: VigilEvent[];
  const ports = () => ({
    store,
    log: silentLog,
    clock: fixedClock(new Date('2024-05-01T13:07:00Z')),
    metrics: { publish: async (m: readonly MetricDatum[]) => void metrics.push(...m) },
    events: { publish: async (e: readonly VigilEvent[]) => void events.push(...e) },
  });
  const read = async (key: string) => JSON.parse(new TextDecoder().decode(await store.get(key)));

  beforeEach(async () => {
    store = new MemoryStore();
    metrics = [];
    events = [];
    const files = await createDataQualityBaseline(once(baselineCsv()), { format: 'csv', header: true });
    await store.put('baselines/ep/statistics.json', files.statistics);
    await store.put('baselines/ep/constraints.json', files.constraints);
    // The window: age moved up by 30 (0.3 of its range, about 1σ), color as in the baseline.
    const lines = Array.from({ length: 1000 }, (_, i) =>
      captureLine(i, `${30 + (i % 100)},${i % 2 ? 'red' : 'blue'}`, ((i % 10) / 10).toFixed(1)),
    );
    await store.put(`${hourKey}/a.jsonl`, `${lines.join('\n')}\n`);
    await profileCaptureObject(ports(), { key: `${hourKey}/a.jsonl` });
  });

  it('writes drift_report.json with type, method, value, threshold and drift per feature', async () => {
    await runDataQualityMonitor(ports(), { endpoint: endpointWith(undefined) });
    const report = await read(`${folder}/drift_report.json`);
    expect(Object.keys(report.features)).toEqual(['label', 'age', 'color']);
    expect(report.features.age).toMatchObject({
      type: 'numerical',
      method: 'wasserstein',
      threshold: 0.1,
      drift: true,
      n: 1000,
      m: 1000,
    });
    // Every value moved by 30 except those wrapping past 99: W1 = 30 exactly, σ of 0..99 = 28.866.
    expect(report.features.age.value).toBeCloseTo(30 / Math.sqrt((100 * 100 - 1) / 12), 12);
    expect(report.features.color).toMatchObject({
      type: 'categorical',
      method: 'jensen_shannon',
      value: 0,
      threshold: 0.1,
      drift: false,
    });
    expect(Object.keys(report.features.age.values)).toEqual([
      'wasserstein',
      'jensen_shannon',
      'psi',
      'ks',
      'linf',
      'linf_simple',
    ]);
    expect(report.drifted_features).toEqual(['age']);
  });

  it('publishes vigil_drift_score_<f>, vigil_drifted_<f> and vigil_drift_count with SageMaker’s dimensions', async () => {
    await runDataQualityMonitor(ports(), { endpoint: endpointWith(undefined) });
    const names = metrics.filter((m) => m.name.startsWith('vigil_')).map((m) => [m.name, m.value]);
    expect(names.map(([name]) => name)).toEqual([
      'vigil_drift_score_label',
      'vigil_drifted_label',
      'vigil_drift_score_age',
      'vigil_drifted_age',
      'vigil_drift_score_color',
      'vigil_drifted_color',
      'vigil_drift_count',
    ]);
    expect(DRIFTED_FEATURES_METRIC).toBe('vigil_drift_count');
    expect(Object.fromEntries(names)).toMatchObject({
      vigil_drifted_age: 1,
      vigil_drifted_color: 0,
      vigil_drift_count: 1,
    });
    for (const datum of metrics.filter((m) => m.name.startsWith('vigil_')))
      expect(datum).toMatchObject({
        namespace: 'aws/sagemaker/Endpoints/data-metrics',
        dimensions: { Endpoint: 'ep', MonitoringSchedule: 'ep-data-quality' },
      });
  });

  it("leaves constraint_violations.json SageMaker's unless drift.violations is on", async () => {
    const off = await runDataQualityMonitor(ports(), { endpoint: endpointWith(undefined) });
    const sageMakerOnly = await read(`${folder}/constraint_violations.json`);
    expect(
      sageMakerOnly.violations.every((v: { description: string }) => !v.description.includes('Vigil')),
    ).toBe(true);

    // A scheduled window settles once (a second run is a duplicate): forget its run record, as a
    // fresh deployment with the new setting would have none.
    for (const key of store.keys('runs/')) store.objects.delete(key);
    const on = await runDataQualityMonitor(ports(), {
      endpoint: endpointWith({ numerical: { method: 'psi', threshold: 0.2 }, violations: true }),
    });
    const withVigil = await read(`${folder}/constraint_violations.json`);
    expect(withVigil.violations.length).toBe(sageMakerOnly.violations.length + 1);
    expect(withVigil.violations.at(-1)).toEqual({
      feature_name: 'age',
      constraint_check_type: 'baseline_drift_check',
      description: expect.stringMatching(/^Vigil drift method psi: value [0-9.]+ exceeds threshold: 0\.2$/),
    });
    expect(on.violations.length).toBe(off.violations.length + 1);
  });

  it('counts a p-value method below its threshold in the violation description', async () => {
    await runDataQualityMonitor(ports(), { endpoint: endpointWith({ numerical: 'ks', violations: true }) });
    const file = await read(`${folder}/constraint_violations.json`);
    expect(file.violations.at(-1).description).toMatch(
      /^Vigil drift method ks: p-value .+ is below threshold: 0\.05$/,
    );
  });
});
