import { joinKey } from '../layout/keys.ts';
import type { Clock } from '../ports/clock.ts';
import type { Alert, Notifier } from '../ports/notifier.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { readJson } from './signal-record.ts';

/** Where undeliverable alerts are kept: `alerting/dead-letters/yyyy/mm/dd/<alert>--<channel>.json`. */
export const DEAD_LETTER_PREFIX = 'alerting/dead-letters';

/** How a dead letter's alert finally reached its channel. */
export type DeadLetterResolution = 'retry' | 'replay';

/** A dead letter: the alert, the channel, why it failed and, once delivered, when and how. */
export interface DeadLetter {
  alert: Alert;
  channel: string;
  attempts: number;
  error: string;
  /** When the last failed attempt was made. */
  at: string;
  /** When the alert was delivered after all: the Lambda's retry of the event, or a replay. */
  resolvedAt?: string;
  resolvedBy?: DeadLetterResolution;
  /** Written by replays before resolution existed; read as `resolvedBy: 'replay'`. */
  replayedAt?: string;
}

/**
 * The key of an alert's dead letter for one channel. It depends only on the alert's identity
 * (its id and the day it was built) and the channel, so a retry that fails again overwrites the
 * same letter, and a retry that succeeds finds it to resolve it.
 *
 * @example
 * ```ts
 * deadLetterKeyFor(alert, 'oncall-slack');
 * // 'alerting/dead-letters/2024/05/01/<alert id>--oncall-slack.json' (alert.at on 2024-05-01)
 * ```
 */
export function deadLetterKeyFor(alert: Alert, channel: string): string {
  const built = new Date(alert.at);
  const day = Number.isNaN(built.getTime()) ? 'undated' : built.toISOString().slice(0, 10).replace(/-/g, '/');
  return joinKey(DEAD_LETTER_PREFIX, day, `${keySafe(alert.id)}--${keySafe(channel)}.json`);
}

/**
 * Whether a dead letter's alert has been delivered since (by a retry or a replay).
 *
 * @example
 * ```ts
 * if (isResolved(letter)) continue;
 * ```
 */
export function isResolved(letter: DeadLetter): boolean {
  return letter.resolvedAt !== undefined || letter.replayedAt !== undefined;
}

/**
 * Reads one dead letter, or undefined when there is none under the key.
 *
 * @example
 * ```ts
 * const letter = await readDeadLetter(store, deadLetterKeyFor(alert, 'oncall-slack'));
 * ```
 */
export function readDeadLetter(store: ObjectStore, key: string): Promise<DeadLetter | undefined> {
  return readJson<DeadLetter>(store, key);
}

/**
 * Writes a dead letter under its key.
 *
 * @example
 * ```ts
 * await writeDeadLetter(store, key, { alert, channel, attempts: 3, error: '503', at });
 * ```
 */
export async function writeDeadLetter(store: ObjectStore, key: string, letter: DeadLetter): Promise<void> {
  await store.put(key, `${JSON.stringify(letter, null, 2)}\n`, 'application/json');
}

/**
 * Marks a dead letter delivered, keeping everything it recorded.
 *
 * @example
 * ```ts
 * await resolveDeadLetter(store, key, letter, 'retry', clock.now());
 * ```
 */
export async function resolveDeadLetter(
  store: ObjectStore,
  key: string,
  letter: DeadLetter,
  by: DeadLetterResolution,
  at: Date,
): Promise<DeadLetter> {
  const resolved: DeadLetter = { ...letter, resolvedAt: at.toISOString(), resolvedBy: by };
  await writeDeadLetter(store, key, resolved);
  return resolved;
}

/** What replaying one dead letter did. */
export type ReplayOutcome =
  | { key: string; letter: DeadLetter; outcome: 'already-delivered' }
  | { key: string; letter: DeadLetter; outcome: 'delivered' }
  | { key: string; letter: DeadLetter; outcome: 'failed'; error: string };

/**
 * Sends every unresolved dead letter under `alerting/dead-letters/` to its channel once more and
 * marks each one that goes through (`resolvedBy: 'replay'`). Letters already delivered, by an
 * earlier replay or by the Lambda's retry of the event, are skipped, so no alert is sent twice.
 * A letter whose channel has no notifier fails with a message naming the channel.
 *
 * @example
 * ```ts
 * for await (const r of replayDeadLetters({ store, clock }, notifiers)) console.log(r.key, r.outcome);
 * ```
 */
export async function* replayDeadLetters(
  ports: { store: ObjectStore; clock: Clock },
  notifiers: Readonly<Record<string, Notifier>>,
): AsyncGenerator<ReplayOutcome> {
  const keys: string[] = [];
  for await (const info of ports.store.list(`${DEAD_LETTER_PREFIX}/`)) keys.push(info.key);
  for (const key of keys) {
    // Re-read right before sending: a retry may have resolved it since the listing.
    const letter = await readDeadLetter(ports.store, key);
    if (!letter) continue;
    if (isResolved(letter)) {
      yield { key, letter, outcome: 'already-delivered' };
      continue;
    }
    const notifier = notifiers[letter.channel];
    if (!notifier) {
      const error = `channel "${letter.channel}" is not in the configuration: add it under "channels" or delete ${key}`;
      yield { key, letter, outcome: 'failed', error };
      continue;
    }
    try {
      await notifier.send(letter.alert);
    } catch (error) {
      yield { key, letter, outcome: 'failed', error: error instanceof Error ? error.message : String(error) };
      continue;
    }
    const resolved = await resolveDeadLetter(ports.store, key, letter, 'replay', ports.clock.now());
    yield { key, letter: resolved, outcome: 'delivered' };
  }
}

function keySafe(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, '_');
}
