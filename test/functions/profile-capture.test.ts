import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { EventShapeError } from '@vigil/core';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

const fixtures = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
const objectCreated = JSON.parse(readFileSync(`${fixtures}events/s3-object-created.json`, 'utf8'));
const packtCapture = readFileSync(
  `${fixtures}sagemaker/capture-csv-packt/45-47-410-519762dc-1394-44c0-985a-957129a9c5e1.jsonl`,
);

/** Two buckets in memory behind the mocked S3 client. */
const buckets = new Map<string, Map<string, Uint8Array>>([
  ['vigil-test', new Map()],
  ['customer-capture', new Map()],
]);
const s3 = mockClient(S3Client);

function body(bytes: Uint8Array) {
  return {
    transformToByteArray: async () => bytes,
    transformToString: async () => new TextDecoder().decode(bytes),
    transformToWebStream: () => new Blob([bytes]).stream(),
  } as never;
}

function wireS3(): void {
  s3.reset();
  s3.on(ListObjectsV2Command).callsFake((input: { Bucket: string; Prefix?: string }) => ({
    IsTruncated: false,
    Contents: [...(buckets.get(input.Bucket)?.keys() ?? [])]
      .filter((k) => k.startsWith(input.Prefix ?? ''))
      .sort()
      .map((Key) => ({ Key, Size: 1 })),
  }));
  s3.on(GetObjectCommand).callsFake((input: { Bucket: string; Key: string }) => {
    const bytes = buckets.get(input.Bucket)?.get(input.Key);
    if (!bytes)
      throw new NoSuchKey({
        message: 'The specified key does not exist.',
        $metadata: { httpStatusCode: 404 },
      });
    return { Body: body(bytes) };
  });
  s3.on(PutObjectCommand).callsFake((input: { Bucket: string; Key: string; Body: string | Uint8Array }) => {
    const bytes = typeof input.Body === 'string' ? new TextEncoder().encode(input.Body) : input.Body;
    buckets.get(input.Bucket)?.set(input.Key, bytes);
    return {};
  });
}

const vigil = buckets.get('vigil-test') as Map<string, Uint8Array>;
const gets = () =>
  s3
    .commandCalls(GetObjectCommand)
    .map((c) => ({ Bucket: c.args[0].input.Bucket, Key: c.args[0].input.Key }));
const eventFor = (bucket: string, key: string) => ({
  ...objectCreated,
  detail: {
    ...objectCreated.detail,
    bucket: { name: bucket },
    object: { ...objectCreated.detail.object, key },
  },
});
const captureKey =
  'capture/boston/AllTraffic/2021/07/07/16/45-47-410-519762dc-1394-44c0-985a-957129a9c5e1.jsonl';

beforeAll(() => {
  process.env.VIGIL_BUCKET = 'vigil-test';
  vigil.set(
    'config/vigil.config.json',
    new TextEncoder().encode(
      JSON.stringify({
        version: 1,
        endpoints: [
          { name: 'boston', monitors: { dataQuality: { baseline: 'baselines/boston' } } },
          { name: 'external', capture: 's3://customer-capture/dc', monitors: {} },
        ],
      }),
    ),
  );
  vigil.set(captureKey, packtCapture);
  buckets.get('customer-capture')?.set('dc/external/AllTraffic/2021/07/07/16/a.jsonl', packtCapture);
});

beforeEach(wireS3);

const { handler } = await import('../../functions/src/profile-capture.ts');

describe('profile-capture handler', () => {
  it('profiles the created capture object into a profile and an extract derived from its key', async () => {
    const summary = await handler(eventFor('vigil-test', captureKey));
    expect(summary).toEqual({
      status: 'profiled',
      key: captureKey,
      endpoint: 'boston',
      profileKey: `profiles/${captureKey}.profile.json`,
      records: 1,
      rows: 1,
      skipped: 0,
    });
    const profile = JSON.parse(new TextDecoder().decode(vigil.get(`profiles/${captureKey}.profile.json`)));
    expect(profile.format).toBe('vigil-profile');
    expect(profile.itemCount).toBe(1);
    // Output column first (START): 1 prediction + 12 inputs.
    expect(profile.columns).toHaveLength(13);
    expect(profile.columns[0].moments.sum).toBe(30.413358688354492);
    expect(profile.source).toMatchObject({ key: captureKey, records: 1, rows: 1, skipped: [] });
    expect(vigil.has(`extracts/${captureKey}.extract.jsonl`)).toBe(true);
    expect(gets()).toContainEqual({ Bucket: 'vigil-test', Key: captureKey });
  });

  it('overwrites the same keys when the event is retried', async () => {
    await handler(eventFor('vigil-test', captureKey));
    const before = vigil.size;
    const first = vigil.get(`profiles/${captureKey}.profile.json`);
    await handler(eventFor('vigil-test', captureKey));
    expect(vigil.size).toBe(before);
    expect(vigil.get(`profiles/${captureKey}.profile.json`)).toEqual(first);
  });

  it("reads capture from another bucket and writes the profile to Vigil's bucket", async () => {
    const key = 'dc/external/AllTraffic/2021/07/07/16/a.jsonl';
    const summary = await handler(eventFor('customer-capture', key));
    expect(summary.status).toBe('profiled');
    expect(vigil.has(`profiles/${key}.profile.json`)).toBe(true);
    expect(gets()).toContainEqual({ Bucket: 'customer-capture', Key: key });
  });

  it("ignores Vigil's own objects and keys outside configured capture", async () => {
    expect(await handler(eventFor('vigil-test', `profiles/${captureKey}.profile.json`))).toEqual({
      status: 'ignored',
      key: `profiles/${captureKey}.profile.json`,
    });
    expect(
      (await handler(eventFor('vigil-test', 'capture/unknown/AllTraffic/2021/07/07/16/x.jsonl'))).status,
    ).toBe('ignored');
    expect((await handler(objectCreated)).status).toBe('ignored');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('rejects events of another source or shape', async () => {
    await expect(handler({ ...objectCreated, source: 'aws.sagemaker' })).rejects.toBeInstanceOf(
      EventShapeError,
    );
    await expect(handler({ endpoint: 'boston' })).rejects.toBeInstanceOf(EventShapeError);
    await expect(handler({ ...objectCreated, detail: { bucket: {} } })).rejects.toBeInstanceOf(
      EventShapeError,
    );
  });
});
