import { ObjectNotFoundError } from '../../../packages/core/src/errors/vigil-error.ts';
import type { ObjectInfo, ObjectStore } from '../../../packages/core/src/ports/object-store.ts';

/** An ObjectStore in memory, for job tests. */
export class MemoryStore implements ObjectStore {
  readonly location = 'mem://test';
  readonly objects = new Map<string, Uint8Array>();

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
    for (const key of keys) yield { key, size: this.objects.get(key)!.length };
  }

  async get(key: string): Promise<Uint8Array> {
    const value = this.objects.get(key);
    if (!value) throw new ObjectNotFoundError(key);
    return value;
  }

  async *stream(key: string): AsyncIterable<Uint8Array> {
    const value = await this.get(key);
    // Two chunks, so that line splitting across chunks is exercised.
    const mid = Math.floor(value.length / 2);
    yield value.slice(0, mid);
    yield value.slice(mid);
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

/** One SageMaker data-capture line for a CSV request and response. */
export function captureLine(features: readonly number[], output: number, id: string, time: string): string {
  return JSON.stringify({
    captureData: {
      endpointInput: {
        observedContentType: 'text/csv',
        mode: 'INPUT',
        data: features.join(','),
        encoding: 'CSV',
      },
      endpointOutput: {
        observedContentType: 'text/csv',
        mode: 'OUTPUT',
        data: String(output),
        encoding: 'CSV',
      },
    },
    eventMetadata: { eventId: id, inferenceTime: time },
    eventVersion: '0',
  });
}
