import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '@vigil/aws';
import { ConfigError } from '@vigil/core';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRuntime, loadRuntime, parseS3Uri, resetRuntime } from '../../functions/src/shared/runtime.ts';

const s3 = mockClient(S3Client);

/** The part of GetObject's streaming body that S3ObjectStore.get reads. */
const body = (text: string) =>
  ({ transformToByteArray: async () => new TextEncoder().encode(text) }) as unknown as never;

const configText = JSON.stringify({
  version: 1,
  metricsNamespacePrefix: 'vigil-test',
  endpoints: [{ name: 'churn-prod', monitors: { dataQuality: { baseline: 'baselines/churn/' } } }],
});

describe('functions runtime', () => {
  const saved = { ...process.env };

  beforeEach(() => {
    s3.reset();
    resetRuntime();
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it("loads and validates the configuration from VIGIL_CONFIG_KEY in Vigil's bucket", async () => {
    s3.on(GetObjectCommand, { Bucket: 'vigil-bucket', Key: 'custom/config.json' }).resolves({
      Body: body(configText),
    });
    const runtime = await createRuntime({
      VIGIL_BUCKET: 'vigil-bucket',
      VIGIL_CONFIG_KEY: 'custom/config.json',
    });
    expect(runtime.bucket).toBe('vigil-bucket');
    expect(runtime.config.metricsNamespacePrefix).toBe('vigil-test');
    expect(runtime.config.endpoints[0]?.name).toBe('churn-prod');
    // Defaults filled in by the schema.
    expect(runtime.config.endpoints[0]?.capture).toBe('capture');
    expect(runtime.store.location).toBe('s3://vigil-bucket');
  });

  it('reads config/vigil.config.json by default, once per cold start, and retries a failed load', async () => {
    process.env.VIGIL_BUCKET = 'vigil-bucket';
    delete process.env.VIGIL_CONFIG_KEY;
    s3.on(GetObjectCommand)
      .rejectsOnce(new NoSuchKey({ message: 'missing', $metadata: { httpStatusCode: 404 } }))
      .callsFake(() => ({ Body: body(configText) }));
    await expect(loadRuntime()).rejects.toBeInstanceOf(ConfigError);
    const first = await loadRuntime();
    const second = await loadRuntime();
    expect(second).toBe(first);
    const keys = s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key);
    expect(keys).toEqual(['config/vigil.config.json', 'config/vigil.config.json']);
  });

  it('says how to fix a missing bucket variable, a missing configuration and an invalid one', async () => {
    await expect(createRuntime({})).rejects.toThrow(/VIGIL_BUCKET is not set/);
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'missing', $metadata: { httpStatusCode: 404 } }),
    );
    await expect(createRuntime({ VIGIL_BUCKET: 'b' })).rejects.toThrow(
      'No configuration at s3://b/config/vigil.config.json: deploy again',
    );
    s3.on(GetObjectCommand).resolves({
      Body: body(JSON.stringify({ version: 1, endpoints: [{ name: 'bad name' }] })),
    });
    const error = await createRuntime({ VIGIL_BUCKET: 'b' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).path).toBe('endpoints[0].name');
    expect((error as ConfigError).message).toContain('s3://b/config/vigil.config.json');
  });

  it('gives the store and key of a location: s3:// URIs in their bucket, other locations in Vigil’s', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body(configText) });
    const runtime = await createRuntime({ VIGIL_BUCKET: 'vigil-bucket' });
    const elsewhere = runtime.storeFor('s3://labels/churn/2024/');
    expect(elsewhere.store).toBeInstanceOf(S3ObjectStore);
    expect(elsewhere.store.location).toBe('s3://labels');
    expect(elsewhere.key).toBe('churn/2024/');
    expect(runtime.storeFor('s3://labels/other/').store).toBe(elsewhere.store);
    const inside = runtime.storeFor('capture');
    expect(inside).toEqual({ store: runtime.store, key: 'capture' });
    expect(parseS3Uri('s3://bucket-only')).toEqual({ bucket: 'bucket-only', key: '' });
    expect(parseS3Uri('capture/ep')).toBeUndefined();
  });
});
