import { type ObjectInfo, ObjectNotFoundError, type ObjectStore } from '@vigil/core';

/** An in-memory ObjectStore for tests, with the port's semantics (ordered listing, exclusive putIfAbsent). */
export class MemoryStore implements ObjectStore {
  readonly location = 'mem://vigil';
  readonly objects = new Map<string, Uint8Array>();

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    for (const key of [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort()) {
      yield { key, size: this.objects.get(key)?.length ?? 0 };
    }
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

  json<T>(key: string): T {
    const body = this.objects.get(key);
    if (!body) throw new Error(`no object ${key}`);
    return JSON.parse(new TextDecoder().decode(body)) as T;
  }

  keys(prefix = ''): string[] {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}
