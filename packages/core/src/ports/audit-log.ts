/** What a caller says about a decision it made. */
export interface AuditEntry {
  /** What happened, e.g. `approval.decided`, `rollback.performed`, `card.updated`, `approval.manual-change-seen`. */
  kind: string;
  /** Who or what decided: a function name, `vigil-cli`, or the person's identity from the event. */
  actor: string;
  /** What it is about: a model package ARN, an endpoint name, a card name. */
  subject: string;
  /** One sentence a person can read. */
  summary: string;
  /** The evidence and the inputs of the decision. */
  details: Record<string, unknown>;
}

/** An entry as stored: numbered, timed and chained to the previous one by hash. */
export interface AuditRecord extends AuditEntry {
  sequence: number;
  at: string;
  previousHash: string;
  hash: string;
}

/**
 * An append-only, hash-chained log of every decision Vigil makes.
 *
 * @example
 * ```ts
 * await audit.append({ kind: 'rollback.performed', actor: 'alarm-router', subject: 'my-endpoint',
 *   summary: 'Rolled back to config ep-config-1', details: { alarm: 'vigil-my-endpoint-data-quality' } });
 * ```
 */
export interface AuditLog {
  append(entry: AuditEntry): Promise<AuditRecord>;
}
