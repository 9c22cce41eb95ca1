import type { AuditRecord } from '../ports/audit-log.ts';
import type { StoredModelCard } from '../ports/model-card-store.ts';
import type { EvaluationDetail, MetricData, ModelCardContent } from './content-schema.ts';
import { MONITORING_SOURCE } from './monitoring-evaluation.ts';

/** A block of an auditor-facing document, rendered as Markdown or HTML. */
export type DocumentBlock =
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'text'; text: string }
  | { kind: 'subheading'; text: string };

export interface DocumentSection {
  heading: string;
  blocks: DocumentBlock[];
}

/** The card as an auditor reads it: sections of fields, tables and text. */
export interface CardDocument {
  title: string;
  subtitle: string;
  sections: DocumentSection[];
}

/** What goes into a card document beside the card itself. */
export interface CardDocumentHistory {
  /** Audit records about the card's model package (decisions, manual changes, monitoring runs). */
  auditRecords?: readonly AuditRecord[];
  /** When the document was produced. */
  generatedAt?: Date;
}

const OVERVIEW_LABELS: [keyof NonNullable<ModelCardContent['model_overview']>, string][] = [
  ['model_name', 'Model name'],
  ['model_version', 'Model version'],
  ['model_id', 'Model id'],
  ['model_description', 'Description'],
  ['model_owner', 'Owner'],
  ['model_creator', 'Creator'],
  ['problem_type', 'Problem type'],
  ['algorithm_type', 'Algorithm'],
  ['model_artifact', 'Artifacts'],
];

/**
 * Lays a card out for an auditor: overview, intended uses and risk, business and training
 * details, approval history, monitoring results, evaluations, additional information and the
 * model package. `renderCardMarkdown` and `renderCardHtml` print it.
 *
 * @example
 * ```ts
 * const doc = cardDocument(card, { auditRecords: records.filter((r) => r.subject === arn) });
 * ```
 */
export function cardDocument(card: StoredModelCard, history: CardDocumentHistory = {}): CardDocument {
  const c = card.content as ModelCardContent;
  const records = history.auditRecords ?? [];
  const sections: DocumentSection[] = [];
  const overview = c.model_overview ?? {};
  sections.push({
    heading: 'Model overview',
    blocks: [
      fields([
        ...OVERVIEW_LABELS.map(([k, label]): [string, unknown] => [label, overview[k]]),
        ['Container images', overview.inference_environment?.container_image],
      ]),
    ],
  });
  const uses = c.intended_uses ?? {};
  sections.push({
    heading: 'Intended uses and risk',
    blocks: [
      fields([
        ['Risk rating', uses.risk_rating],
        ['Why this rating', uses.explanations_for_risk_rating],
        ['Purpose', uses.purpose_of_model],
        ['Intended uses', uses.intended_uses],
        ['Factors affecting efficiency', uses.factors_affecting_model_efficiency],
      ]),
    ],
  });
  const business = c.business_details ?? {};
  sections.push({
    heading: 'Business details',
    blocks: [
      fields([
        ['Business problem', business.business_problem],
        ['Stakeholders', business.business_stakeholders],
        ['Line of business', business.line_of_business],
      ]),
    ],
  });
  const training = c.training_details;
  if (training) {
    const job = training.training_job_details;
    sections.push({
      heading: 'Training details',
      blocks: [
        fields([
          [
            'Objective',
            training.objective_function?.function?.function &&
              `${training.objective_function.function.function} ${training.objective_function.function.facet ?? ''}`.trim(),
          ],
          ['Observations', training.training_observations],
          ['Training job', job?.training_arn],
          ['Training data', job?.training_datasets],
        ]),
        ...(job?.training_metrics?.length
          ? [
              table(
                ['Training metric', 'Value'],
                job.training_metrics.map((m) => [m.name, num(m.value)]),
              ),
            ]
          : []),
      ],
    });
  }
  sections.push(approvalSection(records));
  sections.push(monitoringSection(records, c.evaluation_details ?? []));
  const evaluations = (c.evaluation_details ?? []).filter((e) => e.metadata?.source !== MONITORING_SOURCE);
  sections.push({
    heading: 'Evaluations',
    blocks: evaluations.length
      ? evaluations.flatMap(evaluationBlocks)
      : [{ kind: 'text', text: 'No evaluation recorded.' }],
  });
  const info = c.additional_information ?? {};
  sections.push({
    heading: 'Additional information',
    blocks: [
      fields([
        ['Ethical considerations', info.ethical_considerations],
        ['Caveats and recommendations', info.caveats_and_recommendations],
        ...Object.entries(info.custom_details ?? {}).map(([k, v]): [string, string] => [k, v]),
      ]),
    ],
  });
  const mp = c.model_package_details ?? {};
  sections.push({
    heading: 'Model package',
    blocks: [
      fields([
        ['Package ARN', mp.model_package_arn],
        ['Group', mp.model_package_group_name],
        ['Version', mp.model_package_version],
        ['Status', mp.model_package_status],
        ['Approval status', mp.model_approval_status],
        ['Approval description', mp.approval_description],
      ]),
    ],
  });
  const generated = (history.generatedAt ?? new Date()).toISOString();
  return {
    title: `Model card ${card.name}`,
    subtitle: `Card version ${card.version}, status ${card.status}${card.lastModifiedAt ? `, last modified ${card.lastModifiedAt}` : ''}. Generated ${generated} by Vigil.`,
    sections,
  };
}

function approvalSection(records: readonly AuditRecord[]): DocumentSection {
  const approvals = records.filter((r) => r.kind.startsWith('approval.') || r.kind === 'rollback.performed');
  return {
    heading: 'Approval history',
    blocks: approvals.length
      ? [
          table(
            ['When (UTC)', 'What', 'By', 'Summary', 'Audit #'],
            approvals.map((r) => [r.at, r.kind, r.actor, r.summary, String(r.sequence)]),
          ),
        ]
      : [{ kind: 'text', text: 'No approval decision recorded in the audit log.' }],
  };
}

function monitoringSection(
  records: readonly AuditRecord[],
  evaluations: readonly EvaluationDetail[],
): DocumentSection {
  const runs = evaluations.filter((e) => e.metadata?.source === MONITORING_SOURCE);
  const blocks: DocumentBlock[] = [];
  const counters = records.filter((r) => r.kind === 'monitoring.execution');
  if (runs.length) {
    blocks.push(
      table(
        ['Scheduled hour', 'Monitor', 'Status', 'Violations', 'Records', 'Metrics', 'Report'],
        runs.map((e) => {
          const m = e.metadata ?? {};
          const metrics = (e.metric_groups ?? [])
            .flatMap((g) => g.metric_data)
            .slice(0, 6)
            .map((d) => `${d.name}=${metricText(d)}`)
            .join(', ');
          return [
            m.scheduled_time ?? '',
            m.monitoring_type ?? '',
            m.status ?? '',
            m.violation_count ?? '',
            m.record_count ?? '',
            metrics,
            m.report_uri ?? '',
          ];
        }),
      ),
    );
  } else {
    blocks.push({ kind: 'text', text: 'No monitoring run recorded on the card.' });
  }
  if (counters.length > runs.length) {
    blocks.push({
      kind: 'text',
      text: `The card keeps the newest ${runs.length} runs; the audit log holds all ${counters.length} for this version (totals per monitor are under Additional information).`,
    });
  }
  return { heading: 'Monitoring results', blocks };
}

function evaluationBlocks(e: EvaluationDetail): DocumentBlock[] {
  const blocks: DocumentBlock[] = [{ kind: 'subheading', text: e.name }];
  if (e.evaluation_observation) blocks.push({ kind: 'text', text: e.evaluation_observation });
  if (e.datasets?.length) blocks.push(fields([['Datasets', e.datasets]]));
  for (const group of e.metric_groups ?? []) {
    const scalars = group.metric_data.filter(
      (d) => d.type === 'number' || d.type === 'string' || d.type === 'boolean',
    );
    if (scalars.length)
      blocks.push(
        table(
          [group.name, 'Value'],
          scalars.map((d) => [d.name, metricText(d)]),
        ),
      );
    for (const d of group.metric_data) {
      if (d.type === 'matrix') {
        const labels = d.x_axis_name ?? d.value[0]?.map((_, i) => String(i)) ?? [];
        blocks.push(
          table(
            [`${d.name} (actual \\ predicted)`, ...labels],
            d.value.map((row, i) => [d.y_axis_name?.[i] ?? String(i), ...row.map(num)]),
          ),
        );
      } else if (d.type === 'bar_chart') {
        blocks.push(
          table(
            [`${group.name}: ${d.name}`, d.y_axis_name ?? 'Value'],
            d.value.map((v, i) => [d.x_axis_name?.[i] ?? String(i), num(v)]),
          ),
        );
      } else if (d.type === 'linear_graph') {
        blocks.push(
          table(
            [d.x_axis_name ?? 'x', d.y_axis_name ?? 'y'],
            d.value.map(([x, y]) => [num(x), num(y)]),
          ),
        );
      }
    }
  }
  return blocks;
}

function metricText(d: MetricData): string {
  if (d.type === 'number') return num(d.value);
  if (d.type === 'string' || d.type === 'boolean') return String(d.value);
  return d.type;
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}

function fields(rows: [string, unknown][]): DocumentBlock {
  return {
    kind: 'fields',
    rows: rows.flatMap(([label, value]): [string, string][] => {
      if (value === undefined || value === null || value === '') return [];
      if (Array.isArray(value)) return value.length ? [[label, value.join(', ')]] : [];
      return [[label, String(value)]];
    }),
  };
}

function table(header: string[], rows: string[][]): DocumentBlock {
  return { kind: 'table', header, rows };
}
