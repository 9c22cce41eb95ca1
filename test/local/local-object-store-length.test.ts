import { appendFile, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncompleteObjectError } from '@vigil/core';
import { LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

describe('LocalObjectStore.stream reads the file as it was when opened', () => {
  let root: string;
  let store: LocalObjectStore;
  const big = 'x'.repeat(3 << 20);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'vigil-store-length-'));
    store = new LocalObjectStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('throws IncompleteObjectError when the file is cut shorter during the read', async () => {
    await writeFile(join(root, 'a.jsonl'), big);
    let read = 0;
    const error = await (async () => {
      for await (const chunk of store.stream('a.jsonl')) {
        if (read === 0) await truncate(join(root, 'a.jsonl'), 1 << 20);
        read += chunk.length;
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteObjectError);
    expect(error).toMatchObject({ key: 'a.jsonl', expectedBytes: big.length });
  });

  it('reads the bytes present at open when the file grows during the read', async () => {
    await writeFile(join(root, 'b.jsonl'), big);
    let read = 0;
    for await (const chunk of store.stream('b.jsonl')) {
      if (read === 0) await appendFile(join(root, 'b.jsonl'), 'more');
      read += chunk.length;
    }
    expect(read).toBe(big.length);
  });

  it('streams from a byte offset, and nothing from the end or past it', async () => {
    await writeFile(join(root, 'c.jsonl'), '0123456789');
    for (const start of [0, 3, 9, 10, 12]) {
      let text = '';
      for await (const chunk of store.stream('c.jsonl', start)) text += Buffer.from(chunk).toString('utf8');
      expect(text).toBe('0123456789'.slice(start));
    }
  });

  it('streams an empty file as no chunk', async () => {
    await writeFile(join(root, 'empty.jsonl'), '');
    const chunks: Uint8Array[] = [];
    for await (const chunk of store.stream('empty.jsonl')) chunks.push(chunk);
    expect(chunks).toEqual([]);
  });
});
