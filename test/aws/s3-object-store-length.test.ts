import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '@vigil/aws';
import { IncompleteObjectError } from '@vigil/core';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

const s3 = mockClient(S3Client);
const store = new S3ObjectStore({ bucket: 'b', client: new S3Client({ region: 'us-east-1' }) });

/** A Node body as the SDK hands it over (a Readable); the store only iterates it. */
function body(parts: string[]) {
  return Readable.from(parts.map((p) => Buffer.from(p))) as never;
}

async function readAll(key: string): Promise<string> {
  let text = '';
  for await (const chunk of store.stream(key)) text += Buffer.from(chunk).toString('utf8');
  return text;
}

describe('S3ObjectStore.stream checks the body against ContentLength', () => {
  beforeEach(() => s3.reset());

  it('yields the whole body when it is as long as ContentLength', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body(['{"a":1}\n', '{"a":2}\n']), ContentLength: 16 });
    expect(await readAll('k')).toBe('{"a":1}\n{"a":2}\n');
  });

  it('throws IncompleteObjectError when the body ends before ContentLength', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body(['{"a":1}\n']), ContentLength: 16 });
    const error = await readAll('capture/x.jsonl').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteObjectError);
    expect(error).toMatchObject({ key: 'capture/x.jsonl', expectedBytes: 16, readBytes: 8 });
    expect((error as Error).message).toMatch(/Read 8 of the 16 bytes of "capture\/x.jsonl".*retry/);
  });

  it('reads a body without ContentLength as it comes', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body(['x\n']) });
    expect(await readAll('k')).toBe('x\n');
  });
});
