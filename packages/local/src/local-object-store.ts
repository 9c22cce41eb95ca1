import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, ObjectNotFoundError, PreconditionFailedError, VigilError } from '@vigil/core';
import { lengthChecked, type ObjectInfo, type ObjectStore, type VersionedObject } from '@vigil/core/ports';

/** Temporary files of in-flight writes start with this; listings never show them. */
const TEMP_PREFIX = '.vigil-tmp-';
/** A compare-and-swap holds `<folder>/.vigil-tmp-lock-<name>` (created with O_EXCL) while it checks and writes. */
const LOCK_PREFIX = `${TEMP_PREFIX}lock-`;
/** A lock older than this was left by a writer that died mid-write: it is broken. */
const STALE_LOCK_MS = 30_000;
/** How long a compare-and-swap waits for another writer's lock before giving up. */
const LOCK_WAIT_MS = 10_000;

/**
 * The ObjectStore port over a local folder: key `a/b/c.json` is the file `<root>/a/b/c.json`.
 * Writes are atomic (temporary file + rename), so a reader never sees half an object, and
 * `putIfAbsent` is exclusive (hard link, which fails when the name exists), so two writers of an
 * append-only log cannot both win. `putIfMatch` is a compare-and-swap on the content's MD5 (S3's
 * ETag of a single PUT): it holds an O_EXCL lock file beside the object while it compares and
 * renames, so it is atomic across processes too.
 *
 * @example
 * ```ts
 * const store = new LocalObjectStore('/home/me/.vigil');
 * await store.put('reports/ep/data-quality/2024/05/01/13/statistics.json', text, 'application/json');
 * for await (const info of store.list('reports/ep/')) console.log(info.key, info.size);
 * ```
 */
export class LocalObjectStore implements ObjectStore {
  readonly root: string;
  /** The root folder, or `''` for `/`, so that `${location}/${key}` is always the file's path. */
  readonly location: string;

  constructor(root: string) {
    this.root = resolve(root);
    // Messages and report links are written `${location}/${key}`: for the filesystem root that
    // must give `/home/me/x`, not `//home/me/x`.
    this.location = this.root === '/' ? '' : this.root;
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const slash = prefix.lastIndexOf('/');
    const folderKey = slash < 0 ? '' : prefix.slice(0, slash + 1);
    if (folderKey) checkKey(folderKey.slice(0, -1));
    yield* this.walk(folderKey, prefix);
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      const buffer = await readFile(this.pathOf(key));
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      throw notFoundOr(error, key);
    }
  }

  async *stream(key: string, start = 0): AsyncIterable<Uint8Array> {
    // Open first so that a missing file fails with ObjectNotFoundError before the first chunk.
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.pathOf(key), 'r');
    } catch (error) {
      throw notFoundOr(error, key);
    }
    let size: number;
    try {
      ({ size } = await handle.stat());
    } catch (error) {
      await handle.close();
      throw error;
    }
    if (size <= start) {
      await handle.close();
      return;
    }
    // The object is the file as it was when opened: its first `size` bytes. A file cut shorter
    // while it is read throws IncompleteObjectError rather than passing for a shorter whole.
    // The stream owns the handle from here and closes it on end, error or an early break.
    const chunks = handle.createReadStream({ highWaterMark: 1 << 20, start, end: size - 1 });
    try {
      yield* lengthChecked(bytesOf(chunks as AsyncIterable<Buffer>), size - start, key);
    } finally {
      chunks.destroy();
    }
  }

  async put(key: string, body: string | Uint8Array, _contentType?: string): Promise<void> {
    const path = this.pathOf(key);
    const temp = await this.writeTemp(path, body);
    try {
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  async putIfAbsent(key: string, body: string | Uint8Array, _contentType?: string): Promise<boolean> {
    const path = this.pathOf(key);
    const temp = await this.writeTemp(path, body);
    try {
      await link(temp, path);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // Some filesystems (FAT, a few network mounts) have no hard links: fall back to O_EXCL.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS')
        return this.createExclusive(path, body);
      throw error;
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  async getVersioned(key: string): Promise<VersionedObject> {
    const body = await this.get(key);
    return { body, etag: etagOf(body) };
  }

  async putIfMatch(
    key: string,
    body: string | Uint8Array,
    etag: string,
    _contentType?: string,
  ): Promise<void> {
    const path = this.pathOf(key);
    const temp = await this.writeTemp(path, body);
    const release = await this.lock(path);
    try {
      let current: Buffer;
      try {
        current = await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PreconditionFailedError(key);
        throw error;
      }
      if (etagOf(current) !== etag) throw new PreconditionFailedError(key);
      await rename(temp, path);
    } finally {
      await release();
      await unlink(temp).catch(() => undefined);
    }
  }

  /** Takes the object's lock file; returns the function that releases it. */
  private async lock(path: string): Promise<() => Promise<void>> {
    const lockPath = join(dirname(path), `${LOCK_PREFIX}${basename(path)}`);
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      try {
        await writeFile(lockPath, String(process.pid), { flag: 'wx' });
        return () => unlink(lockPath).catch(() => undefined);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const held = await stat(lockPath).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) {
        throw new VigilError(
          `${path} stayed locked by another writer for ${LOCK_WAIT_MS / 1000} s (lock file ${lockPath}): ` +
            'retry; if no Vigil process is running, delete the lock file.',
          { code: 'OBJECT_LOCKED' },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async createExclusive(path: string, body: string | Uint8Array): Promise<boolean> {
    try {
      await writeFile(path, body, { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  private async writeTemp(path: string, body: string | Uint8Array): Promise<string> {
    await mkdir(dirname(path), { recursive: true });
    const temp = join(dirname(path), `${TEMP_PREFIX}${randomUUID()}`);
    await writeFile(temp, body, { flag: 'wx' });
    return temp;
  }

  /**
   * Yields the files under `folderKey` whose key starts with `prefix`, in lexicographic key order.
   * Sorting each folder's entries by `name` for files and `name/` for folders gives the global
   * key order without holding the whole listing in memory.
   */
  private async *walk(folderKey: string, prefix: string): AsyncIterable<ObjectInfo> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(folderKey ? join(this.root, folderKey) : this.root, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      throw error;
    }
    const children: { key: string; folder: boolean }[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith(TEMP_PREFIX)) continue;
      const key = folderKey + entry.name;
      let folder = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        const target = await stat(join(this.root, key)).catch(() => undefined);
        if (!target) continue;
        folder = target.isDirectory();
      } else if (!folder && !entry.isFile()) {
        continue;
      }
      const sortKey = folder ? `${key}/` : key;
      const relevant = sortKey.startsWith(prefix) || (folder && prefix.startsWith(sortKey));
      if (relevant) children.push({ key: sortKey, folder });
    }
    children.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const child of children) {
      if (child.folder) {
        yield* this.walk(child.key, prefix);
        continue;
      }
      const info = await stat(join(this.root, child.key)).catch(() => undefined);
      if (info) yield { key: child.key, size: info.size, lastModified: info.mtime };
    }
  }

  private pathOf(key: string): string {
    checkKey(key);
    return join(this.root, key);
  }
}

/** S3's ETag of a single PUT: the content's MD5, quoted. */
function etagOf(body: Uint8Array): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

function checkKey(key: string): void {
  const parts = key.split('/');
  if (key.length === 0 || key.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new InputError(
      `"${key}" is not a valid object key: use "/"-separated names without empty, "." or ".." parts`,
    );
  }
}

function notFoundOr(error: unknown, key: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR')
    return new ObjectNotFoundError(key, { cause: error });
  return error;
}

/** Node Buffers as plain Uint8Array views of the same memory. */
async function* bytesOf(chunks: AsyncIterable<Buffer>): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
