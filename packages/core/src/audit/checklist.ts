import { cardContentAt } from '../cards/content-path.ts';
import type { ModelCardContent } from '../cards/content-schema.ts';
import type { DecisionRecord } from '../governance/decision-record.ts';
import type { MonitoringRunSummary } from '../governance/evidence.ts';
import type { AuditRecord } from '../ports/audit-log.ts';
import type { ModelCardVersionSummary, StoredModelCard } from '../ports/model-card-store.ts';
import type { AuditVerification } from './verify.ts';

/** One documentation item of a framework, and whether the bundle holds evidence for it. */
export interface ChecklistItem {
  framework: 'EU AI Act' | 'SR 11-7';
  /** Where the requirement is: `Annex IV(2)(g)`, `Art. 12`, `Validation`. */
  reference: string;
  item: string;
  status: 'present' | 'missing';
  /** Where the evidence is, or what to add. */
  evidence: string;
}

/** The evidence of the version the checklist is judged on. */
export interface ChecklistEvidence {
  card?: StoredModelCard;
  cardVersions: ModelCardVersionSummary[];
  decisions: DecisionRecord[];
  manualChanges: AuditRecord[];
  monitoring: MonitoringRunSummary[];
  audit: AuditVerification;
  /** How many versions the group has. */
  versionCount: number;
}

interface Check {
  framework: ChecklistItem['framework'];
  reference: string;
  item: string;
  /** The evidence found, or undefined when there is none. */
  find: (e: ChecklistEvidence, c: ModelCardContent) => string | undefined;
  /** What to add when missing. */
  fix: string;
}

const text = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
const list = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > 0;
const field = (path: string, value: unknown): string | undefined =>
  text(value) || typeof value === 'number' || list(value) ? `card ${path}` : undefined;
const reportIn = (e: ChecklistEvidence, kind: string) =>
  e.decisions.some((d) => d.evidence.reports.some((r) => r.kind === kind && r.status === 'present'));
const rated = (c: ModelCardContent) =>
  text(c.intended_uses?.risk_rating) && c.intended_uses?.risk_rating !== 'Unknown';
const riskRating = (_: ChecklistEvidence, c: ModelCardContent) =>
  rated(c) ? `card intended_uses.risk_rating = ${c.intended_uses?.risk_rating}` : undefined;
/** A check that finds the first of the card fields at `paths` (dotted) that is filled. */
const cardField =
  (...paths: string[]) =>
  (_: ChecklistEvidence, c: ModelCardContent): string | undefined => {
    for (const path of paths) {
      const found = field(path, cardContentAt(c as Record<string, unknown>, path));
      if (found) return found;
    }
    return undefined;
  };
const trainingDatasets = cardField('training_details.training_job_details.training_datasets');
const algorithmType = cardField('model_overview.algorithm_type');

// Items abbreviated from Regulation (EU) 2024/1689 Annex IV and Art. 12, and from SR 11-7 (see
// the governance reference §7). "present" means the bundle holds the evidence, not that it is adequate.
const CHECKS: Check[] = [
  {
    framework: 'EU AI Act',
    reference: 'Annex IV(1)(a)',
    item: 'Intended purpose and provider',
    find: (_, c) =>
      (text(c.intended_uses?.purpose_of_model) || text(c.intended_uses?.intended_uses)) &&
      (text(c.model_overview?.model_owner) || text(c.model_overview?.model_creator))
        ? 'card intended_uses and model_overview.model_owner/model_creator'
        : undefined,
    fix: 'fill intended_uses.purpose_of_model and model_overview.model_owner in the card',
  },
  {
    framework: 'EU AI Act',
    reference: 'Annex IV(1)(b)',
    item: 'Version of the system and its relation to previous versions',
    find: (e, c) =>
      c.model_package_details?.model_package_version !== undefined
        ? `model package version ${c.model_package_details.model_package_version} of ${e.versionCount} in the group; ${e.cardVersions.length} card version(s)`
        : undefined,
    fix: 'register the model as a versioned model package',
  },
  {
    framework: 'EU AI Act',
    reference: 'Annex IV(2)(b)',
    item: 'Design specifications: general logic, key design choices, what the system optimises for',
    find: (e, c) =>
      algorithmType(e, c) ??
      (c.training_details?.objective_function ? 'card training_details.objective_function' : undefined),
    fix: 'fill model_overview.algorithm_type and training_details.objective_function',
  },
  {
    framework: 'EU AI Act',
    reference: 'Annex IV(2)(d)',
    item: 'Data requirements: training data and its provenance',
    find: trainingDatasets,
    fix: 'list training_details.training_job_details.training_datasets',
  },
  {
    framework: 'EU AI Act',
    reference: 'Annex IV(2)(e)',
    item: 'Human oversight measures',
    find: (e) =>
      e.decisions.some((d) => d.outcome === 'leave-pending') || e.manualChanges.length > 0
        ? `${e.manualChanges.length} decision(s) by people recorded; ${e.decisions.length} gate decision(s) reviewable`
        : undefined,
    fix: 'have a person review the gate decision (approve or reject in the registry) or set onFail: leave-pending',
  },
  {
    framework: 'EU AI Act',
    reference: 'Annex IV(2)(g)',
    item: 'Validation and testing: metrics of accuracy and robustness',
    find: (e) => (reportIn(e, 'ModelQuality') ? 'model-quality report in the decision evidence' : undefined),
    fix: 'register a model-quality statistics.json with the model package',
  },
  {
    framework: 'EU AI Act',
    reference: 'Annex IV(2)(g)',
    item: 'Validation and testing: potentially discriminatory impacts',
    find: (e) => (reportIn(e, 'ModelBias') ? 'Clarify bias report in the decision evidence' : undefined),
    fix: 'register a Clarify bias analysis.json with the model package',
  },
  {
    framework: 'EU AI Act',
    reference: 'Annex IV(2)(g)',
    item: 'Test logs and test reports, dated and attributed',
    find: (e) =>
      e.decisions.length
        ? `decision records ${e.decisions.map((d) => `${d.id} (${d.decidedAt})`).join(', ')}`
        : undefined,
    fix: 'run the approval gate on the version (`vigil registry gate`)',
  },
  {
    framework: 'EU AI Act',
    reference: 'Annex IV(3)',
    item: 'Capabilities, limitations and foreseeable unintended outcomes',
    find: cardField(
      'additional_information.caveats_and_recommendations',
      'intended_uses.factors_affecting_model_efficiency',
    ),
    fix: 'fill additional_information.caveats_and_recommendations',
  },
  {
    framework: 'EU AI Act',
    reference: 'Annex IV(5)',
    item: 'Risk management system (Art. 9)',
    find: riskRating,
    fix: 'rate the risk (intended_uses.risk_rating, not Unknown) and explain it',
  },
  {
    framework: 'EU AI Act',
    reference: 'Annex IV(6)',
    item: 'Changes made through the lifecycle',
    find: (e) =>
      e.cardVersions.length > 0 || e.decisions.length > 0
        ? `${e.cardVersions.length} card version(s), ${e.decisions.length} decision(s), audit log`
        : undefined,
    fix: 'keep the model card in SageMaker Model Cards (card-sync does)',
  },
  {
    framework: 'EU AI Act',
    reference: 'Annex IV(9)',
    item: 'Post-market monitoring plan and results (Art. 72)',
    find: (e) => (e.monitoring.length ? `${e.monitoring.length} monitoring run(s) recorded` : undefined),
    fix: 'configure monitors for the endpoint serving the version',
  },
  {
    framework: 'EU AI Act',
    reference: 'Art. 12',
    item: 'Automatic recording of events (logs), tamper-evident',
    find: (e) =>
      e.audit.ok && e.audit.recordCount > 0
        ? `audit log verified: ${e.audit.recordCount} records, head #${e.audit.head?.sequence} ${e.audit.head?.hash.slice(0, 12)}…`
        : undefined,
    fix: 'restore the audit log: `vigil audit verify` lists the problems',
  },
  {
    framework: 'SR 11-7',
    reference: 'Governance: model inventory',
    item: 'Owner and developer',
    find: cardField('model_overview.model_owner'),
    fix: 'fill model_overview.model_owner',
  },
  {
    framework: 'SR 11-7',
    reference: 'Development and use',
    item: 'Purpose, intended use and restrictions',
    find: (_, c) =>
      field(
        'intended_uses.intended_uses',
        c.intended_uses?.intended_uses ?? c.intended_uses?.purpose_of_model,
      ),
    fix: 'fill intended_uses.intended_uses',
  },
  {
    framework: 'SR 11-7',
    reference: 'Governance: model inventory',
    item: 'Risk tier',
    find: riskRating,
    fix: 'rate the risk (intended_uses.risk_rating)',
  },
  {
    framework: 'SR 11-7',
    reference: 'Development and use',
    item: 'Methodology, theory and assumptions',
    find: cardField('model_overview.algorithm_type', 'training_details.training_observations'),
    fix: 'fill model_overview.algorithm_type and training_details.training_observations',
  },
  {
    framework: 'SR 11-7',
    reference: 'Development and use',
    item: 'Data lineage',
    find: trainingDatasets,
    fix: 'list the training datasets in the card',
  },
  {
    framework: 'SR 11-7',
    reference: 'Development and use',
    item: 'Limitations and compensating controls',
    find: cardField('additional_information.caveats_and_recommendations'),
    fix: 'fill additional_information.caveats_and_recommendations',
  },
  {
    framework: 'SR 11-7',
    reference: 'Validation',
    item: 'Validation results and findings, approval date and approver',
    find: (e) =>
      e.decisions.length
        ? `${e.decisions.length} decision record(s) with rules and evidence; approver ${e.decisions.at(-1)?.trigger.actor}${e.manualChanges.length ? ` and ${e.manualChanges.map((m) => m.actor).join(', ')}` : ''}`
        : undefined,
    fix: 'run the approval gate on the version',
  },
  {
    framework: 'SR 11-7',
    reference: 'Validation: ongoing monitoring',
    item: 'Monitoring plan with thresholds and triggers',
    find: (e) => {
      const policy = e.decisions.at(-1)?.policy;
      return policy && (policy.metrics.length || policy.noWorseThanApproved.length)
        ? `approval policy with ${policy.metrics.length + policy.noWorseThanApproved.length} metric threshold(s)`
        : undefined;
    },
    fix: 'add metric thresholds to the group approval policy',
  },
  {
    framework: 'SR 11-7',
    reference: 'Validation: outcomes analysis',
    item: 'Outcomes analysis (back-testing against ground truth)',
    find: (e) => {
      const runs = e.monitoring.filter((m) => m.monitoringType === 'ModelQuality');
      return runs.length ? `${runs.length} model-quality monitoring run(s)` : undefined;
    },
    fix: 'configure the model-quality monitor with ground truth',
  },
  {
    framework: 'SR 11-7',
    reference: 'Governance',
    item: 'Change history, version and last review date',
    find: (e) => {
      const last = e.cardVersions.at(-1);
      return last
        ? `card version ${last.version}, last modified ${last.lastModifiedAt ?? last.createdAt}`
        : undefined;
    },
    fix: 'create the model card (the gate creates it on registration)',
  },
];

/**
 * The documentation checklist against EU AI Act Annex IV / Art. 12 and SR 11-7, each item
 * marked present (with where the evidence is) or missing (with what to add).
 *
 * @example
 * ```ts
 * const missing = complianceChecklist(evidence).filter((i) => i.status === 'missing');
 * ```
 */
export function complianceChecklist(evidence: ChecklistEvidence): ChecklistItem[] {
  const content = (evidence.card?.content ?? {}) as ModelCardContent;
  return CHECKS.map((check) => {
    const found = check.find(evidence, content);
    return {
      framework: check.framework,
      reference: check.reference,
      item: check.item,
      status: found ? 'present' : 'missing',
      evidence: found ?? `missing: ${check.fix}`,
    };
  });
}
