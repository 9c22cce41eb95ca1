import { cardContentAt } from '../cards/content-path.ts';
import type { ApprovalPolicyConfig } from '../config/approval.ts';
import type { ComparisonEvidence } from './comparison-evidence.ts';
import type { CardEvidence, PackageEvidence, ReportEvidence } from './evidence.ts';
import type { BiasMetricValue } from './reports.ts';

/** One rule of the policy and how the candidate fared. */
export interface RuleResult {
  /** Short, stable name of the rule, e.g. `auc >= 0.8` or `report ModelBias present`. */
  rule: string;
  passed: boolean;
  /** What was found: the value, or why the evidence is missing. */
  detail: string;
}

/** What the policy is evaluated on. */
export interface PolicyEvidence {
  candidate: PackageEvidence;
  card: CardEvidence;
  /** The approved version the candidate would replace, when there is one. */
  approved?: PackageEvidence;
  /** The newest variant comparison, when the policy requires that the challenger beat the champion. */
  comparison?: ComparisonEvidence;
  /** The time of the decision, for `challengerBeatChampion.maxAgeHours`. */
  now?: Date;
}

type MetricRule = ApprovalPolicyConfig['metrics'][number];
type NoWorseRule = ApprovalPolicyConfig['noWorseThanApproved'][number];

// Error-type metrics where smaller is better; everything else (auc, f1, accuracy, r2…) is higher-is-better.
const LOWER_IS_BETTER = /^(mae|mse|rmse|false_positive_rate|false_negative_rate|log_loss)$/;

/**
 * Evaluates every rule of an approval policy. Evidence that is missing or unreadable makes the
 * rule that needs it fail; nothing passes by default.
 *
 * @example
 * ```ts
 * const results = evaluateApprovalPolicy(policy, { candidate, card, approved });
 * const approve = results.every((r) => r.passed);
 * ```
 */
export function evaluateApprovalPolicy(policy: ApprovalPolicyConfig, evidence: PolicyEvidence): RuleResult[] {
  return [
    ...policy.requiredReports.map((kind) => reportRule(evidence.candidate.reports[kind])),
    ...cardRules(policy, evidence.card),
    ...policy.metrics.map((rule) => metricRule(rule, evidence.candidate)),
    ...policy.noWorseThanApproved.map((rule) => noWorseRule(rule, policy, evidence)),
    ...(policy.challengerBeatChampion ? [challengerRule(policy.challengerBeatChampion, evidence)] : []),
  ];
}

/**
 * The one rule a policy without rules gets: it fails, saying what to add, so the version stays
 * pending with the reason written down instead of being approved on no evidence.
 *
 * @example
 * ```ts
 * emptyPolicyRule({ modelPackageGroup: 'churn', ...defaults }).passed; // false
 * ```
 */
export function emptyPolicyRule(policy: Pick<ApprovalPolicyConfig, 'modelPackageGroup'>): RuleResult {
  return {
    rule: 'policy has rules',
    passed: false,
    detail: `the policy of group "${policy.modelPackageGroup}" names no report, card field, metric or comparison, so it approves nothing: add rules to it, or approve by hand`,
  };
}

function reportRule(report: ReportEvidence): RuleResult {
  const rule = `report ${report.kind} present`;
  if (report.status === 'present') return { rule, passed: true, detail: 'present' };
  return { rule, passed: false, detail: `${report.status}: ${report.reason ?? 'no reason given'}` };
}

function cardRules(policy: ApprovalPolicyConfig, card: CardEvidence): RuleResult[] {
  const config = policy.modelCard;
  if (!config) return [];
  const results: RuleResult[] = [];
  if (config.requiredStatus) {
    const rule = `card status ${config.requiredStatus}`;
    results.push(
      card.card
        ? {
            rule,
            passed: card.card.status === config.requiredStatus,
            detail: `card ${card.name} v${card.card.version} is ${card.card.status}`,
          }
        : { rule, passed: false, detail: missingCard(card) },
    );
  }
  for (const path of config.requiredFields) {
    const rule = `card field ${path}`;
    if (!card.card) {
      results.push({ rule, passed: false, detail: missingCard(card) });
      continue;
    }
    const value = cardContentAt(card.card.content, path);
    const present = isProvided(path, value);
    results.push({ rule, passed: present, detail: present ? 'provided' : 'not provided' });
  }
  return results;
}

function missingCard(card: CardEvidence): string {
  return `card ${card.name} is missing${card.reason ? `: ${card.reason.split('\n').join(' ')}` : ''}`;
}

function metricRule(rule: MetricRule, candidate: PackageEvidence): RuleResult {
  const name = `${rule.metric} ${boundsText(rule)}`;
  if (rule.metric.startsWith('bias:')) return biasRule(rule, name, candidate.reports.ModelBias);
  const report = candidate.reports.ModelQuality;
  if (report.status !== 'present') {
    return { rule: name, passed: false, detail: `ModelQuality report ${report.status}: ${report.reason}` };
  }
  const value = report.modelQuality?.metrics[rule.metric];
  if (value === undefined) {
    return { rule: name, passed: false, detail: `${rule.metric} is not in the model-quality report` };
  }
  return { rule: name, passed: withinBounds(value, rule), detail: `${rule.metric} = ${fmt(value)}` };
}

function biasRule(rule: MetricRule, name: string, report: ReportEvidence): RuleResult {
  if (report.status !== 'present' || !report.bias) {
    return { rule: name, passed: false, detail: `ModelBias report ${report.status}: ${report.reason}` };
  }
  const metric = rule.metric.slice('bias:'.length);
  const every = metric === '*';
  // DI is a ratio whose fair value is 1: a symmetric bound around 0 would always fail it.
  const values = report.bias.values.filter((v) => (every ? v.metric !== 'DI' : v.metric === metric));
  const uncomputed = values.filter((v) => v.value === null);
  const computed = values.filter((v): v is BiasMetricValue & { value: number } => v.value !== null);
  if (computed.length === 0) {
    return {
      rule: name,
      passed: false,
      detail: `no computed ${every ? 'bias metric' : metric} in the bias report`,
    };
  }
  // A metric named explicitly must be computed everywhere; `bias:*` checks what Clarify could compute.
  if (!every && uncomputed.length > 0) {
    const first = uncomputed[0]!;
    return {
      rule: name,
      passed: false,
      detail: `${metric} not computed for ${describe(first)}: ${first.error ?? 'no value'}`,
    };
  }
  const failing = computed.filter((v) => !withinBounds(v.value, rule));
  const worst = [...(failing.length ? failing : computed)].sort(
    (a, b) => Math.abs(b.value) - Math.abs(a.value),
  )[0]!;
  const detail =
    failing.length > 0
      ? `${failing.length} of ${computed.length} out of bounds; worst ${worst.metric} = ${fmt(worst.value)} (${describe(worst)})`
      : `${computed.length} values within bounds; largest ${worst.metric} = ${fmt(worst.value)} (${describe(worst)})`;
  return { rule: name, passed: failing.length === 0, detail };
}

function noWorseRule(rule: NoWorseRule, policy: ApprovalPolicyConfig, evidence: PolicyEvidence): RuleResult {
  const direction =
    rule.direction ?? (LOWER_IS_BETTER.test(rule.metric) ? 'lower-is-better' : 'higher-is-better');
  const name = `${rule.metric} no worse than approved by more than ${fmt(rule.tolerance)}`;
  const candidateReport = evidence.candidate.reports.ModelQuality;
  const candidate = candidateReport.modelQuality?.metrics[rule.metric];
  if (candidate === undefined) {
    return {
      rule: name,
      passed: false,
      detail:
        candidateReport.status === 'present'
          ? `${rule.metric} is not in the candidate's model-quality report`
          : `candidate ModelQuality report ${candidateReport.status}: ${candidateReport.reason}`,
    };
  }
  if (!evidence.approved) {
    return {
      rule: name,
      passed: policy.whenNoApprovedVersion === 'pass',
      detail: `no approved version to compare with (policy: ${policy.whenNoApprovedVersion})`,
    };
  }
  const approvedReport = evidence.approved.reports.ModelQuality;
  const approved = approvedReport.modelQuality?.metrics[rule.metric];
  const approvedName = `v${evidence.approved.package.version}`;
  if (approved === undefined) {
    return {
      rule: name,
      passed: false,
      detail: `approved ${approvedName} has no ${rule.metric}: ${approvedReport.reason ?? 'not in its report'}`,
    };
  }
  const worseBy = direction === 'higher-is-better' ? approved - candidate : candidate - approved;
  return {
    rule: name,
    passed: worseBy <= rule.tolerance + 1e-12,
    detail: `${fmt(candidate)} vs ${fmt(approved)} (${approvedName})`,
  };
}

/**
 * Passes only when the newest comparison of the endpoint says `challenger_better` for the
 * challenger variant that served the candidate version (matched by the comparison's
 * `modelPackages`); every other case fails with what was found.
 */
function challengerRule(
  rule: NonNullable<ApprovalPolicyConfig['challengerBeatChampion']>,
  evidence: PolicyEvidence,
): RuleResult {
  const name = `challenger beat champion on ${rule.endpoint}`;
  const fail = (detail: string): RuleResult => ({ rule: name, passed: false, detail });
  const comparison = evidence.comparison;
  if (comparison?.status !== 'present' || !comparison.document) {
    return fail(`comparison ${comparison?.status ?? 'missing'}: ${comparison?.reason ?? 'not read'}`);
  }
  const document = comparison.document;
  const of = `the comparison of ${document.window.start}–${document.window.end}`;
  if (rule.maxAgeHours !== undefined && evidence.now) {
    const ageHours = (evidence.now.getTime() - Date.parse(document.window.end)) / 3_600_000;
    if (ageHours > rule.maxAgeHours) {
      return fail(`${of} is ${fmt(ageHours)} h old, older than maxAgeHours ${fmt(rule.maxAgeHours)}`);
    }
  }
  const arn = evidence.candidate.package.arn;
  const serving = Object.entries(document.modelPackages ?? {})
    .filter(([, arns]) => arns.includes(arn))
    .map(([variant]) => variant);
  if (serving.length === 0) {
    return fail(
      document.modelPackages
        ? `${of} names no variant serving v${evidence.candidate.package.version}`
        : `${of} does not say which model version each variant served (the deployment tracker had no record of the endpoint's variants)`,
    );
  }
  const verdicts = document.verdicts.filter((v) => serving.includes(v.variant));
  if (verdicts.length === 0) {
    return fail(
      `v${evidence.candidate.package.version} served the champion ${serving.join(', ')} in ${of}, not a challenger`,
    );
  }
  const verdict = verdicts.find((v) => v.decision === 'challenger_better') ?? verdicts[0]!;
  const tested = verdict.metrics.find((m) => m.metric === verdict.decisionMetric);
  const numbers = tested
    ? ` on ${tested.metric}: difference ${fmt(tested.difference)}, p ${fmt(tested.pValue)}`
    : '';
  return {
    rule: name,
    passed: verdict.decision === 'challenger_better',
    detail: `${verdict.variant} (${verdict.role}) ${verdict.decision}${numbers} in ${of}`,
  };
}

function withinBounds(value: number, rule: MetricRule): boolean {
  if (!Number.isFinite(value)) return false;
  if (rule.min !== undefined && value < rule.min) return false;
  if (rule.max !== undefined && value > rule.max) return false;
  if (rule.maxAbs !== undefined && Math.abs(value) > rule.maxAbs) return false;
  return true;
}

function boundsText(rule: MetricRule): string {
  const parts: string[] = [];
  if (rule.min !== undefined) parts.push(`>= ${fmt(rule.min)}`);
  if (rule.max !== undefined) parts.push(`<= ${fmt(rule.max)}`);
  if (rule.maxAbs !== undefined) parts.push(`within ±${fmt(rule.maxAbs)}`);
  return parts.join(' and ');
}

function describe(v: BiasMetricValue): string {
  return `${v.stage === 'pre_training' ? 'pre' : 'post'}-training, ${v.facet}=${v.facetValue}`;
}

function isProvided(path: string, value: unknown): boolean {
  // SageMaker's default risk rating "Unknown" means nobody rated the risk.
  if (path.endsWith('risk_rating') && value === 'Unknown') return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (typeof value === 'number' || typeof value === 'boolean') return true;
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Object.keys(value).length > 0;
  return false;
}

/** A number with at most 4 significant digits, for rule names and descriptions. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toPrecision(4)));
}
