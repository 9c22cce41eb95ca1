import { SageMakerModelCardStore, SageMakerModelRegistry } from '@vigil/aws';
import type { Log, ModelCardStore, ModelRegistry } from '@vigil/core';
import { loadRuntime, type Runtime } from './runtime.ts';

/**
 * What a governance handler (card-sync, registry-gate) runs on: the model registry, the model
 * cards and the parts `TUsed` of the runtime it reads (the audit store and events when there are
 * any). The Lambdas run on SageMaker ({@link sageMakerGovernance}); `vigil dev` passes the local ones.
 */
export interface GovernanceDependencies<TUsed extends keyof Runtime> {
  registry: ModelRegistry;
  cards: ModelCardStore;
  loadRuntime: () => Promise<
    Pick<Runtime, TUsed> & Partial<Pick<Runtime, 'auditStore' | 'events'>> & { log: Log }
  >;
}

/**
 * The governance dependencies in AWS: SageMaker Model Registry, SageMaker Model Cards and the
 * Lambda runtime. Called at module scope, so a warm container reuses the clients.
 *
 * @example
 * ```ts
 * export const handler = lambdaHandler(createCardSyncHandler(sageMakerGovernance()));
 * ```
 */
export function sageMakerGovernance(): {
  registry: ModelRegistry;
  cards: ModelCardStore;
  loadRuntime: () => Promise<Runtime>;
} {
  return { registry: new SageMakerModelRegistry(), cards: new SageMakerModelCardStore(), loadRuntime };
}
