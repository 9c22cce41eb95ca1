import { IncompleteObjectError } from '../errors/vigil-error.ts';

/** What a listing says about one stored object. */
export interface ObjectInfo {
  key: string;
  size: number;
  lastModified?: Date;
}

/** An object with the version tag a compare-and-swap write names (S3's ETag). */
export interface VersionedObject {
  body: Uint8Array;
  /** Opaque; changes whenever the content changes. */
  etag: string;
}

/** A key (an object, or a prefix of objects) in a store: where a run reads or writes. */
export interface StoreLocation {
  store: ObjectStore;
  key: string;
}

/**
 * A bucket-like key/value store: S3 in AWS, a folder in local mode. Keys use `/` separators
 * and never start with `/`.
 *
 * @example
 * ```ts
 * for await (const info of store.list('capture/my-endpoint/AllTraffic/2024/05/01/')) {
 *   const bytes = await store.get(info.key);
 * }
 * ```
 */
export interface ObjectStore {
  /** A human-readable location for messages and report links, e.g. `s3://bucket` or `/home/me/.vigil`. */
  readonly location: string;
  /** Every object whose key starts with `prefix`, in lexicographic key order. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** The whole object; throws `ObjectNotFoundError` when absent. */
  get(key: string): Promise<Uint8Array>;
  /**
   * The object as chunks, for files too large to hold at once, from byte `start` (default 0, at
   * most the object's size) to its end; throws `ObjectNotFoundError`.
   */
  stream(key: string, start?: number): AsyncIterable<Uint8Array>;
  /** Writes (or overwrites) an object. */
  put(key: string, body: string | Uint8Array, contentType?: string): Promise<void>;
  /** Writes only if no object has the key yet; returns false when one existed. Used for append-only logs. */
  putIfAbsent(key: string, body: string | Uint8Array, contentType?: string): Promise<boolean>;
  /** The object and its version tag, for a later `putIfMatch`; throws `ObjectNotFoundError` when absent. */
  getVersioned(key: string): Promise<VersionedObject>;
  /**
   * Compare-and-swap (S3 `If-Match`): replaces the object only if its version tag is still `etag`,
   * atomically with respect to other conditional writers. Throws `PreconditionFailedError` when
   * the object changed or is gone; nothing is written then.
   */
  putIfMatch(key: string, body: string | Uint8Array, etag: string, contentType?: string): Promise<void>;
}

/**
 * The chunks of `chunks`, unchanged, throwing `IncompleteObjectError` at the end when their total
 * length is not `expectedBytes`: a body stream that ends early looks like a complete, shorter
 * object, and only its length tells them apart.
 *
 * @example
 * ```ts
 * for await (const chunk of lengthChecked(store.stream(key), event.size, key)) consume(chunk);
 * ```
 */
export async function* lengthChecked(
  chunks: AsyncIterable<Uint8Array>,
  expectedBytes: number,
  key: string,
): AsyncIterable<Uint8Array> {
  let read = 0;
  for await (const chunk of chunks) {
    read += chunk.byteLength;
    yield chunk;
  }
  if (read !== expectedBytes) throw new IncompleteObjectError(key, expectedBytes, read);
}
