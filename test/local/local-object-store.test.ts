import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, ObjectNotFoundError } from '@vigil/core';
import { LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function keys(store: LocalObjectStore, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const info of store.list(prefix)) out.push(info.key);
  return out;
}

describe('LocalObjectStore', () => {
  let root: string;
  let store: LocalObjectStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'vigil-store-'));
    store = new LocalObjectStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes a key as a file under the root, creating folders, and reads it back', async () => {
    await store.put('reports/ep/data-quality/2024/05/01/13/statistics.json', '{"a":1}');
    expect(await readFile(join(root, 'reports/ep/data-quality/2024/05/01/13/statistics.json'), 'utf8')).toBe(
      '{"a":1}',
    );
    const bytes = await store.get('reports/ep/data-quality/2024/05/01/13/statistics.json');
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(decode(bytes)).toBe('{"a":1}');
  });

  it('overwrites with put and leaves no temporary file behind', async () => {
    await store.put('a/b.txt', 'one');
    await store.put('a/b.txt', new TextEncoder().encode('two'));
    expect(decode(await store.get('a/b.txt'))).toBe('two');
    expect(await readdir(join(root, 'a'))).toEqual(['b.txt']);
  });

  it('lists recursively in lexicographic key order, as S3 does', async () => {
    // '-' (0x2d) and '.' (0x2e) sort before '/' (0x2f): "a-b.txt" comes before every key under
    // "a/" and "a/b.txt" before "a/b/c.txt", which a plain walk of the folders would get wrong.
    for (const key of ['a/z.txt', 'a-b.txt', 'a/b/c.txt', 'a/b.txt', 'a0.txt', 'b/a.txt', 'A.txt']) {
      await store.put(key, key);
    }
    expect(await keys(store, '')).toEqual([
      'A.txt',
      'a-b.txt',
      'a/b.txt',
      'a/b/c.txt',
      'a/z.txt',
      'a0.txt',
      'b/a.txt',
    ]);
    expect([...(await keys(store, ''))].sort()).toEqual(await keys(store, ''));
  });

  it('lists by a partial name prefix, not only by folder', async () => {
    for (const key of [
      'capture/ep/AllTraffic/x.jsonl',
      'capture/ep-2/AllTraffic/y.jsonl',
      'capture/ep/B/z.jsonl',
    ]) {
      await store.put(key, 'x');
    }
    expect(await keys(store, 'capture/ep/')).toEqual([
      'capture/ep/AllTraffic/x.jsonl',
      'capture/ep/B/z.jsonl',
    ]);
    expect(await keys(store, 'capture/ep')).toEqual([
      'capture/ep-2/AllTraffic/y.jsonl',
      'capture/ep/AllTraffic/x.jsonl',
      'capture/ep/B/z.jsonl',
    ]);
    expect(await keys(store, 'capture/ep/All')).toEqual(['capture/ep/AllTraffic/x.jsonl']);
    expect(await keys(store, 'capture/ep/AllTraffic/x.jsonl')).toEqual(['capture/ep/AllTraffic/x.jsonl']);
  });

  it('gives sizes and modification times, and lists nothing for a missing prefix', async () => {
    await store.put('s/one.bin', new Uint8Array(1234));
    const infos = [];
    for await (const info of store.list('s/')) infos.push(info);
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatchObject({ key: 's/one.bin', size: 1234 });
    expect(infos[0]?.lastModified).toBeInstanceOf(Date);
    expect(await keys(store, 'missing/folder/')).toEqual([]);
  });

  it('follows symbolic links to folders and files', async () => {
    const other = await mkdtemp(join(tmpdir(), 'vigil-linked-'));
    try {
      await writeFile(join(other, 'f.txt'), 'linked');
      await symlink(other, join(root, 'linked'));
      expect(await keys(store, 'linked/')).toEqual(['linked/f.txt']);
      expect(decode(await store.get('linked/f.txt'))).toBe('linked');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('streams a multi-megabyte file in chunks whose concatenation is the file', async () => {
    const size = 5 * 1024 * 1024 + 17;
    const body = new Uint8Array(size);
    for (let i = 0; i < size; i++) body[i] = (i * 31 + 7) & 0xff;
    await store.put('big.bin', body);
    let total = 0;
    let chunks = 0;
    const copy = new Uint8Array(size);
    for await (const chunk of store.stream('big.bin')) {
      copy.set(chunk, total);
      total += chunk.byteLength;
      chunks += 1;
    }
    expect(total).toBe(size);
    expect(chunks).toBeGreaterThan(1);
    // Deep equality of 5 MB arrays is slow in vitest; the index of the first differing byte is not.
    expect(copy.findIndex((byte, i) => byte !== body[i])).toBe(-1);
  });

  it('throws ObjectNotFoundError for a missing key, from get and from stream', async () => {
    await expect(store.get('nope.json')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.get('nope/deeper.json')).rejects.toMatchObject({ key: 'nope/deeper.json' });
    const read = async () => {
      for await (const _ of store.stream('nope.json')) {
        // consume
      }
    };
    await expect(read()).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('writes with putIfAbsent only once, keeping the first body', async () => {
    expect(await store.putIfAbsent('audit/000001.json', 'first')).toBe(true);
    expect(await store.putIfAbsent('audit/000001.json', 'second')).toBe(false);
    expect(decode(await store.get('audit/000001.json'))).toBe('first');
    expect(await readdir(join(root, 'audit'))).toEqual(['000001.json']);
  });

  it('lets exactly one of many concurrent putIfAbsent calls win', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.putIfAbsent('audit/000002.json', `writer ${i}`)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(decode(await store.get('audit/000002.json'))).toBe(`writer ${winner}`);
  });

  it('rejects keys that would escape the root', async () => {
    await expect(store.get('../etc/passwd')).rejects.toBeInstanceOf(InputError);
    await expect(store.put('/abs', 'x')).rejects.toBeInstanceOf(InputError);
    await expect(store.put('a//b', 'x')).rejects.toBeInstanceOf(InputError);
  });

  it('maps keys to absolute paths when rooted at /', async () => {
    const slashRoot = new LocalObjectStore('/');
    const key = `${join(root, 'via-root.txt').slice(1)}`;
    await slashRoot.put(key, 'rooted');
    expect(await readFile(join(root, 'via-root.txt'), 'utf8')).toBe('rooted');
    expect(await keys(slashRoot, `${root.slice(1)}/`)).toEqual([key]);
    expect(`${slashRoot.location}/${key}`).toBe(join(root, 'via-root.txt'));
  });
});
