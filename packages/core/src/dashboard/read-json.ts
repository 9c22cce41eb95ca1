import { ObjectNotFoundError } from '../errors/vigil-error.ts';
import type { ObjectStore } from '../ports/object-store.ts';

/**
 * The parsed JSON object at `key`, or undefined when there is none or it is not JSON (the
 * dashboard shows what it can read and says what it could not, rather than failing the page).
 *
 * @example
 * ```ts
 * const incident = await readJsonObject(store, 'alerting/incidents/churn.json');
 * ```
 */
export async function readJsonObject(
  store: ObjectStore,
  key: string,
): Promise<Record<string, unknown> | undefined> {
  try {
    const value = JSON.parse(new TextDecoder().decode(await store.get(key)));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch (error) {
    if (error instanceof ObjectNotFoundError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * The keys under `prefix`, in key order.
 *
 * @example
 * ```ts
 * const keys = await listKeys(store, 'governance/decisions/churn/');
 * ```
 */
export async function listKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of store.list(prefix)) keys.push(info.key);
  return keys;
}
