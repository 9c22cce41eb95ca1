import type { AuditRecord } from '../ports/audit-log.ts';
import type { StoredModelCard } from '../ports/model-card-store.ts';
import type { EvaluationDetail, MetricData, ModelCardContent } from './content-schema.ts';
import { MONITORING_SOURCE } from './monitoring-evaluation.ts';

/** A block of an auditor-facing document, rendered as Markdown or HTML. */
/** A table cell: text, or text linking to `href` (relative inside an export bundle). */
export type DocumentCell = string | { text: string; href: string };

export type DocumentBlock =
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'table'; header: string[]; rows: DocumentCell[][] }
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
  /** The package's approval status now, which the document states (the card's own status is another thing). */
  approvalStatus?: string;
  /** The package's approval description now (the card keeps the one of its last sync). */
  approvalDescription?: string;
  /**
   * Where a cited report is inside the export bundle, relative to the document; a report it does
   * not map is named, not linked.
   */
  reportLink?: (reportUri: string) => string | undefined;
  /**
   * Where a cited evaluation dataset or evidence file is inside the export bundle, relative to the
   * document; a file it does not map is named, not linked.
   */
  datasetLink?: (datasetUri: string) => string | undefined;
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
  sections.push(
    fieldsSection('Model overview', [
      ...OVERVIEW_LABELS.map(([k, label]): [string, unknown] => [label, overview[k]]),
      ['Container images', overview.inference_environment?.container_image],
    ]),
  );
  sections.push(intendedUsesSection(c.intended_uses ?? {}));
  sections.push(businessSection(c.business_details ?? {}));
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
  sections.push(monitoringSection(records, c.evaluation_details ?? [], history.reportLink));
  const evaluations = (c.evaluation_details ?? []).filter((e) => e.metadata?.source !== MONITORING_SOURCE);
  sections.push({
    heading: 'Evaluations',
    blocks: evaluations.length
      ? evaluations.flatMap((e) => evaluationBlocks(e, history.datasetLink))
      : [{ kind: 'text', text: 'No evaluation recorded.' }],
  });
  sections.push(additionalInformationSection(c.additional_information ?? {}));
  const mp = c.model_package_details ?? {};
  sections.push(modelPackageSection(mp, history));
  const generated = (history.generatedAt ?? new Date()).toISOString();
  const approval = history.approvalStatus ?? mp.model_approval_status;
  return {
    title: `Model card ${card.name}`,
    subtitle: `${approval ? `Approval status ${approval}. ` : ''}Card version ${card.version} (model card status ${card.status}${card.lastModifiedAt ? `, last modified ${card.lastModifiedAt}` : ''}). Generated ${generated} by Vigil.`,
    sections,
  };
}

/** A part of the card content, present or not. */
type CardPart<K extends keyof ModelCardContent> = NonNullable<ModelCardContent[K]>;

function intendedUsesSection(uses: CardPart<'intended_uses'>): DocumentSection {
  return fieldsSection('Intended uses and risk', [
    ['Risk rating', uses.risk_rating],
    ['Why this rating', uses.explanations_for_risk_rating],
    ['Purpose', uses.purpose_of_model],
    ['Intended uses', uses.intended_uses],
    ['Factors affecting efficiency', uses.factors_affecting_model_efficiency],
  ]);
}

function businessSection(business: CardPart<'business_details'>): DocumentSection {
  return fieldsSection('Business details', [
    ['Business problem', business.business_problem],
    ['Stakeholders', business.business_stakeholders],
    ['Line of business', business.line_of_business],
  ]);
}

function additionalInformationSection(info: CardPart<'additional_information'>): DocumentSection {
  return fieldsSection('Additional information', [
    ['Ethical considerations', info.ethical_considerations],
    ['Caveats and recommendations', info.caveats_and_recommendations],
    ...Object.entries(info.custom_details ?? {}).map(([k, v]): [string, string] => [k, v]),
  ]);
}

/** The registry's package fields; its approval as the history states it, where it does. */
function modelPackageSection(
  mp: CardPart<'model_package_details'>,
  history: CardDocumentHistory,
): DocumentSection {
  return fieldsSection('Model package', [
    ['Package ARN', mp.model_package_arn],
    ['Group', mp.model_package_group_name],
    ['Version', mp.model_package_version],
    ['Status', mp.model_package_status],
    ['Approval status', history.approvalStatus ?? mp.model_approval_status],
    ['Approval description', history.approvalDescription ?? mp.approval_description],
  ]);
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
  reportLink: CardDocumentHistory['reportLink'],
): DocumentSection {
  const entries = evaluations.filter((e) => e.metadata?.source === MONITORING_SOURCE);
  const logged = records.filter((r) => r.kind === 'monitoring.execution');
  // The audit log holds every run of the version; the card only the newest ones.
  const runs = logged.length ? logged.map(runFromRecord) : entries.map(runFromEntry);
  if (runs.length === 0) {
    return { heading: 'Monitoring results', blocks: [{ kind: 'text', text: 'No monitoring run recorded.' }] };
  }
  const blocks: DocumentBlock[] = [];
  for (const type of [...new Set(runs.map((r) => r.monitoringType))]) {
    const ofType = runs.filter((r) => r.monitoringType === type);
    const columns = keyMetrics(ofType);
    blocks.push({ kind: 'subheading', text: `${type} runs (${ofType.length})` });
    blocks.push(
      table(
        [
          'Window (UTC)',
          'Served by',
          'Status',
          'Violations',
          'Records',
          ...columns.map(metricLabel),
          'Report',
        ],
        ofType.map((r) => [
          windowText(r.windowStart, r.windowEnd),
          servedText(r),
          r.status,
          r.violations,
          r.records,
          ...columns.map((m) => (r.metrics[m] === undefined ? '' : short(r.metrics[m]))),
          reportCell(r.reportUri, reportLink),
        ]),
      ),
    );
  }
  if (!logged.length && entries.length) {
    blocks.push({
      kind: 'text',
      text: 'From the model card, which keeps the newest runs (totals per monitor are under Additional information).',
    });
  }
  return { heading: 'Monitoring results', blocks };
}

/** One run as the document shows it. */
interface RunRow {
  monitoringType: string;
  windowStart: string;
  windowEnd: string;
  status: string;
  violations: string;
  records: string;
  metrics: Record<string, number>;
  reportUri: string;
  version?: string;
  config?: string;
  servedFrom?: string;
  servedTo?: string;
}

function runFromRecord(r: AuditRecord): RunRow {
  const d = r.details as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const scheduled = text(d.scheduledTime);
  return {
    monitoringType: text(d.monitoringType),
    windowStart: text(d.windowStart) || scheduled,
    windowEnd: text(d.windowEnd) || scheduled,
    status: text(d.status),
    violations: text(d.violationCount),
    records: text(d.recordCount),
    metrics: d.metrics && typeof d.metrics === 'object' ? (d.metrics as Record<string, number>) : {},
    reportUri: text(d.reportUri),
    ...(d.modelPackageVersion !== undefined ? { version: text(d.modelPackageVersion) } : {}),
    ...(typeof d.endpointConfigName === 'string' ? { config: d.endpointConfigName } : {}),
    ...(typeof d.servedFrom === 'string' ? { servedFrom: d.servedFrom } : {}),
    ...(typeof d.servedTo === 'string' ? { servedTo: d.servedTo } : {}),
  };
}

function runFromEntry(e: EvaluationDetail): RunRow {
  const m = e.metadata ?? {};
  const [start = m.scheduled_time ?? '', end = m.scheduled_time ?? ''] = (m.window ?? '').split('/');
  return {
    monitoringType: m.monitoring_type ?? '',
    windowStart: start,
    windowEnd: end,
    status: m.status ?? '',
    violations: m.violation_count ?? '',
    records: m.record_count ?? '',
    metrics: Object.fromEntries(
      (e.metric_groups ?? [])
        .flatMap((g) => g.metric_data)
        .flatMap((d) => (d.type === 'number' ? [[d.name, d.value] as const] : [])),
    ),
    reportUri: m.report_uri ?? '',
  };
}

// Headline metrics first; then the metrics most runs have. Enough columns to read, few enough to print.
const PREFERRED_METRICS = [
  'accuracy',
  'auc',
  'f1',
  'precision',
  'recall',
  'rmse',
  'mae',
  'r2',
  'weighted_f1',
];
const MAX_METRIC_COLUMNS = 4;

function keyMetrics(runs: readonly RunRow[]): string[] {
  // Beyond the headline metrics, the ones that moved most (drift distances, bias values) matter most.
  const largest = new Map<string, number>();
  for (const r of runs) {
    for (const [name, value] of Object.entries(r.metrics)) {
      largest.set(name, Math.max(largest.get(name) ?? 0, Number.isFinite(value) ? Math.abs(value) : 0));
    }
  }
  const rank = (name: string) => {
    const preferred = PREFERRED_METRICS.indexOf(name);
    return preferred >= 0 ? preferred - 100 : /ndcg/i.test(name) ? -200 : 0;
  };
  return [...largest.keys()]
    .sort((a, b) => rank(a) - rank(b) || (largest.get(b) ?? 0) - (largest.get(a) ?? 0) || a.localeCompare(b))
    .slice(0, MAX_METRIC_COLUMNS);
}

/** A column header that wraps between words only: SageMaker's long metric names get spaces. */
function metricLabel(name: string): string {
  // Vigil's bias metric names, `post.season=winter.AD`, read as `AD post, season = winter`.
  const bias = /^(pre|post)\.(.+)\.([^.]+)$/.exec(name);
  if (bias) return `${bias[3]} ${bias[1]}, ${bias[2]!.replace(/=/g, ' = ')}`;
  return name
    .replace(/^feature_baseline_drift_/, 'drift ')
    .replace(/^(pre|post)\./, '$1 ')
    .replace(/\./g, ' ')
    .replace(/_/g, ' ');
}

function windowText(start: string, end: string): string {
  if (!start) return '';
  const day = start.slice(0, 10);
  const from = clock(start);
  const to =
    end && end !== start
      ? `–${end.slice(0, 10) === day ? clock(end) : `${end.slice(0, 10)} ${clock(end)}`}`
      : '';
  return `${day} ${from}${to}`;
}

function servedText(r: RunRow): string {
  if (!r.config && !r.version) return '';
  const who = [r.version ? `v${r.version}` : '', r.config ? `(${r.config})` : ''].filter(Boolean).join(' ');
  const partial =
    r.servedFrom && r.servedTo && (r.servedFrom > r.windowStart || r.servedTo < r.windowEnd)
      ? ` ${clock(r.servedFrom)}–${clock(r.servedTo)} only`
      : '';
  return `${who}${partial}`;
}

/** The time of day of an ISO time, with seconds only when there are some. */
function clock(iso: string): string {
  const time = iso.slice(11, 19);
  return time.endsWith(':00') ? time.slice(0, 5) : time;
}

function reportCell(uri: string, reportLink: CardDocumentHistory['reportLink']): DocumentCell {
  if (!uri) return '';
  const href = reportLink?.(uri);
  return href ? { text: 'report', href } : uri;
}

function evaluationBlocks(
  e: EvaluationDetail,
  datasetLink: CardDocumentHistory['datasetLink'],
): DocumentBlock[] {
  const blocks: DocumentBlock[] = [{ kind: 'subheading', text: e.name }];
  if (e.evaluation_observation) blocks.push({ kind: 'text', text: e.evaluation_observation });
  const linked = datasetLink ? (e.datasets ?? []).map((d) => [d, datasetLink(d)] as const) : [];
  if (linked.some(([, href]) => href)) {
    // Inside an export bundle: each evidence file links to its copy, so the card reads anywhere.
    blocks.push(
      table(
        ['Dataset'],
        linked.map(([uri, href]) => [
          href ? { text: uri.split('/').filter(Boolean).slice(-3).join('/'), href } : uri,
        ]),
      ),
    );
  } else if (e.datasets?.length) blocks.push(fields([['Datasets', e.datasets]]));
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

/** Four significant digits: enough to read a metric in a table of many runs. */
function short(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toPrecision(4))) : String(n);
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}

/** A section that is one list of label and value rows. */
function fieldsSection(heading: string, rows: [string, unknown][]): DocumentSection {
  return { heading, blocks: [fields(rows)] };
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

function table(header: string[], rows: DocumentCell[][]): DocumentBlock {
  return { kind: 'table', header, rows };
}
