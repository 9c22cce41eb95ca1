import { type GateResult, runRegistryGate } from '@vigil/core/governance';
import { auditLogOf } from './shared/audit-log.ts';
import {
  MODEL_PACKAGE_VERSION_ARN,
  ModelCardStateChangeDetailSchema,
  ModelPackageStateChangeDetailSchema,
} from './shared/event-schemas.ts';
import { assertEventBridge } from './shared/events.ts';
import { type GovernanceDependencies, sageMakerGovernance } from './shared/governance.ts';
import { lambdaHandler } from './shared/lambda-handler.ts';

const PACKAGE_CHANGE = 'SageMaker Model Package State Change';
const CARD_CHANGE = 'SageMaker Model Card State Change';

type ModelPackageChange = ReturnType<typeof ModelPackageStateChangeDetailSchema.parse>;
type ModelCardChange = ReturnType<typeof ModelCardStateChangeDetailSchema.parse>;

/** What the handler runs on; `vigil dev` passes the local registry, cards and runtime. */
export type RegistryGateDependencies = GovernanceDependencies<'config' | 'store' | 'storeFor' | 'clock'>;

/**
 * A registry-gate handler over the given registry, cards and runtime: SageMaker and the Lambda
 * runtime in AWS (`handler`), the local ones in `vigil dev`.
 *
 * @example
 * ```ts
 * const gate = createRegistryGateHandler({ registry: localRegistry, cards: localCards, loadRuntime: async () => local });
 * await gate(event);
 * ```
 */
export function createRegistryGateHandler(
  deps: RegistryGateDependencies,
): (event: unknown) => Promise<GateResult> {
  return async (event) => {
    const envelope = assertEventBridge<string, ModelCardChange | ModelPackageChange>(event, {
      source: 'aws.sagemaker',
      detailType: [PACKAGE_CHANGE, CARD_CHANGE],
      detail:
        (event as { 'detail-type'?: unknown })['detail-type'] === CARD_CHANGE
          ? ModelCardStateChangeDetailSchema
          : ModelPackageStateChangeDetailSchema,
    });
    const card = envelope['detail-type'] === CARD_CHANGE ? (envelope.detail as ModelCardChange) : undefined;
    const change = card ? undefined : (envelope.detail as ModelPackageChange);
    if (card && !MODEL_PACKAGE_VERSION_ARN.test(card.ModelId ?? '')) {
      // Vigil's cards carry their model package ARN as model id; other cards are not the gate's business.
      return {
        action: 'ignored',
        reason: 'the card is not the card of a model package version',
        modelPackageArn: '',
      };
    }
    const runtime = await deps.loadRuntime();
    const result = await runRegistryGate(
      {
        registry: deps.registry,
        cards: deps.cards,
        store: runtime.store,
        audit: auditLogOf(runtime),
        ...(runtime.auditStore ? { auditStore: runtime.auditStore } : {}),
        locate: (uri) => runtime.storeFor(uri),
        clock: runtime.clock,
        log: runtime.log,
      },
      {
        modelPackageArn: card?.ModelId ?? change!.ModelPackageArn,
        eventId: envelope.id,
        ...(change?.UpdatedModelPackageFields ? { updatedFields: change.UpdatedModelPackageFields } : {}),
        ...(card ? { cardStatus: card.ModelCardStatus } : {}),
      },
      { policies: runtime.config.approvalPolicies, endpoints: runtime.config.endpoints },
    );
    runtime.log.info('Registry gate done', {
      eventId: envelope.id,
      action: result.action,
      outcome: result.outcome,
      modelPackageArn: result.modelPackageArn,
      failedRules: result.rules?.filter((r) => !r.passed).length,
    });
    return result;
  };
}

/**
 * registry-gate: on "SageMaker Model Package State Change" (source aws.sagemaker) runs the
 * approval gate on the package version: a version pending approval is approved, rejected or left
 * pending by the group's policy; an approval status set by a person is recorded in the audit log
 * and never overridden; the events its own update causes and repeated deliveries change nothing.
 * On "SageMaker Model Card State Change" of a version's card (model id = package ARN), a version
 * the gate left pending is evaluated again when the card's status changed (e.g. a reviewer
 * approved the card the policy requires).
 * SageMaker clients at module scope, reused by a warm container.
 */
export const handler = lambdaHandler(createRegistryGateHandler(sageMakerGovernance()));
