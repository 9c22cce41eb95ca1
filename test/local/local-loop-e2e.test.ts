import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@vigil/core';
import { LOCAL_BUCKET, LocalEventBus, LocalLoop, LocalMetricStore, LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as monitorDataQuality } from '../../functions/src/monitor-data-quality.ts';
import { handler as profileCapture } from '../../functions/src/profile-capture.ts';
import { provideRuntime, resetRuntime } from '../../functions/src/shared/runtime.ts';
import { FUNCTION_NAMES, type FunctionName, type LocalHandler, localWiring } from '../../infra/wiring.ts';
import { localRuntime } from '../../packages/cli/src/adapters.ts';
import { main } from '../../packages/cli/src/main.ts';

/** A capture record as SageMaker writes it: CSV input "a,b", CSV output "prediction". */
function captureLine(i: number, a: number, b: number, prediction: number, at: string): string {
  return JSON.stringify({
    captureData: {
      endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: `${a},${b}`, encoding: 'CSV' },
      endpointOutput: {
        observedContentType: 'text/csv',
        mode: 'OUTPUT',
        data: `${prediction}`,
        encoding: 'CSV',
      },
    },
    eventMetadata: { eventId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, inferenceTime: at },
    eventVersion: '0',
  });
}

describe('vigil dev wiring, end to end on a laptop', () => {
  let cwd: string;

  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'vigil-e2e-'));
  });
  afterEach(async () => {
    resetRuntime();
    await rm(cwd, { recursive: true, force: true });
  });

  it('capture file → profile → hourly data-quality run → report, metrics and event', async () => {
    const home = join(cwd, '.vigil');
    // Baseline: prediction first (outputColumns START), then the two inputs; no header → _c0.._c2.
    const rows = Array.from({ length: 200 }, (_, i) => `${i % 2},${(i % 10) + 1},${(i % 7) * 2}`);
    await writeFile(join(cwd, 'train.csv'), `${rows.join('\n')}\n`);
    const io = { stdout: () => {}, stderr: () => {}, cwd, env: {} };
    const baselineExit = await main(
      ['baseline', 'data-quality', '--dataset', 'train.csv', '--no-header', '--out', '.vigil/baselines/ep/'],
      io,
    );
    expect(baselineExit).toBe(0);

    const config = parseConfig({
      version: 1,
      endpoints: [{ name: 'ep', monitors: { dataQuality: { baseline: 'baselines/ep/' } } }],
    });
    const bus = new LocalEventBus(home);
    let now = new Date('2024-05-01T12:59:00Z');
    const clock = { now: () => new Date(now.getTime()) };
    provideRuntime(localRuntime({ config, cwd, events: bus, clock }));
    const others: string[] = [];
    const handlers = Object.fromEntries(
      FUNCTION_NAMES.map((name): [FunctionName, LocalHandler] => [
        name,
        name === 'profile-capture'
          ? profileCapture
          : name === 'monitor-data-quality'
            ? monitorDataQuality
            : () => void others.push(name),
      ]),
    ) as Record<FunctionName, LocalHandler>;
    const store = new LocalObjectStore(home);
    const loop = new LocalLoop({ store, bus, clock, ...localWiring(config, handlers, LOCAL_BUCKET) });

    await loop.round();
    const captureKey = 'capture/ep/AllTraffic/2024/05/01/12/12-30-00-000-capture.jsonl';
    await mkdir(join(home, 'capture/ep/AllTraffic/2024/05/01/12'), { recursive: true });
    const lines = Array.from({ length: 50 }, (_, i) =>
      captureLine(i, (i % 10) + 1, (i % 7) * 2, i % 2, '2024-05-01T12:30:00Z'),
    );
    await writeFile(join(home, captureKey), `${lines.join('\n')}\n`);
    await loop.round();
    await loop.round();
    now = new Date('2024-05-01T13:00:00Z');
    await loop.round();

    expect(bus.failedDeliveries).toBe(0);
    expect(loop.failedRuns).toBe(0);
    const reportFolder = join(home, 'reports/ep/data-quality/2024/05/01/13');
    expect((await readdir(reportFolder)).sort()).toEqual(
      expect.arrayContaining(['constraint_violations.json', 'statistics.json']),
    );
    const statistics = JSON.parse(await readFile(join(reportFolder, 'statistics.json'), 'utf8'));
    expect(statistics.dataset.item_count).toBe(50);

    const journal = (await readFile(join(home, 'events', '2024-05-01.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { source: string; 'detail-type': string; detail: Record<string, unknown> },
      );
    expect(journal.map((e) => e['detail-type'])).toEqual(['Object Created', 'Vigil Monitoring Execution']);
    expect(journal[1]?.detail).toMatchObject({
      endpointName: 'ep',
      monitoringType: 'DataQuality',
      recordCount: 50,
    });
    // Vigil's event reached both of its rules' targets.
    expect(others).toEqual(['card-sync', 'alarm-router']);

    const metrics = new LocalMetricStore(home);
    const points = await metrics.query(
      'aws/sagemaker/Endpoints/data-metrics',
      'feature_baseline_drift__c1',
      { Endpoint: 'ep', MonitoringSchedule: 'ep-data-quality' },
      new Date('2024-05-01T00:00:00Z'),
      new Date('2024-05-02T00:00:00Z'),
    );
    expect(points).toHaveLength(1);
  });
});
