import type { GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { ObjectNotFoundError, PreconditionFailedError } from '@vigil/core';
import { lengthChecked, type ObjectInfo, type ObjectStore, type VersionedObject } from '@vigil/core/ports';
import { backoff } from './backoff.ts';
import { awsClientConfig } from './client-config.ts';
import { s3Sdk } from './lazy-sdk.ts';

/** Attempts in all of a conditional write S3 answers with 409 ConditionalRequestConflict. */
const CONFLICT_ATTEMPTS = 5;

/** Options of {@link S3ObjectStore}. */
export interface S3ObjectStoreOptions {
  bucket: string;
  /** A configured client; defaults to one for the ambient region and credentials. */
  client?: S3Client;
}

/**
 * The ObjectStore port over one S3 bucket. Keys are S3 keys; `putIfAbsent` is a conditional
 * PutObject (`If-None-Match: *`), so the append-only audit log cannot overwrite an entry;
 * `putIfMatch` is PutObject with `If-Match: <ETag>`, whose 412 PreconditionFailed (or 409
 * ConditionalRequestConflict, a concurrent conditional write) becomes `PreconditionFailedError`.
 *
 * @example
 * ```ts
 * const store = new S3ObjectStore({ bucket: 'vigil-prod-bucket' });
 * const bytes = await store.get('reports/ep/data-quality/2024/05/01/13/constraint_violations.json');
 * ```
 */
export class S3ObjectStore implements ObjectStore {
  readonly bucket: string;
  readonly location: string;
  private client: S3Client | undefined;

  constructor(options: S3ObjectStoreOptions) {
    this.bucket = options.bucket;
    this.location = `s3://${options.bucket}`;
    this.client = options.client;
  }

  /** The SDK module and the client, both made on first use. */
  private async sdk() {
    const sdk = await s3Sdk();
    this.client ??= new sdk.S3Client(awsClientConfig());
    return { sdk, client: this.client };
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const { sdk, client } = await this.sdk();
    let token: string | undefined;
    do {
      const page = await client.send(
        new sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield { key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async get(key: string): Promise<Uint8Array> {
    const { body } = await this.open(key);
    return body.transformToByteArray();
  }

  /**
   * The object's body as chunks. A body that ends before GetObject's ContentLength throws
   * `IncompleteObjectError` after the last chunk, so a cut connection is never read as a whole,
   * shorter object.
   */
  async *stream(key: string, start = 0): AsyncIterable<Uint8Array> {
    const { body, contentLength } = await this.open(key, start);
    const chunks = chunksOf(body);
    yield* contentLength === undefined ? chunks : lengthChecked(chunks, contentLength, key);
  }

  async put(key: string, body: string | Uint8Array, contentType?: string): Promise<void> {
    await this.putObject(key, body, contentType);
  }

  async putIfAbsent(key: string, body: string | Uint8Array, contentType?: string): Promise<boolean> {
    // S3 answers 409 ConditionalRequestConflict while another conditional write of the key is in
    // flight and asks the caller to retry; 412 PreconditionFailed means the key exists.
    // The SDK does not retry a 409, so the conflict is resent here, a few times with backoff.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.putObject(key, body, contentType, { IfNoneMatch: '*' });
        return true;
      } catch (error) {
        if (isPreconditionFailed(error)) return false;
        if (attempt >= CONFLICT_ATTEMPTS || !isConditionalConflict(error)) throw error;
        await backoff(attempt);
      }
    }
  }

  async getVersioned(key: string): Promise<VersionedObject> {
    const response = await this.request(key);
    if (!response.ETag) {
      throw new ObjectNotFoundError(key, {
        cause: new Error(
          `${this.location} answered GetObject without an ETag: it cannot do conditional writes`,
        ),
      });
    }
    return { body: await response.Body.transformToByteArray(), etag: response.ETag };
  }

  async putIfMatch(
    key: string,
    body: string | Uint8Array,
    etag: string,
    contentType?: string,
  ): Promise<void> {
    try {
      await this.putObject(key, body, contentType, { IfMatch: etag });
    } catch (error) {
      // 412: the ETag moved on; 409: another conditional write of the key is in flight (the caller
      // re-reads either way); 404: the object is gone, so it cannot match.
      if (isPreconditionFailed(error) || isConditionalConflict(error) || isNotFound(error)) {
        throw new PreconditionFailedError(key, { cause: error });
      }
      throw error;
    }
  }

  /** PutObject of `body` at `key`, with the precondition of a conditional write when given. */
  private async putObject(
    key: string,
    body: string | Uint8Array,
    contentType: string | undefined,
    condition: { IfNoneMatch?: string; IfMatch?: string } = {},
  ): Promise<void> {
    const { sdk, client } = await this.sdk();
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ...condition,
      }),
    );
  }

  private async open(key: string, start = 0) {
    const response = await this.request(key, start);
    return { body: response.Body, contentLength: response.ContentLength };
  }

  private async request(key: string, start = 0) {
    try {
      // An open-ended range from a byte past the start (partitions of large files read this way).
      const range = start > 0 ? { Range: `bytes=${start}-` } : {};
      const { sdk, client } = await this.sdk();
      const response = await client.send(
        new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key, ...range }),
      );
      if (!response.Body) throw new ObjectNotFoundError(key);
      return { ...response, Body: response.Body };
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key, { cause: error });
      throw error;
    }
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function nameOf(error: unknown): string | undefined {
  return (error as { name?: string })?.name;
}

function isNotFound(error: unknown): boolean {
  // A missing bucket is also a 404, but it is a deployment problem, not a missing object.
  if (nameOf(error) === 'NoSuchBucket') return false;
  return nameOf(error) === 'NoSuchKey' || statusOf(error) === 404;
}

function isPreconditionFailed(error: unknown): boolean {
  return nameOf(error) === 'PreconditionFailed' || statusOf(error) === 412;
}

function isConditionalConflict(error: unknown): boolean {
  return nameOf(error) === 'ConditionalRequestConflict' || statusOf(error) === 409;
}

type ObjectBody = NonNullable<GetObjectCommandOutput['Body']>;

/** The chunks of a GetObject body: in Node a Readable (async iterable), elsewhere a web ReadableStream. */
async function* chunksOf(body: ObjectBody): AsyncIterable<Uint8Array> {
  if (Symbol.asyncIterator in body) {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array | string>) {
      yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    }
    return;
  }
  const reader = body.transformToWebStream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value as Uint8Array;
    }
  } finally {
    reader.releaseLock();
  }
}
