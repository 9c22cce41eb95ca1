import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaptureWatcher, LocalObjectStore, matchesPattern, objectCreatedEvent } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertS3ObjectCreated } from '../../functions/src/shared/events.ts';
import { captureCreatedPattern } from '../../infra/wiring.ts';

const fixturePath = fileURLToPath(
  new URL('../../../shared/fixtures/events/s3-object-created.json', import.meta.url),
);

/** The JSON "shape" of a value: object keys in order, recursively, and the type of every leaf. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => [k, shape(v)]);
  }
  return typeof value;
}

describe('objectCreatedEvent', () => {
  it("has exactly the fields, order and types of S3's documented EventBridge event", async () => {
    const fixture = JSON.parse(await readFile(fixturePath, 'utf8'));
    const event = objectCreatedEvent({
      bucket: 'vigil-local',
      key: 'capture/ep/AllTraffic/2024/05/01/13/a.jsonl',
      size: 5,
      etag: 'b1946ac92492d2347c6235b4d2611184',
      sequencer: '617F08299329D189',
      time: new Date('2024-05-01T13:00:00.500Z'),
    });
    expect(shape(event)).toEqual(shape(fixture));
    expect(event.time).toBe('2024-05-01T13:00:00Z');
    expect(event.resources).toEqual(['arn:aws:s3:::vigil-local']);
    expect(assertS3ObjectCreated(event)).toEqual({
      bucket: 'vigil-local',
      key: 'capture/ep/AllTraffic/2024/05/01/13/a.jsonl',
      size: 5,
    });
  });
});

describe('CaptureWatcher', () => {
  let home: string;
  let store: LocalObjectStore;

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'vigil-watch-'));
    store = new LocalObjectStore(home);
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('announces a new capture file once it has settled, with its size and MD5 ETag, and only once', async () => {
    await store.put('capture/ep/AllTraffic/2024/05/01/12/old.jsonl', '{"old":1}\n');
    const delivered: string[] = [];
    const watcher = new CaptureWatcher({
      store,
      prefixes: ['capture/ep/'],
      onEvent: (e) => void delivered.push(e.detail.object.key),
    });
    expect(await watcher.poll()).toEqual([]); // existing files are not announced by default

    const key = 'capture/ep/AllTraffic/2024/05/01/13/new.jsonl';
    const body = '{"captureData":{}}\n';
    await store.put(key, body);
    await store.put('capture/ep/AllTraffic/2024/05/01/13/notes.txt', 'not capture');
    await store.put('capture/other/AllTraffic/2024/05/01/13/x.jsonl', 'other endpoint');
    expect(await watcher.poll()).toEqual([]); // seen once: may still be being written
    const events = await watcher.poll();
    expect(events.map((e) => e.detail.object)).toEqual([
      {
        key,
        size: body.length,
        etag: createHash('md5').update(body).digest('hex'),
        'version-id': expect.any(String),
        sequencer: expect.stringMatching(/^[0-9A-F]{16}$/),
      },
    ]);
    expect(delivered).toEqual([key]);
    expect(await watcher.poll()).toEqual([]);
    expect(matchesPattern(captureCreatedPattern('vigil-local', ['capture/ep/']), events[0])).toBe(true);
  });

  it('announces a rewritten file again, and existing files when asked to', async () => {
    const key = 'capture/ep/AllTraffic/2024/05/01/13/a.jsonl';
    await store.put(key, 'one\n');
    const watcher = new CaptureWatcher({
      store,
      prefixes: ['capture/'],
      includeExisting: true,
      onEvent: () => {},
    });
    await watcher.poll();
    expect((await watcher.poll()).map((e) => e.detail.object.key)).toEqual([key]);
    await store.put(key, 'one\ntwo\n');
    await utimes(join(home, key), new Date(), new Date(Date.now() + 5000));
    await watcher.poll();
    expect((await watcher.poll()).map((e) => e.detail.object.size)).toEqual([8]);
  });

  it('retries a file whose handler failed on the next scan', async () => {
    const key = 'capture/ep/AllTraffic/2024/05/01/13/a.jsonl';
    let fail = true;
    const watcher = new CaptureWatcher({
      store,
      prefixes: ['capture/'],
      onEvent: () => {
        if (fail) throw new Error('profile failed');
      },
    });
    await watcher.poll();
    await store.put(key, 'x\n');
    await watcher.poll();
    expect(await watcher.poll()).toEqual([]);
    fail = false;
    expect((await watcher.poll()).map((e) => e.detail.object.key)).toEqual([key]);
  });

  it('scans on its own between start and stop', async () => {
    const key = 'capture/ep/AllTraffic/2024/05/01/13/a.jsonl';
    const delivered: string[] = [];
    let resolveDelivered: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      resolveDelivered = resolve;
    });
    await store.put(key, 'x\n');
    const watcher = new CaptureWatcher({
      store,
      prefixes: ['capture/'],
      intervalMs: 5,
      includeExisting: true,
      onEvent: (e) => {
        delivered.push(e.detail.object.key);
        resolveDelivered();
      },
    });
    watcher.start();
    await done;
    await watcher.stop();
    expect(delivered).toEqual([key]);
  });
});
