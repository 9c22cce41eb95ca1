import { IncompleteObjectError, silentLog } from '@vigil/core';
import { profileCaptureObject } from '@vigil/core/dataquality';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const key = 'capture/ep/AllTraffic/2024/05/01/12/a.jsonl';

function captureFile(records: number): string {
  let text = '';
  for (let i = 0; i < records; i++) {
    text += `${JSON.stringify({
      captureData: {
        endpointInput: {
          observedContentType: 'text/csv',
          mode: 'INPUT',
          data: `${i},${i % 7}`,
          encoding: 'CSV',
        },
      },
      eventMetadata: { eventId: `e-${i}`, inferenceTime: '2024-05-01T12:00:00Z' },
      eventVersion: '0',
    })}\n`;
  }
  return text;
}

/** A store whose body stream stops after `limit` bytes, as a connection cut mid-read does. */
class CutStore extends MemoryStore {
  constructor(private readonly limit: number) {
    super('memory://cut', { chunking: 4096 });
  }
  override async *stream(name: string): AsyncIterable<Uint8Array> {
    let sent = 0;
    for await (const chunk of super.stream(name)) {
      if (sent + chunk.length > this.limit) {
        yield chunk.subarray(0, this.limit - sent);
        return;
      }
      sent += chunk.length;
      yield chunk;
    }
  }
}

describe('profileCaptureObject with the announced object size', () => {
  const text = captureFile(10_000);
  const bytes = new TextEncoder().encode(text);

  it('fails and writes nothing when the body ends early (620 of 10,000 records read)', async () => {
    const cutAt = text.split('\n').slice(0, 620).join('\n').length + 1;
    const store = new CutStore(cutAt);
    store.objects.set(key, bytes);
    const run = profileCaptureObject({ store, log: silentLog }, { key, expectedBytes: bytes.length });
    await expect(run).rejects.toBeInstanceOf(IncompleteObjectError);
    await expect(run).rejects.toMatchObject({ expectedBytes: bytes.length, readBytes: cutAt });
    expect([...store.objects.keys()]).toEqual([key]);
  });

  it('profiles every record when the whole body is read', async () => {
    const store = new MemoryStore('memory://whole', { chunking: 4096 });
    store.objects.set(key, bytes);
    const result = await profileCaptureObject(
      { store, log: silentLog },
      { key, expectedBytes: bytes.length },
    );
    expect(result).toMatchObject({ records: 10_000, rows: 10_000, skipped: [] });
  });
});
