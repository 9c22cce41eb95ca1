import type { ObjectStore } from '../ports/object-store.ts';
import { type AuditHead, auditHeadKey, readStoredHead } from './head.ts';
import { DEFAULT_AUDIT_PREFIX, GENESIS_HASH } from './keys.ts';
import { readAuditObjects } from './read.ts';
import { auditRecordHash } from './record-hash.ts';

/** What is wrong with one place in the log. */
export type AuditProblemKind =
  | 'unreadable'
  | 'misplaced'
  | 'missing'
  | 'edited'
  | 'broken-link'
  | 'truncated'
  | 'emptied'
  | 'reused'
  | 'head-missing'
  | 'head-unreadable';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The sequence number the problem is at. */
  sequence: number;
  key?: string;
  message: string;
}

/** The verdict on a whole log. */
export interface AuditVerification {
  ok: boolean;
  /** Objects found under the prefix that look like records. */
  recordCount: number;
  /** The last record's sequence and hash: keep them elsewhere (a ticket, a report) to detect truncation later. */
  head?: { sequence: number; hash: string };
  /** The newest published head the log was checked against, when any was given. */
  publishedHead?: AuditHead;
  problems: AuditProblem[];
}

/** Options of `verifyAuditLog`. */
export interface VerifyAuditLogOptions {
  /**
   * A head noted earlier. A hash chain cannot by itself reveal that its newest records were
   * deleted; comparing with a head kept outside the log can.
   */
  expectedHead?: { sequence: number; hash: string };
  /**
   * The heads the log's writers published ("Vigil Audit Head" events, kept outside the store): the
   * log must still hold each of them, record for record. Detects records cut off the end, a log
   * emptied, and a sequence number reused for a different record.
   */
  publishedHeads?: readonly AuditHead[];
}

/**
 * Checks every record of the log: that it parses, sits at the key of its own sequence number,
 * that no number is skipped, that its hash matches its content (edited) and that it chains
 * onto the record before it (re-hashed edits, replacements, reordering). Then checks the ends:
 * `head.json` must exist (once there are records), parse, and name a record the log still holds
 * with that hash; so must every published head given. Each problem names the sequence number and
 * says what happened.
 *
 * @example
 * ```ts
 * const result = await verifyAuditLog(store, 'audit');
 * if (!result.ok) for (const p of result.problems) console.log(p.message);
 * ```
 */
export async function verifyAuditLog(
  store: ObjectStore,
  prefix: string = DEFAULT_AUDIT_PREFIX,
  options: VerifyAuditLogOptions = {},
): Promise<AuditVerification> {
  const objects = await readAuditObjects(store, prefix);
  const problems: AuditProblem[] = [];
  let expected = 1;
  // The hash the next record must point back to; undefined when the previous record is gone or unreadable.
  let previousHash: string | undefined = GENESIS_HASH;
  const hashes = new Map<number, string>();

  for (const item of objects) {
    const { key, keySequence } = item;
    for (let gap = expected; gap < keySequence; gap++) {
      problems.push({
        kind: 'missing',
        sequence: gap,
        message: `Record ${gap} is missing: it was deleted (records ${expected - 1} and ${keySequence} exist around it).`,
      });
      previousHash = undefined;
    }
    expected = keySequence + 1;
    const record = item.record;
    if (!record) {
      problems.push({
        kind: 'unreadable',
        sequence: keySequence,
        key,
        message: `Record ${keySequence} (${key}) is unreadable: ${item.parseError}.`,
      });
      previousHash = undefined;
      continue;
    }
    if (record.sequence !== keySequence) {
      problems.push({
        kind: 'misplaced',
        sequence: keySequence,
        key,
        message: `Record ${keySequence} (${key}) holds record ${record.sequence}: records were reordered or moved.`,
      });
    }
    if (auditRecordHash(record) !== record.hash) {
      problems.push({
        kind: 'edited',
        sequence: keySequence,
        key,
        message: `Record ${keySequence} (${key}) was edited: its content no longer matches its hash.`,
      });
    }
    if (previousHash !== undefined && record.previousHash !== previousHash) {
      problems.push({
        kind: 'broken-link',
        sequence: keySequence,
        key,
        message:
          keySequence === 1
            ? `Record 1 (${key}) does not start the chain: it was replaced.`
            : `Record ${keySequence} (${key}) does not chain onto record ${keySequence - 1}: ` +
              `record ${keySequence - 1} was edited and re-hashed or replaced, or the records were reordered.`,
      });
    }
    previousHash = record.hash;
    hashes.set(keySequence, record.hash);
  }

  const last = objects.at(-1);
  const head = last?.record ? { sequence: last.keySequence, hash: last.record.hash } : undefined;
  const lastSequence = last?.keySequence ?? 0;
  const expectedHead = options.expectedHead;
  if (expectedHead) {
    if (lastSequence < expectedHead.sequence) {
      problems.push({
        kind: 'truncated',
        sequence: expectedHead.sequence,
        message: `The log ends at record ${lastSequence} but record ${expectedHead.sequence} was known to exist: the newest records were deleted.`,
      });
    } else if (hashes.has(expectedHead.sequence) && hashes.get(expectedHead.sequence) !== expectedHead.hash) {
      problems.push({
        kind: 'edited',
        sequence: expectedHead.sequence,
        message: `Record ${expectedHead.sequence} does not have the hash noted earlier: it was replaced.`,
      });
    }
  }
  problems.push(...(await checkHeadFile(store, prefix, objects.length, lastSequence, hashes)));
  const published = [...(options.publishedHeads ?? [])].sort((a, b) => a.sequence - b.sequence);
  for (const known of published) {
    const problem = checkAgainst(known, 'published head', lastSequence, objects.length, hashes);
    if (problem) problems.push(problem);
  }
  const publishedHead = published.at(-1);
  return {
    ok: problems.length === 0,
    recordCount: objects.length,
    head,
    ...(publishedHead ? { publishedHead } : {}),
    problems,
  };
}

/** head.json must be there once the log has records, parse, and name a record the log holds. */
async function checkHeadFile(
  store: ObjectStore,
  prefix: string,
  recordCount: number,
  lastSequence: number,
  hashes: Map<number, string>,
): Promise<AuditProblem[]> {
  const key = auditHeadKey(prefix);
  const read = await readStoredHead(store, prefix);
  if (read.state === 'absent') {
    if (recordCount === 0) return [];
    return [
      {
        kind: 'head-missing',
        sequence: lastSequence,
        key,
        message: `${key} is missing although the log has ${recordCount} records: it was deleted, so cuts of the newest records cannot be told from it.`,
      },
    ];
  }
  if (read.state === 'unreadable') {
    return [
      {
        kind: 'head-unreadable',
        sequence: lastSequence,
        key,
        message: `${key} is unreadable (${read.reason}): it was damaged or replaced.`,
      },
    ];
  }
  const problem = checkAgainst(read.head, key, lastSequence, recordCount, hashes);
  return problem ? [{ ...problem, key }] : [];
}

/** Whether the log still holds the record a head names; the problem when it does not. */
function checkAgainst(
  known: { sequence: number; hash?: string; at?: string },
  source: string,
  lastSequence: number,
  recordCount: number,
  hashes: Map<number, string>,
): AuditProblem | undefined {
  const when = known.at ? ` (appended ${known.at})` : '';
  if (recordCount === 0) {
    return {
      kind: 'emptied',
      sequence: known.sequence,
      message: `The log is empty but ${source} names record ${known.sequence}${when}: every record was deleted.`,
    };
  }
  if (lastSequence < known.sequence) {
    return {
      kind: 'truncated',
      sequence: known.sequence,
      message: `The log ends at record ${lastSequence} but ${source} names record ${known.sequence}${when}: the newest records were deleted.`,
    };
  }
  const hash = hashes.get(known.sequence);
  if (known.hash && hash !== undefined && hash !== known.hash) {
    return {
      kind: 'reused',
      sequence: known.sequence,
      message: `Record ${known.sequence} is not the record ${source} names${when}: its number was reused for another record, or the record was replaced.`,
    };
  }
  return undefined;
}
