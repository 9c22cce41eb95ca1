import {
  type AlarmStates,
  type EndpointWeights,
  ObjectNotFoundError,
  type ObjectStore,
  type VariantWeight,
} from '@vigil/core';
import { EndpointWeightsError } from '@vigil/core/bandit';
import { LOCAL_ALARM_PREFIX } from './alarm-evaluator.ts';

/** Where local endpoints' variant weights live in the home store. */
export const LOCAL_WEIGHTS_PREFIX = 'local/weights';

/**
 * The EndpointWeights of local mode: each endpoint's split is a JSON file
 * `local/weights/<endpoint>.json` in the home store (`[{ "variant": "A", "weight": 0.8 }, …]`),
 * seeded with `set` (or by the first `update`).
 *
 * @example
 * ```ts
 * const weights = new LocalEndpointWeights(home);
 * await weights.update('churn', [{ variant: 'A', weight: 0.9 }, { variant: 'B', weight: 0.1 }]);
 * ```
 */
export class LocalEndpointWeights implements EndpointWeights {
  readonly #store: ObjectStore;

  constructor(store: ObjectStore) {
    this.#store = store;
  }

  async current(endpointName: string): Promise<VariantWeight[]> {
    let text: string;
    try {
      text = new TextDecoder().decode(await this.#store.get(weightsKey(endpointName)));
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError)) throw error;
      throw new EndpointWeightsError(
        `Local endpoint "${endpointName}" has no variant weights: write ${weightsKey(endpointName)} in the home first`,
        { cause: error },
      );
    }
    const weights = JSON.parse(text) as VariantWeight[];
    const total = weights.reduce((s, w) => s + w.weight, 0);
    return weights.map((w) => ({ variant: w.variant, weight: w.weight / total }));
  }

  async update(endpointName: string, weights: readonly VariantWeight[]): Promise<void> {
    await this.#store.put(weightsKey(endpointName), JSON.stringify(weights), 'application/json');
  }
}

/**
 * The AlarmStates of local mode: the states the local alarm evaluation keeps under `local/alarms/`.
 *
 * @example
 * ```ts
 * await new LocalAlarmStates(home).inAlarm(['vigil-churn-data-quality-violations']);
 * ```
 */
export class LocalAlarmStates implements AlarmStates {
  readonly #store: ObjectStore;

  constructor(store: ObjectStore) {
    this.#store = store;
  }

  async inAlarm(alarmNames: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (const name of alarmNames) {
      try {
        const key = `${LOCAL_ALARM_PREFIX}/${encodeURIComponent(name)}.json`;
        const state = JSON.parse(new TextDecoder().decode(await this.#store.get(key))) as { value?: string };
        if (state.value === 'ALARM') found.push(name);
      } catch (error) {
        if (!(error instanceof ObjectNotFoundError)) throw error;
      }
    }
    return found;
  }
}

function weightsKey(endpointName: string): string {
  return `${LOCAL_WEIGHTS_PREFIX}/${encodeURIComponent(endpointName)}.json`;
}
