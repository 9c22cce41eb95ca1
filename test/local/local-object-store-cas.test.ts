import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ObjectNotFoundError, PreconditionFailedError } from '@vigil/core';
import { LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incrementCounter } from '../support/cas-counter.ts';

const run = promisify(execFile);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const worker = fileURLToPath(new URL('./support/cas-worker.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

describe('LocalObjectStore compare-and-swap', () => {
  let root: string;
  let store: LocalObjectStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'vigil-cas-'));
    store = new LocalObjectStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("gives S3's ETag of a single PUT (the content's quoted MD5) and swaps only on a match", async () => {
    await store.put('state/x.json', 'hello');
    const { body, etag } = await store.getVersioned('state/x.json');
    expect(decode(body)).toBe('hello');
    // md5("hello"), computed independently with `printf hello | md5sum`.
    expect(etag).toBe('"5d41402abc4b2a76b9719d911017c592"');
    await store.putIfMatch('state/x.json', 'second', etag);
    expect(decode(await store.get('state/x.json'))).toBe('second');
    // The old tag no longer matches: the write is refused and the object is left as it was.
    await expect(store.putIfMatch('state/x.json', 'third', etag)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    expect(decode(await store.get('state/x.json'))).toBe('second');
    expect(await readdir(join(root, 'state'))).toEqual(['x.json']);
  });

  it('refuses a swap of an object that is gone, and reads of it fail as not found', async () => {
    await expect(store.putIfMatch('state/absent.json', 'x', '"0"')).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await expect(store.getVersioned('state/absent.json')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.get('state/absent.json')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('loses no increment among 25 concurrent read-swap loops in one process', async () => {
    await store.put('state/counter.json', JSON.stringify({ count: 0 }));
    const lost = await Promise.all(
      Array.from({ length: 25 }, () => incrementCounter(store, 'state/counter.json')),
    );
    expect(JSON.parse(decode(await store.get('state/counter.json')))).toEqual({ count: 25 });
    // The loops really raced: some swaps lost and were retried.
    expect(lost.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('loses no increment among 3 processes swapping the same file', async () => {
    await store.put('state/counter.json', JSON.stringify({ count: 0 }));
    await Promise.all(
      [1, 2, 3].map(() => run(tsx, [worker, root, 'state/counter.json', '15'], { timeout: 60_000 })),
    );
    expect(JSON.parse(decode(await store.get('state/counter.json')))).toEqual({ count: 45 });
  }, 90_000);

  it('breaks a lock left by a writer that died, and waits for a live one', async () => {
    await store.put('state/y.json', 'v1');
    const { etag } = await store.getVersioned('state/y.json');
    const lockFile = join(root, 'state', '.vigil-tmp-lock-y.json');
    await writeFile(lockFile, '999999');
    const { utimes } = await import('node:fs/promises');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockFile, old, old);
    await store.putIfMatch('state/y.json', 'v2', etag);
    expect(decode(await store.get('state/y.json'))).toBe('v2');
    // A fresh lock makes the writer wait until it is released.
    await writeFile(lockFile, '1');
    const { etag: etag2 } = await store.getVersioned('state/y.json');
    let done = false;
    const pending = store.putIfMatch('state/y.json', 'v3', etag2).then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(done).toBe(false);
    await rm(lockFile);
    await pending;
    expect(decode(await store.get('state/y.json'))).toBe('v3');
    // Lock files never show in listings.
    const listed: string[] = [];
    for await (const info of store.list('state/')) listed.push(info.key);
    expect(listed).toEqual(['state/y.json']);
  });
});
