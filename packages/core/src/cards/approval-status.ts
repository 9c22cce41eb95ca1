import type { Log } from '../ports/log.ts';
import type { ModelCardStore } from '../ports/model-card-store.ts';
import type { ModelPackage } from '../ports/model-registry.ts';
import type { ModelCardContent } from './content-schema.ts';
import { modelCardNameFor } from './names.ts';
import { validateModelCard } from './validate.ts';

/**
 * Brings a version's card up to date with its approval status and description
 * (`model_package_details`), as a new card version, so a card read or exported in SageMaker
 * shows the decision. Returns the new card version, or undefined when there is nothing to change
 * (no card, archived card, already current). A failure is logged and does not undo the decision.
 *
 * @example
 * ```ts
 * await recordApprovalOnCard(cards, await registry.describe(arn), log);
 * ```
 */
export async function recordApprovalOnCard(
  cards: ModelCardStore,
  pkg: ModelPackage,
  log: Log,
): Promise<number | undefined> {
  const name = modelCardNameFor(pkg.groupName, pkg.version);
  try {
    const card = await cards.get(name);
    if (!card || card.status === 'Archived') return undefined;
    const content = card.content as ModelCardContent;
    const details = content.model_package_details ?? {};
    const description = pkg.approvalDescription?.slice(0, 1024);
    if (
      details.model_approval_status === pkg.approvalStatus &&
      details.approval_description === description
    ) {
      return undefined;
    }
    const updated: ModelCardContent = {
      ...content,
      model_package_details: {
        ...details,
        model_approval_status: pkg.approvalStatus,
        ...(description ? { approval_description: description } : {}),
      },
    };
    if (validateModelCard(name, updated).length > 0) return undefined;
    return await cards.updateContent(name, updated as Record<string, unknown>);
  } catch (error) {
    log.warn('could not record the approval status on the model card; the decision stands', {
      card: name,
      error: (error as Error).message,
    });
    return undefined;
  }
}
