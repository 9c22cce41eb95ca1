import { type ObjectInfo, ObjectNotFoundError, type ObjectStore } from '@vigil/core';

/** An in-memory ObjectStore for tests: keys in lexicographic order, streams in small chunks. */
export class MemoryStore implements ObjectStore {
  readonly location = 'memory://test';
  readonly objects = new Map<string, Uint8Array>();

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    for (const key of [...this.objects.keys()].sort()) {
      if (key.startsWith(prefix)) yield { key, size: this.objects.get(key)!.length };
    }
  }

  async get(key: string): Promise<Uint8Array> {
    const body = this.objects.get(key);
    if (!body) throw new ObjectNotFoundError(key);
    return body;
  }

  async *stream(key: string): AsyncIterable<Uint8Array> {
    const body = await this.get(key);
    for (let i = 0; i < body.length; i += 37) yield body.subarray(i, i + 37);
  }

  async put(key: string, body: string | Uint8Array): Promise<void> {
    this.objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }

  async putIfAbsent(key: string, body: string | Uint8Array): Promise<boolean> {
    if (this.objects.has(key)) return false;
    await this.put(key, body);
    return true;
  }
}
