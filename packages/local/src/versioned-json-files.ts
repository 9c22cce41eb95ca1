import { keySegment, type ObjectStore } from '@vigil/core';

const decoder = new TextDecoder();

/**
 * Numbered versions of named JSON documents in a store, one file each at
 * `{prefix}/{name}/{version, 6 digits}.json`: the layout of local model cards (per card name) and
 * of the local registry (per model package group). A new version is written with `putIfAbsent`, so
 * concurrent writers never share a number.
 *
 * @example
 * ```ts
 * const cards = new VersionedJsonFiles<StoredModelCard>(store, 'cards', 'model card');
 * cards.keyOf('churn-v3', 2); // 'cards/churn-v3/000002.json'
 * const latest = (await cards.versions('churn-v3')).at(-1);
 * ```
 */
export class VersionedJsonFiles<T> {
  readonly #store: ObjectStore;
  readonly #prefix: string;
  readonly #what: string;

  /** `what` names a document's owner in errors about a bad name (e.g. `model card`). */
  constructor(store: ObjectStore, prefix: string, what: string) {
    this.#store = store;
    this.#prefix = prefix;
    this.#what = what;
  }

  /** The key of one version's file. */
  keyOf(name: string, version: number): string {
    return `${this.#folderOf(name)}${String(version).padStart(6, '0')}.json`;
  }

  /** The version numbers `name` has, oldest first; none when it has no file. */
  async versions(name: string): Promise<number[]> {
    const versions: number[] = [];
    for await (const info of this.#store.list(this.#folderOf(name))) {
      const match = /\/(\d{6})\.json$/.exec(info.key);
      if (match) versions.push(Number(match[1]));
    }
    return versions.sort((a, b) => a - b);
  }

  /** One version's document; `ObjectNotFoundError` when it has no file. */
  async read(name: string, version: number): Promise<T> {
    return JSON.parse(decoder.decode(await this.#store.get(this.keyOf(name, version)))) as T;
  }

  /** Writes a version that does not exist yet; false (and nothing written) when another writer has it. */
  async create(name: string, version: number, document: T): Promise<boolean> {
    return this.#store.putIfAbsent(this.keyOf(name, version), documentText(document), 'application/json');
  }

  /** Rewrites an existing version. */
  async replace(name: string, version: number, document: T): Promise<void> {
    await this.#store.put(this.keyOf(name, version), documentText(document), 'application/json');
  }

  #folderOf(name: string): string {
    return `${this.#prefix}/${keySegment(name, this.#what)}/`;
  }
}

function documentText(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
