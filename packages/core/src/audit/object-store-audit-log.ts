import type { AuditEntry, AuditLog, AuditRecord } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import { systemClock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import { type Log, silentLog } from '../ports/log.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { AuditAppendConflictError, AuditLogCorruptError } from './errors.ts';
import {
  AUDIT_HEAD_DETAIL_TYPE,
  type AuditHead,
  type AuditHeadEventDetail,
  advanceHead,
  readStoredHead,
} from './head.ts';
import { auditRecordKey, DEFAULT_AUDIT_PREFIX, GENESIS_HASH, sequenceFromKey } from './keys.ts';
import { isPublishedHeadSource, type PublishedHeadSource } from './published-head-source.ts';
import { readOne } from './read.ts';
import { auditRecordHash } from './record-hash.ts';

/** Options of an audit log over an object store. */
export interface ObjectStoreAuditLogOptions {
  /** Key prefix of the log; default `audit`. */
  prefix?: string;
  clock?: Clock;
  /** How many times an append retries after losing the race for a sequence number; default 50. */
  maxAttempts?: number;
  /**
   * Where each append publishes the new head ("Vigil Audit Head"): Vigil's EventBridge bus, or the
   * local bus whose journal keeps it. Without it the head is only kept in head.json.
   */
  events?: EventPublisher;
  /**
   * Where the published heads can be read back, consulted when head.json is missing or damaged;
   * default: `events` when it keeps a journal (the local bus).
   */
  publishedHeads?: PublishedHeadSource;
  log?: Log;
}

/**
 * The AuditLog port over an ObjectStore (S3 or a local folder). Record `n` is written at
 * `{prefix}/{n, 12 digits}.json` with `putIfAbsent`, so two concurrent appends can never both
 * take the same number: the loser reads the winner's record, chains onto it and tries the next
 * number. After each append `{prefix}/head.json` moves forward (compare-and-swap, never back) to
 * the new record's sequence and hash, and the head is published as a "Vigil Audit Head" event, so
 * that it is kept outside the store too. Numbering never goes below head.json: after records were
 * cut off the end, the next record follows the head and the cut stays visible as missing records
 * instead of being overwritten by reused numbers. Each record carries the SHA-256 of the previous one (`previousHash`) and its own
 * (`hash`, over every other field), computed in pure TypeScript (see `sha256.ts`) so that core,
 * Lambda and CLI produce identical chains without a crypto port.
 *
 * @example
 * ```ts
 * const audit = new ObjectStoreAuditLog(store, { clock });
 * await audit.append({ kind: 'approval.decided', actor: 'registry-gate', subject: arn, summary: 'Approved', details: {} });
 * ```
 */
export class ObjectStoreAuditLog implements AuditLog {
  readonly prefix: string;
  private readonly store: ObjectStore;
  private readonly clock: Clock;
  private readonly maxAttempts: number;
  private readonly events: EventPublisher | undefined;
  private readonly publishedHeads: PublishedHeadSource | undefined;
  private readonly log: Log;
  /** The last record this instance knows of; refreshed whenever an append loses a race. */
  private tail: AuditHead | null | undefined;

  constructor(store: ObjectStore, options: ObjectStoreAuditLogOptions = {}) {
    this.store = store;
    this.prefix = options.prefix ?? DEFAULT_AUDIT_PREFIX;
    this.clock = options.clock ?? systemClock;
    this.maxAttempts = options.maxAttempts ?? 50;
    this.events = options.events;
    this.publishedHeads =
      options.publishedHeads ?? (isPublishedHeadSource(options.events) ? options.events : undefined);
    this.log = options.log ?? silentLog;
  }

  async append(entry: AuditEntry): Promise<AuditRecord> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      if (this.tail === undefined) this.tail = await this.readTail();
      const sequence = this.tail ? this.tail.sequence + 1 : 1;
      const record = this.buildRecord(entry, sequence, this.tail?.hash ?? GENESIS_HASH);
      const key = auditRecordKey(this.prefix, sequence);
      if (await this.store.putIfAbsent(key, `${JSON.stringify(record, null, 2)}\n`, 'application/json')) {
        this.tail = record;
        await this.announce(record);
        return record;
      }
      // Someone else wrote `sequence` first: chain onto their record rather than re-listing everything.
      const winner = await readOne(this.store, key, sequence);
      if (winner.record?.sequence !== sequence) {
        throw new AuditLogCorruptError(
          `Audit record ${key} in ${this.store.location} exists but is unreadable or misplaced ` +
            `(${winner.parseError ?? `it says sequence ${winner.record?.sequence}`}); run \`vigil audit verify\` and restore it before appending.`,
        );
      }
      this.tail = winner.record;
    }
    throw new AuditAppendConflictError(
      `Could not append to the audit log at ${this.store.location}/${this.prefix} after ${this.maxAttempts} attempts: ` +
        'too many concurrent writers. Retry the operation.',
    );
  }

  private buildRecord(entry: AuditEntry, sequence: number, previousHash: string): AuditRecord {
    // Round-trip through JSON first so the hash covers exactly what a verifier will read back.
    const draft = JSON.parse(
      JSON.stringify({
        sequence,
        at: this.clock.now().toISOString(),
        kind: entry.kind,
        actor: entry.actor,
        subject: entry.subject,
        summary: entry.summary,
        details: entry.details ?? {},
        previousHash,
      }),
    ) as Omit<AuditRecord, 'hash'>;
    return { ...draft, hash: auditRecordHash(draft) };
  }

  /**
   * Moves head.json forward and publishes the head. The record is stored already: a failure here
   * only leaves the head lagging until the next append, so it is logged, not thrown (a thrown
   * append would be retried and recorded twice).
   */
  private async announce(record: AuditRecord): Promise<void> {
    const head: AuditHead = { sequence: record.sequence, hash: record.hash, at: record.at };
    try {
      await advanceHead(this.store, this.prefix, head);
    } catch (error) {
      this.log.warn('audit head not moved; the next append moves it', {
        sequence: record.sequence,
        error: (error as Error).message,
      });
    }
    if (!this.events) return;
    const detail: AuditHeadEventDetail = {
      ...head,
      log: `${this.store.location}/${this.prefix}`,
      prefix: this.prefix,
    };
    try {
      await this.events.publish([
        {
          source: 'vigil',
          detailType: AUDIT_HEAD_DETAIL_TYPE,
          detail: { ...detail },
          time: this.clock.now(),
        },
      ]);
    } catch (error) {
      this.log.warn('audit head not published; the next append publishes a later one', {
        sequence: record.sequence,
        error: (error as Error).message,
      });
    }
  }

  private async readTail(): Promise<AuditHead | null> {
    const stored = await readStoredHead(this.store, this.prefix);
    // Without a sound head.json (deleted with the newest records, say), the head published
    // outside the store still says which numbers were taken.
    const head =
      stored.state === 'present'
        ? stored.head
        : await this.publishedHeads?.lastPublishedHead(`${this.store.location}/${this.prefix}`, this.prefix);
    const tail = await this.readTailRecord(head?.sequence);
    // A head with a hash says its record was written: never number at or below it, even when the
    // records were cut off the end since (the gap then shows as missing records).
    if (head?.hash && head.sequence > (tail?.sequence ?? 0))
      return { sequence: head.sequence, hash: head.hash };
    return tail;
  }

  private async readTailRecord(hinted: number | undefined): Promise<AuditRecord | null> {
    // Fast path: start from the head and probe forward; the head may lag behind other writers.
    if (hinted !== undefined) {
      let tail = await this.recordAt(hinted);
      if (tail) {
        for (
          let next = await this.recordAt(tail.sequence + 1);
          next;
          next = await this.recordAt(next.sequence + 1)
        ) {
          tail = next;
        }
        return tail;
      }
    }
    return this.readTailByListing();
  }

  private async readTailByListing(): Promise<AuditRecord | null> {
    let lastKey: string | undefined;
    let lastSequence = 0;
    for await (const info of this.store.list(`${this.prefix.replace(/\/+$/, '')}/`)) {
      const sequence = sequenceFromKey(this.prefix, info.key);
      if (sequence !== undefined && sequence >= lastSequence) {
        lastSequence = sequence;
        lastKey = info.key;
      }
    }
    if (lastKey === undefined) return null;
    const last = await readOne(this.store, lastKey, lastSequence);
    if (!last.record || last.record.sequence !== lastSequence) {
      throw new AuditLogCorruptError(
        `The last audit record ${lastKey} in ${this.store.location} is unreadable or misplaced ` +
          `(${last.parseError ?? `it says sequence ${last.record?.sequence}`}); run \`vigil audit verify\` and restore it before appending.`,
      );
    }
    return last.record;
  }

  /** The record at `sequence` when it exists and is sound; undefined otherwise. */
  private async recordAt(sequence: number): Promise<AuditRecord | undefined> {
    const item = await readOne(this.store, auditRecordKey(this.prefix, sequence), sequence);
    return item.record?.sequence === sequence ? item.record : undefined;
  }
}
