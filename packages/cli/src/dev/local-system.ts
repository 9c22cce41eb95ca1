import { SlackWebhookNotifier } from '@vigil/aws';
import type { Clock, ObjectStore, VigilConfig } from '@vigil/core';
import { createAlarmRouterHandler } from '@vigil/functions/alarm-router';
import { createAuditHeadRecorderHandler } from '@vigil/functions/audit-head-recorder';
import { createCardSyncHandler } from '@vigil/functions/card-sync';
import { createDeploymentTrackerHandler } from '@vigil/functions/deployment-tracker';
import { handler as profileCapture } from '@vigil/functions/profile-capture';
import { createRegistryGateHandler } from '@vigil/functions/registry-gate';
import { provideRuntime, type Runtime } from '@vigil/functions/shared/runtime';
import {
  evaluateLocalAlarms,
  LOCAL_BUCKET,
  LocalEndpointController,
  LocalEventBus,
  LocalLoop,
  LocalMetricStore,
  LocalModelCardStore,
  LocalModelRegistry,
  localNotifiers,
} from '@vigil/local';
// The wiring is plain data shared with infra/: the same rules and schedules drive both.
import { type FunctionName, type LocalHandler, localWiring } from '../../../../infra/wiring.ts';
import { homePath, localRuntime } from '../adapters.ts';
import { monitorHandlers } from './monitor-handlers.ts';

/** Everything `vigil dev` and the demo run: the Lambda handlers on local adapters, on one bus. */
export interface LocalSystem {
  home: string;
  runtime: Runtime;
  bus: LocalEventBus;
  loop: LocalLoop;
  registry: LocalModelRegistry;
  cards: LocalModelCardStore;
  endpoints: LocalEndpointController;
  metrics: LocalMetricStore;
}

/** What a local system is built from. */
export interface LocalSystemOptions {
  config: VigilConfig;
  cwd: string;
  home?: string;
  clock: Clock;
  /** Where alerts are printed besides the outbox. */
  print?: (text: string) => void;
  env?: Record<string, string | undefined>;
  intervalMs?: number;
  /** Vigil's bucket (default: the home folder), e.g. an S3 store on s3rver for the load benchmark. */
  store?: ObjectStore;
}

/**
 * Builds the whole of Vigil on a local folder: the same handlers as the Lambdas, subscribed to a
 * local bus with the rules infra/ deploys, the monitor schedules of the configuration, a capture
 * watcher that raises S3 "Object Created" events, and — after every round — the guardrail alarms
 * evaluated against the local metrics store, their state changes put on the bus for alarm-router.
 *
 * @example
 * ```ts
 * const system = createLocalSystem({ config, cwd: process.cwd(), clock: systemClock });
 * system.loop.start();
 * ```
 */
export function createLocalSystem(options: LocalSystemOptions): LocalSystem {
  const home = homePath(options.home, options.cwd);
  const bus = new LocalEventBus(home);
  const metrics = new LocalMetricStore(home);
  const runtime = localRuntime({
    config: options.config,
    cwd: options.cwd,
    home,
    events: bus,
    metrics,
    clock: options.clock,
    ...(options.store ? { store: options.store } : {}),
  });
  provideRuntime(runtime);
  const loadRuntime = async () => runtime;
  const registry = new LocalModelRegistry(runtime.store, { clock: options.clock });
  const cards = new LocalModelCardStore(runtime.store, { clock: options.clock });
  const endpoints = new LocalEndpointController(runtime.store, { registry });
  const notifiers = localNotifiers(options.config, {
    store: runtime.store,
    env: options.env ?? process.env,
    ...(options.print ? { print: options.print } : {}),
    slack: (o) => new SlackWebhookNotifier(o),
  });
  const handlers: Record<FunctionName, LocalHandler> = {
    'profile-capture': profileCapture,
    ...monitorHandlers(),
    'compare-variants': async (event: unknown) =>
      (await import('@vigil/functions/compare-variants')).handler(event),
    'async-capture': async (event: unknown) =>
      (await import('@vigil/functions/async-capture')).handler(event),
    'registry-gate': createRegistryGateHandler({ registry, cards, loadRuntime }),
    'card-sync': createCardSyncHandler({ registry, cards, loadRuntime }),
    'alarm-router': createAlarmRouterHandler({
      controller: endpoints,
      notifiers: () => notifiers,
      loadRuntime,
    }),
    'deployment-tracker': createDeploymentTrackerHandler({ endpoints, loadRuntime }),
    // The home plays the heads bucket too (`heads/`); `vigil audit verify` reads the journal itself.
    'audit-head-recorder': createAuditHeadRecorderHandler(() => runtime.store),
  };
  const loop = new LocalLoop({
    store: runtime.store,
    bus,
    clock: options.clock,
    log: runtime.log,
    ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
    ...localWiring(options.config, handlers, LOCAL_BUCKET),
    afterRound: async () => {
      const results = await evaluateLocalAlarms({
        config: options.config,
        metrics,
        store: runtime.store,
        clock: options.clock,
      });
      const changes = results.flatMap((r) => (r.event ? [r.event] : []));
      if (changes.length) await bus.put(changes);
    },
  });
  return { home, runtime, bus, loop, registry, cards, endpoints, metrics };
}
