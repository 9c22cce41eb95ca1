import { modelCardContentSchema, modelCardNameSchema } from './content-schema.ts';
import { MAX_CARD_CONTENT_CHARACTERS } from './limits.ts';

/** One way a card breaks SageMaker's rules. */
export interface CardIssue {
  /** `name`, `content`, or the dotted path in the content (`evaluation_details[2].name`). */
  path: string;
  message: string;
}

/**
 * Every way a card name and content break SageMaker's model-card rules: the content schema
 * (unknown keys, enums, lengths, list sizes, metric types), the 100,000-character content limit
 * and the 63-character name rule. An empty list means SageMaker will accept it.
 *
 * @example
 * ```ts
 * const issues = validateModelCard('churn-v3', content);
 * if (issues.length) throw new CardInvalidError(issues);
 * ```
 */
export function validateModelCard(name: string, content: unknown): CardIssue[] {
  const issues: CardIssue[] = [];
  const nameResult = modelCardNameSchema.safeParse(name);
  if (!nameResult.success)
    issues.push({ path: 'name', message: `"${name}" ${nameResult.error.issues[0]?.message}` });
  const length = JSON.stringify(content).length;
  if (length > MAX_CARD_CONTENT_CHARACTERS) {
    issues.push({
      path: 'content',
      message: `content is ${length} characters, more than SageMaker's ${MAX_CARD_CONTENT_CHARACTERS}`,
    });
  }
  const result = modelCardContentSchema.safeParse(content);
  if (!result.success) {
    for (const issue of result.error.issues)
      issues.push({ path: formatPath(issue.path), message: issue.message });
  }
  return issues;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}
