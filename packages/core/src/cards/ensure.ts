import type { PackageEvidence } from '../governance/evidence.ts';
import type { ModelCardStore, StoredModelCard } from '../ports/model-card-store.ts';
import type { ModelPackage } from '../ports/model-registry.ts';
import { buildModelCardContent } from './build.ts';
import { CardInvalidError } from './errors.ts';
import { modelCardNameFor } from './names.ts';
import { validateModelCard } from './validate.ts';

/**
 * The model card of a package version, created (as a Draft, from the package and its registered
 * reports) when it does not exist yet. Throws `CardInvalidError` when the content a registration
 * supplied breaks SageMaker's schema, naming every bad field.
 *
 * @example
 * ```ts
 * const { card, created } = await ensureModelCard(cards, pkg, evidence);
 * ```
 */
export async function ensureModelCard(
  cards: ModelCardStore,
  pkg: ModelPackage,
  evidence?: PackageEvidence,
): Promise<{ card: StoredModelCard; created: boolean }> {
  const name = modelCardNameFor(pkg.groupName, pkg.version);
  const existing = await cards.get(name);
  if (existing) return { card: existing, created: false };
  const content = buildModelCardContent(pkg, evidence);
  const issues = validateModelCard(name, content);
  if (issues.length > 0) throw new CardInvalidError(name, issues);
  return { card: await cards.create(name, content as Record<string, unknown>, 'Draft'), created: true };
}
