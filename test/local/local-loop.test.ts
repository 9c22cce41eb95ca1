import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig, profileKeyFor } from '@vigil/core';
import { CaptureWatcher, LOCAL_BUCKET, LocalEventBus, LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as profileCapture } from '../../functions/src/profile-capture.ts';
import { loadRuntime, provideRuntime, resetRuntime } from '../../functions/src/shared/runtime.ts';
import { captureCreatedPattern } from '../../infra/wiring.ts';
import { localRuntime } from '../../packages/cli/src/adapters.ts';

const captureFixture = fileURLToPath(
  new URL(
    '../../../shared/fixtures/sagemaker/capture-csv-packt/45-47-410-519762dc-1394-44c0-985a-957129a9c5e1.jsonl',
    import.meta.url,
  ),
);

const config = parseConfig({ version: 1, endpoints: [{ name: 'housing' }] });

describe('the local loop runs the Lambda handlers unchanged', () => {
  let cwd: string;

  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'vigil-loop-'));
  });
  afterEach(async () => {
    resetRuntime();
    await rm(cwd, { recursive: true, force: true });
  });

  it('resolves locations in the home, in s3://vigil-local, and elsewhere', async () => {
    const runtime = localRuntime({ config, cwd });
    provideRuntime(runtime);
    expect(await loadRuntime()).toBe(runtime);
    expect(runtime.bucket).toBe(LOCAL_BUCKET);
    expect(runtime.store.location).toBe(join(cwd, '.vigil'));
    expect(runtime.storeFor('capture')).toEqual({ store: runtime.store, key: 'capture' });
    expect(runtime.storeFor(`s3://${LOCAL_BUCKET}/reports/x/`)).toEqual({
      store: runtime.store,
      key: 'reports/x/',
    });
    const absolute = runtime.storeFor('/data/baselines/');
    expect(`${absolute.store.location}/${absolute.key}`).toBe('/data/baselines/');
    expect(runtime.storeFor('s3://real-bucket/k').store.location).toBe('s3://real-bucket');
  });

  it('profiles a capture file dropped in the home: watcher → bus → profile-capture → profile', async () => {
    const home = join(cwd, '.vigil');
    const key =
      'capture/housing/AllTraffic/2021/07/07/16/45-47-410-519762dc-1394-44c0-985a-957129a9c5e1.jsonl';
    await mkdir(dirname(join(home, key)), { recursive: true });
    await copyFile(captureFixture, join(home, key));

    const bus = new LocalEventBus(home);
    provideRuntime(localRuntime({ config, cwd, events: bus }));
    const results: unknown[] = [];
    bus.subscribe(
      'profile-capture',
      captureCreatedPattern(LOCAL_BUCKET, ['capture/housing/']),
      async (event) => {
        results.push(await profileCapture(event));
      },
    );
    const watcher = new CaptureWatcher({
      store: new LocalObjectStore(home),
      prefixes: ['capture/'],
      includeExisting: true,
      onEvent: (event) => bus.put([event]),
    });
    await watcher.poll();
    await watcher.poll();

    expect(bus.failedDeliveries).toBe(0);
    expect(results).toEqual([
      expect.objectContaining({
        status: 'profiled',
        key,
        endpoint: 'housing',
        profileKey: profileKeyFor(key),
        records: 1,
      }),
    ]);
    const profile = JSON.parse(
      new TextDecoder().decode(await new LocalObjectStore(home).get(profileKeyFor(key))),
    );
    expect(profile).toBeTypeOf('object');
  });
});
