import { VigilError } from '../errors/vigil-error.ts';

/** A person not named among a group's approvers tried to approve or reject a version by hand. */
export class ApprovalRefusedError extends VigilError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, code: 'APPROVAL_REFUSED' });
  }
}
