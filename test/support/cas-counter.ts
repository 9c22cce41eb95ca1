import { type ObjectStore, PreconditionFailedError } from '@vigil/core';

/**
 * Adds one to the JSON counter at `key` with a read / compare-and-swap loop, as every conditional
 * writer in Vigil does: on `PreconditionFailedError` it reads again. Returns how many swaps lost.
 */
export async function incrementCounter(store: ObjectStore, key: string): Promise<number> {
  for (let lost = 0; ; lost++) {
    const { body, etag } = await store.getVersioned(key);
    const { count } = JSON.parse(new TextDecoder().decode(body)) as { count: number };
    try {
      await store.putIfMatch(key, JSON.stringify({ count: count + 1 }), etag, 'application/json');
      return lost;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  }
}
