import {
  type Clock,
  type ModelCardStatus,
  type ModelCardStore,
  type ModelCardVersionSummary,
  type ObjectStore,
  type StoredModelCard,
  systemClock,
  VigilError,
} from '@vigil/core';
import { VersionedJsonFiles } from './versioned-json-files.ts';

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
  private readonly files: VersionedJsonFiles<StoredModelCard>;
  private readonly clock: Clock;

  constructor(store: ObjectStore, options: { clock?: Clock; prefix?: string } = {}) {
    this.files = new VersionedJsonFiles(store, options.prefix ?? 'cards', 'model card');
    this.clock = options.clock ?? systemClock;
  }

  async get(name: string, version?: number): Promise<StoredModelCard | undefined> {
    const versions = await this.files.versions(name);
    const wanted = version ?? versions.at(-1);
    if (wanted === undefined || !versions.includes(wanted)) return undefined;
    return this.files.read(name, wanted);
  }

  async create(
    name: string,
    content: Record<string, unknown>,
    status: ModelCardStatus,
  ): Promise<StoredModelCard> {
    const now = this.clock.now().toISOString();
    const card: StoredModelCard = { name, version: 1, status, content, createdAt: now, lastModifiedAt: now };
    if (!(await this.files.create(name, 1, card))) {
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
      if (await this.files.create(name, version, card)) return version;
    }
    throw new LocalCardError(`Could not update model card "${name}": too many concurrent writers, retry`);
  }

  async updateStatus(name: string, status: ModelCardStatus): Promise<void> {
    const latest = await this.latestOrThrow(name);
    const card: StoredModelCard = { ...latest, status, lastModifiedAt: this.clock.now().toISOString() };
    await this.files.replace(name, latest.version, card);
  }

  async listVersions(name: string): Promise<ModelCardVersionSummary[]> {
    const summaries: ModelCardVersionSummary[] = [];
    for (const version of await this.files.versions(name)) {
      const card = await this.files.read(name, version);
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
}
