import type { PackageEvidence } from '../governance/evidence.ts';
import type { ModelPackage } from '../ports/model-registry.ts';
import type { ModelCardContent } from './content-schema.ts';
import { registrationEvaluation } from './registration-evaluation.ts';

// Sections a registration may supply; model_package_details and evaluation_details are Vigil's to write.
const INHERITED_SECTIONS = [
  'model_overview',
  'intended_uses',
  'business_details',
  'training_details',
  'additional_information',
] as const;

const PACKAGE_STATUSES = new Set(['Pending', 'InProgress', 'Completed', 'Failed', 'Deleting']);

/**
 * The first content of a version's model card, in SageMaker's model-card schema: what the
 * registry knows (ids, version, containers, approval status), the sections the registration
 * supplied (intended uses, business details, owner, …), and the registered reports as the first
 * evaluation. The risk rating stays `Unknown` until someone rates it.
 *
 * @example
 * ```ts
 * const content = buildModelCardContent(pkg, await collectPackageEvidence(pkg, locate));
 * ```
 */
export function buildModelCardContent(pkg: ModelPackage, evidence?: PackageEvidence): ModelCardContent {
  const base = (pkg.modelCardContent ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const inherited: Record<string, unknown> = {};
  for (const section of INHERITED_SECTIONS) {
    if (base[section] && typeof base[section] === 'object') inherited[section] = base[section];
  }
  const overview = (inherited.model_overview ?? {}) as NonNullable<ModelCardContent['model_overview']>;
  const uses = (inherited.intended_uses ?? {}) as NonNullable<ModelCardContent['intended_uses']>;
  const evaluation = evidence ? registrationEvaluation(evidence) : undefined;
  const content: ModelCardContent = {
    ...(inherited as ModelCardContent),
    model_overview: {
      ...overview,
      model_id: pkg.arn,
      model_name: pkg.groupName,
      model_version: pkg.version,
      ...(pkg.description && !overview.model_description
        ? { model_description: pkg.description.slice(0, 1024) }
        : {}),
      ...(pkg.modelDataUrls.length ? { model_artifact: pkg.modelDataUrls.slice(0, 15) } : {}),
      ...(pkg.images.length ? { inference_environment: { container_image: pkg.images.slice(0, 15) } } : {}),
    },
    intended_uses: { ...uses, risk_rating: uses.risk_rating ?? 'Unknown' },
    ...(evaluation ? { evaluation_details: [evaluation] } : {}),
    model_package_details: {
      model_package_arn: pkg.arn,
      model_package_group_name: pkg.groupName,
      model_package_version: pkg.version,
      ...(pkg.status && PACKAGE_STATUSES.has(pkg.status)
        ? {
            model_package_status: pkg.status as
              | 'Pending'
              | 'InProgress'
              | 'Completed'
              | 'Failed'
              | 'Deleting',
          }
        : {}),
      model_approval_status: pkg.approvalStatus,
      ...(pkg.description ? { model_package_description: pkg.description.slice(0, 1024) } : {}),
      ...(pkg.approvalDescription ? { approval_description: pkg.approvalDescription.slice(0, 1024) } : {}),
      ...(pkg.domain ? { domain: pkg.domain } : {}),
      ...(pkg.task ? { task: pkg.task } : {}),
      ...(pkg.images.length
        ? {
            inference_specification: {
              containers: pkg.images.slice(0, 15).map((image, i) => ({
                image: image.slice(0, 255),
                ...(pkg.modelDataUrls[i] ? { model_data_url: pkg.modelDataUrls[i]!.slice(0, 1024) } : {}),
              })),
            },
          }
        : {}),
    },
  };
  return content;
}
