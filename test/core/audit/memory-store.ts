import { type ObjectInfo, ObjectNotFoundError, type ObjectStore } from '@vigil/core';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An ObjectStore in memory, for tests: same contract as S3 and the local folder. */
export class MemoryStore implements ObjectStore {
  readonly location: string;
  readonly objects = new Map<string, Uint8Array>();

  constructor(location = 'memory://vigil') {
    this.location = location;
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
    for (const key of keys) yield { key, size: this.objects.get(key)!.length };
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
    this.objects.set(key, typeof body === 'string' ? encoder.encode(body) : body);
  }

  async putIfAbsent(key: string, body: string | Uint8Array): Promise<boolean> {
    if (this.objects.has(key)) return false;
    await this.put(key, body);
    return true;
  }

  text(key: string): string {
    return decoder.decode(this.objects.get(key));
  }

  json<T = Record<string, unknown>>(key: string): T {
    return JSON.parse(this.text(key)) as T;
  }

  keys(prefix = ''): string[] {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}
