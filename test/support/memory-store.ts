import { createHash } from 'node:crypto';
import {
  type ObjectInfo,
  ObjectNotFoundError,
  type ObjectStore,
  PreconditionFailedError,
  type VersionedObject,
} from '@vigil/core';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * How `stream` cuts an object into chunks: `'whole'` yields it in one chunk, `'halves'` in two (so that
 * line splitting across chunks is exercised), a number in chunks of at most that many bytes.
 */
export type StreamChunking = 'whole' | 'halves' | number;

export interface MemoryStoreOptions {
  /** How `stream` chunks objects; `'whole'` unless told. */
  chunking?: StreamChunking;
}

/**
 * An ObjectStore in memory, for tests, with the port's contract (same as S3 and the local folder): keys
 * listed in lexicographic order, `get`/`stream` throw `ObjectNotFoundError`, exclusive `putIfAbsent`, and
 * compare-and-swap `putIfMatch` on an ETag that is the MD5 of the content (as S3's for a single PUT).
 * `objects` is public so tests can read, edit or delete entries directly (e.g. to tamper with an audit log).
 */
export class MemoryStore implements ObjectStore {
  readonly location: string;
  readonly objects = new Map<string, Uint8Array>();
  readonly chunking: StreamChunking;

  constructor(location = 'memory://vigil', options: MemoryStoreOptions = {}) {
    this.location = location;
    this.chunking = options.chunking ?? 'whole';
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    for (const key of this.keys(prefix)) yield { key, size: this.objects.get(key)?.length ?? 0 };
  }

  async get(key: string): Promise<Uint8Array> {
    const body = this.objects.get(key);
    if (!body) throw new ObjectNotFoundError(key);
    return body;
  }

  async *stream(key: string, start = 0): AsyncIterable<Uint8Array> {
    const body = (await this.get(key)).subarray(start);
    if (this.chunking === 'whole') {
      yield body;
    } else if (this.chunking === 'halves') {
      const mid = Math.floor(body.length / 2);
      yield body.slice(0, mid);
      yield body.slice(mid);
    } else {
      for (let i = 0; i < body.length; i += this.chunking) yield body.subarray(i, i + this.chunking);
    }
  }

  async put(key: string, body: string | Uint8Array): Promise<void> {
    this.objects.set(key, typeof body === 'string' ? encoder.encode(body) : body);
  }

  async putIfAbsent(key: string, body: string | Uint8Array): Promise<boolean> {
    if (this.objects.has(key)) return false;
    this.objects.set(key, typeof body === 'string' ? encoder.encode(body) : body);
    return true;
  }

  async getVersioned(key: string): Promise<VersionedObject> {
    const body = await this.get(key);
    return { body, etag: etagOf(body) };
  }

  async putIfMatch(key: string, body: string | Uint8Array, etag: string): Promise<void> {
    // No await between the check and the write: in one process this is atomic.
    const current = this.objects.get(key);
    if (!current || etagOf(current) !== etag) throw new PreconditionFailedError(key);
    this.objects.set(key, typeof body === 'string' ? encoder.encode(body) : body);
  }

  /** The object decoded as UTF-8; empty when absent. */
  text(key: string): string {
    return decoder.decode(this.objects.get(key));
  }

  /** The object parsed as JSON; throws when absent. */
  json<T = Record<string, unknown>>(key: string): T {
    if (!this.objects.has(key)) throw new Error(`no object ${key}`);
    return JSON.parse(this.text(key)) as T;
  }

  /** Every key starting with `prefix`, in lexicographic order. */
  keys(prefix = ''): string[] {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}

function etagOf(body: Uint8Array): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}
