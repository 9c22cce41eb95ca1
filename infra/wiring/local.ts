import type { VigilConfig } from '@vigil/core';
import { captureSources, type EventPatternJson, subscriptions } from './events.ts';
import type { FunctionName } from './functions.ts';
import { monitorSchedules, variantSchedules } from './schedules.ts';

/** A function's handler, as the local loop calls it. */
export type LocalHandler = (event: unknown) => Promise<unknown> | unknown;

/** What `vigil dev` needs to run the wiring over the home folder (fits `LocalLoop`'s options). */
export interface LocalWiring {
  subscriptions: { name: string; pattern: EventPatternJson; handler: LocalHandler }[];
  schedules: {
    name: string;
    schedule: string;
    event: { endpoint: string; variant?: string };
    handler: LocalHandler;
  }[];
  /** Capture prefixes inside the home; capture in real S3 buckets is not watched locally. */
  capturePrefixes: string[];
}

/**
 * The rules and schedules of a configuration with each function replaced by its handler, for the
 * local loop: the home folder plays Vigil's bucket under the name `homeBucket`.
 *
 * @example
 * ```ts
 * const wiring = localWiring(config, handlers, LOCAL_BUCKET);
 * new LocalLoop({ store: home, bus, ...wiring }).start();
 * ```
 */
export function localWiring(
  config: VigilConfig,
  handlers: Readonly<Record<FunctionName, LocalHandler>>,
  homeBucket: string,
): LocalWiring {
  return {
    subscriptions: subscriptions(config, homeBucket).map((s) => ({
      name: s.function,
      pattern: s.pattern,
      handler: handlers[s.function],
    })),
    schedules: [...monitorSchedules(config), ...variantSchedules(config)].map((s) => ({
      name: s.name,
      schedule: s.schedule,
      event: s.event,
      handler: handlers[s.function],
    })),
    capturePrefixes: captureSources(config, homeBucket).get(homeBucket) ?? [],
  };
}
