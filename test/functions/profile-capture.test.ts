import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { EventShapeError, IncompleteObjectError } from '@vigil/core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockBucket } from './bucket-mock.ts';

const fixtures = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url));
const objectCreated = JSON.parse(readFileSync(`${fixtures}events/s3-object-created.json`, 'utf8'));
const packtCapture = readFileSync(
  `${fixtures}sagemaker/capture-csv-packt/45-47-410-519762dc-1394-44c0-985a-957129a9c5e1.jsonl`,
);

/** Two buckets in memory behind the mocked S3 client: Vigil's and a customer's capture bucket. */
const bucket = mockBucket('vigil-test');
const vigil = bucket.objects;
const customerCapture = bucket.other('customer-capture');
const gets = () =>
  bucket.s3
    .commandCalls(GetObjectCommand)
    .map((c) => ({ Bucket: c.args[0].input.Bucket, Key: c.args[0].input.Key }));
/** The event S3 sends for `key`, with the size of the object as written (PACKT's capture file). */
const eventFor = (bucket: string, key: string, size = packtCapture.length) => ({
  ...objectCreated,
  detail: {
    ...objectCreated.detail,
    bucket: { name: bucket },
    object: { ...objectCreated.detail.object, key, size },
  },
});
const captureKey =
  'capture/boston/AllTraffic/2021/07/07/16/45-47-410-519762dc-1394-44c0-985a-957129a9c5e1.jsonl';

beforeAll(() => {
  process.env.VIGIL_BUCKET = 'vigil-test';
  bucket.put(
    'config/vigil.config.json',
    JSON.stringify({
      version: 1,
      endpoints: [
        { name: 'boston', monitors: { dataQuality: { baseline: 'baselines/boston' } } },
        { name: 'external', capture: 's3://customer-capture/dc', monitors: {} },
      ],
    }),
  );
  vigil.set(captureKey, packtCapture);
  customerCapture.set('dc/external/AllTraffic/2021/07/07/16/a.jsonl', packtCapture);
});

beforeEach(bucket.wire);

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
    const profile = JSON.parse(bucket.text(`profiles/${captureKey}.profile.json`));
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
    expect(bucket.s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('fails without writing when the body read is shorter than the object the event announced', async () => {
    // A body cut short (10,000 records announced, a fraction read) must not be profiled as the whole file.
    const key = 'capture/boston/AllTraffic/2021/07/07/16/cut.jsonl';
    vigil.set(key, packtCapture.subarray(0, 200));
    const error = await handler(eventFor('vigil-test', key, packtCapture.length)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteObjectError);
    expect(error).toMatchObject({ key, expectedBytes: 431, readBytes: 200 });
    expect(vigil.has(`profiles/${key}.profile.json`)).toBe(false);
    expect(vigil.has(`extracts/${key}.extract.jsonl`)).toBe(false);
    expect(bucket.s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('profiles an object whose event carries no size', async () => {
    const event = eventFor('vigil-test', captureKey);
    const { size: _size, ...object } = event.detail.object;
    const summary = await handler({ ...event, detail: { ...event.detail, object } });
    expect(summary).toMatchObject({ status: 'profiled', records: 1 });
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
