import { VigilError } from '../errors/vigil-error.ts';
import type { CardIssue } from './validate.ts';

/** A model card that SageMaker would refuse; `issues` lists every reason. */
export class CardInvalidError extends VigilError {
  readonly issues: CardIssue[];

  constructor(name: string, issues: CardIssue[], options?: ErrorOptions) {
    const list = issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n');
    super(`Model card "${name}" breaks SageMaker's model-card rules; fix these fields:\n${list}`, {
      ...options,
      code: 'CARD_INVALID',
    });
    this.issues = issues;
  }
}
