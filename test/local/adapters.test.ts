import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchMetricSink, S3ObjectStore } from '@vigil/aws';
import { silentLog, systemClock } from '@vigil/core';
import { trackEndpointEvent } from '@vigil/core/rollback';
import { LocalEndpointController, LocalMetricStore, LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cliEventPublisher,
  cliMetricSink,
  homePath,
  openHome,
  openLocation,
} from '../../packages/cli/src/adapters.ts';
import { UsageError } from '../../packages/cli/src/command.ts';

describe('openLocation', () => {
  it('opens a relative local path as a store rooted at / with the absolute path as key', () => {
    const { store, key } = openLocation('data/capture.jsonl', '/home/me/project');
    expect(store).toBeInstanceOf(LocalObjectStore);
    expect(`${store.location}/${key}`).toBe('/home/me/project/data/capture.jsonl');
    expect(key).toBe('home/me/project/data/capture.jsonl');
  });

  it('keeps a trailing slash so a folder lists only its own files, and normalizes the path', () => {
    expect(openLocation('out/', '/w').key).toBe('w/out/');
    expect(openLocation('/abs/./x/../reports/', '/w').key).toBe('abs/reports/');
    expect(openLocation('/', '/w').key).toBe('');
  });

  it('opens s3://bucket/prefix as that bucket with the prefix as key, one store per bucket', () => {
    const a = openLocation('s3://my-bucket/capture/ep/', '/w');
    expect(a.store).toBeInstanceOf(S3ObjectStore);
    expect(a.store.location).toBe('s3://my-bucket');
    expect(a.key).toBe('capture/ep/');
    expect(openLocation('s3://my-bucket', '/w')).toEqual({ store: a.store, key: '' });
    expect(openLocation('s3://other/x', '/w').store).not.toBe(a.store);
  });

  it('rejects an s3 URI without a bucket and an empty path', () => {
    expect(() => openLocation('s3:///x', '/w')).toThrow(UsageError);
    expect(() => openLocation('', '/w')).toThrow(UsageError);
  });

  it('reads and writes real files through the root store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-adapters-'));
    try {
      const { store, key } = openLocation('report.json', dir);
      await store.put(key, '{}');
      expect(await readdir(dir)).toEqual(['report.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('home, metrics and events', () => {
  let cwd: string;

  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'vigil-home-'));
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it('puts the home in .vigil of the working directory unless told otherwise', () => {
    expect(homePath(undefined, '/w')).toBe('/w/.vigil');
    expect(homePath('state', '/w')).toBe('/w/state');
    expect(homePath('/var/vigil', '/w')).toBe('/var/vigil');
    expect(openHome(undefined, cwd).location).toBe(join(cwd, '.vigil'));
  });

  it('sends metrics to the local store under the home, or to CloudWatch when asked', async () => {
    const home = homePath(undefined, cwd);
    const local = cliMetricSink({ cloudwatch: false, home });
    expect(local).toBeInstanceOf(LocalMetricStore);
    await local.publish([
      { namespace: 'ns', name: 'm', dimensions: { Endpoint: 'ep' }, value: 1, timestamp: new Date() },
    ]);
    expect(await readdir(join(home, 'metrics'))).toEqual(['ns']);
    expect(cliMetricSink({ cloudwatch: true, home })).toBeInstanceOf(CloudWatchMetricSink);
  });

  it('sends events to the local bus journal under the home', async () => {
    const home = homePath(undefined, cwd);
    const events = cliEventPublisher(home);
    await events.publish([
      { source: 'vigil', detailType: 'Test', detail: {}, time: new Date('2024-05-01T00:00:00Z') },
    ]);
    expect(await readdir(join(home, 'events'))).toEqual(['2024-05-01.jsonl']);
    const journal = (await readFile(join(home, 'events', '2024-05-01.jsonl'), 'utf8')).trim().split('\n');
    expect(journal.map((line) => JSON.parse(line)['detail-type'])).toEqual(['Test']);
  });

  it('names in a monitoring run the model version the home says served its window', async () => {
    const home = homePath(undefined, cwd);
    const endpoints = new LocalEndpointController(new LocalObjectStore(home));
    const deployed = await endpoints.deploy(
      'ep',
      'ep-cfg-1',
      ['arn:pkg/1'],
      new Date('2024-05-01T00:00:00Z'),
    );
    await trackEndpointEvent(
      { store: new LocalObjectStore(home), clock: systemClock, log: silentLog, endpoints },
      deployed,
    );
    const detail = {
      endpointName: 'ep',
      windowStart: '2024-05-01T01:00:00.000Z',
      windowEnd: '2024-05-01T02:00:00.000Z',
    };
    await cliEventPublisher(home).publish([
      {
        source: 'vigil',
        detailType: 'Vigil Monitoring Execution',
        detail,
        time: new Date('2024-05-01T02:05:00Z'),
      },
    ]);
    const [line] = (await readFile(join(home, 'events', '2024-05-01.jsonl'), 'utf8')).trim().split('\n');
    expect(JSON.parse(line!).detail).toMatchObject({
      modelPackageArn: 'arn:pkg/1',
      servedBy: [
        {
          endpointConfigName: 'ep-cfg-1',
          variantName: 'AllTraffic',
          modelPackageArn: 'arn:pkg/1',
          from: '2024-05-01T01:00:00.000Z',
          to: '2024-05-01T02:00:00.000Z',
        },
      ],
    });
  });
});
