import { cardContentAt } from '../cards/content-path.ts';
/** The model-card fields a reviewer expects filled, by dotted path in SageMaker's card content. */
export const EXPECTED_CARD_FIELDS = [
  'model_overview.model_description',
  'model_overview.model_owner',
  'model_overview.problem_type',
  'model_overview.algorithm_type',
  'intended_uses.purpose_of_model',
  'intended_uses.intended_uses',
  'intended_uses.risk_rating',
  'training_details',
  'evaluation_details',
  'additional_information',
] as const;

/** How much of a card is filled in. */
export interface CardCompleteness {
  filled: number;
  total: number;
  missing: string[];
}

/**
 * Which of `EXPECTED_CARD_FIELDS` a card's content fills (a non-empty string, number, list or
 * object), and which it misses.
 *
 * @example
 * ```ts
 * cardCompleteness({ model_overview: { model_owner: 'ml@example.com' } });
 * // { filled: 1, total: 10, missing: ['model_overview.model_description', …] }
 * ```
 */
export function cardCompleteness(content: Record<string, unknown>): CardCompleteness {
  const missing = EXPECTED_CARD_FIELDS.filter((path) => !filled(cardContentAt(content, path)));
  return {
    filled: EXPECTED_CARD_FIELDS.length - missing.length,
    total: EXPECTED_CARD_FIELDS.length,
    missing,
  };
}

function filled(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number' || typeof value === 'boolean') return true;
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.values(value).some(filled);
  return false;
}
