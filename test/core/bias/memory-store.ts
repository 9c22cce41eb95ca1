import { type ObjectInfo, ObjectNotFoundError, type ObjectStore } from '@vigil/core';

/** An in-memory ObjectStore for tests: keys in lexicographic order, as S3 lists them. */
export class MemoryStore implements ObjectStore {
  readonly location = 'mem://bucket';
  readonly objects = new Map<string, Uint8Array>();

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    for (const key of [...this.objects.keys()].sort())
      if (key.startsWith(prefix)) yield { key, size: this.objects.get(key)!.length };
  }

  async get(key: string): Promise<Uint8Array> {
    const body = this.objects.get(key);
    if (!body) throw new ObjectNotFoundError(key);
    return body;
  }

  async *stream(key: string): AsyncIterable<Uint8Array> {
    yield await this.get(key);
  }

  async put(key: string, body: string | Uint8Array): Promise<void> {
    this.objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }

  async putIfAbsent(key: string, body: string | Uint8Array): Promise<boolean> {
    if (this.objects.has(key)) return false;
    await this.put(key, body);
    return true;
  }

  text(key: string): string {
    return new TextDecoder().decode(this.objects.get(key));
  }
}
