/** SageMaker's ModelCardStatus values. */
export type ModelCardStatus = 'Draft' | 'PendingReview' | 'Approved' | 'Archived';

/** A model card version as stored; `content` is the parsed SageMaker model-card content JSON. */
export interface StoredModelCard {
  name: string;
  arn?: string;
  version: number;
  status: ModelCardStatus;
  content: Record<string, unknown>;
  createdAt?: string;
  lastModifiedAt?: string;
}

/** One version of a card in a listing. */
export interface ModelCardVersionSummary {
  name: string;
  version: number;
  status: ModelCardStatus;
  createdAt: string;
  lastModifiedAt?: string;
}

/**
 * Model cards: SageMaker Model Cards in AWS, JSON files in local mode. Content changes create a
 * new version; status changes do not, and the two are separate calls, as SageMaker requires.
 *
 * @example
 * ```ts
 * const card = await cards.get('churn-v3');
 * if (card) await cards.updateContent(card.name, { ...card.content, evaluation_details: [...] });
 * ```
 */
export interface ModelCardStore {
  /** The latest version (or `version`), or undefined when there is no such card. */
  get(name: string, version?: number): Promise<StoredModelCard | undefined>;
  /** Creates version 1. */
  create(name: string, content: Record<string, unknown>, status: ModelCardStatus): Promise<StoredModelCard>;
  /** Writes the full content as a new version and returns its number. */
  updateContent(name: string, content: Record<string, unknown>): Promise<number>;
  updateStatus(name: string, status: ModelCardStatus): Promise<void>;
  /** Every version, oldest first. */
  listVersions(name: string): Promise<ModelCardVersionSummary[]>;
}
