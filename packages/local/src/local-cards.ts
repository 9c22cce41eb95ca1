import {
  type Clock,
  keySegment,
  type ModelCardStatus,
  type ModelCardStore,
  type ModelCardVersionSummary,
  type ObjectStore,
  type StoredModelCard,
  systemClock,
  VigilError,
} from '@vigil/core';

const decoder = new TextDecoder();

/** A card operation SageMaker would refuse (card exists, is archived, does not exist). */
export class LocalCardError extends VigilError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, code: 'CARD_REFUSED' });
  }
}

/**
 * The ModelCardStore port in local mode: every card version is a JSON file at
 * `{prefix}/{name}/{version, 6 digits}.json`. Content updates write a new version (with
 * `putIfAbsent`, so concurrent writers never share a number); status changes rewrite the latest
 * version, as SageMaker does not version status-only changes. Archived cards refuse content
 * changes, as SageMaker does.
 *
 * @example
 * ```ts
 * const cards = new LocalModelCardStore(new LocalObjectStore('.vigil'));
 * const card = await cards.create('churn-v3', content, 'Draft');
 * ```
 */
export class LocalModelCardStore implements ModelCardStore {
  private readonly store: ObjectStore;
  private readonly clock: Clock;
  private readonly prefix: string;

  constructor(store: ObjectStore, options: { clock?: Clock; prefix?: string } = {}) {
    this.store = store;
    this.clock = options.clock ?? systemClock;
    this.prefix = options.prefix ?? 'cards';
  }

  async get(name: string, version?: number): Promise<StoredModelCard | undefined> {
    const versions = await this.versions(name);
    const wanted = version ?? versions.at(-1);
    if (wanted === undefined || !versions.includes(wanted)) return undefined;
    return this.read(name, wanted);
  }

  async create(
    name: string,
    content: Record<string, unknown>,
    status: ModelCardStatus,
  ): Promise<StoredModelCard> {
    const now = this.clock.now().toISOString();
    const card: StoredModelCard = { name, version: 1, status, content, createdAt: now, lastModifiedAt: now };
    if (!(await this.store.putIfAbsent(this.keyOf(name, 1), serialize(card), 'application/json'))) {
      throw new LocalCardError(`Model card "${name}" already exists: update it instead of creating it`);
    }
    return card;
  }

  async updateContent(name: string, content: Record<string, unknown>): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const latest = await this.latestOrThrow(name);
      if (latest.status === 'Archived') {
        throw new LocalCardError(`Model card "${name}" is Archived: its content can no longer change`);
      }
      const version = latest.version + 1;
      const card: StoredModelCard = {
        ...latest,
        version,
        content,
        lastModifiedAt: this.clock.now().toISOString(),
      };
      if (await this.store.putIfAbsent(this.keyOf(name, version), serialize(card), 'application/json'))
        return version;
    }
    throw new LocalCardError(`Could not update model card "${name}": too many concurrent writers, retry`);
  }

  async updateStatus(name: string, status: ModelCardStatus): Promise<void> {
    const latest = await this.latestOrThrow(name);
    const card: StoredModelCard = { ...latest, status, lastModifiedAt: this.clock.now().toISOString() };
    await this.store.put(this.keyOf(name, latest.version), serialize(card), 'application/json');
  }

  async listVersions(name: string): Promise<ModelCardVersionSummary[]> {
    const summaries: ModelCardVersionSummary[] = [];
    for (const version of await this.versions(name)) {
      const card = await this.read(name, version);
      summaries.push({
        name,
        version,
        status: card.status,
        createdAt: card.createdAt ?? '',
        ...(card.lastModifiedAt ? { lastModifiedAt: card.lastModifiedAt } : {}),
      });
    }
    return summaries;
  }

  private async latestOrThrow(name: string): Promise<StoredModelCard> {
    const latest = await this.get(name);
    if (!latest) throw new LocalCardError(`Model card "${name}" does not exist: create it first`);
    return latest;
  }

  private async read(name: string, version: number): Promise<StoredModelCard> {
    return JSON.parse(decoder.decode(await this.store.get(this.keyOf(name, version)))) as StoredModelCard;
  }

  private async versions(name: string): Promise<number[]> {
    const versions: number[] = [];
    for await (const info of this.store.list(`${this.prefix}/${keySegment(name, 'model card')}/`)) {
      const match = /\/(\d{6})\.json$/.exec(info.key);
      if (match) versions.push(Number(match[1]));
    }
    return versions.sort((a, b) => a - b);
  }

  private keyOf(name: string, version: number): string {
    return `${this.prefix}/${keySegment(name, 'model card')}/${String(version).padStart(6, '0')}.json`;
  }
}

function serialize(card: StoredModelCard): string {
  return `${JSON.stringify(card, null, 2)}\n`;
}
