import { modelCardNameFor } from '../cards/names.ts';
import { escapeMarkdown } from '../escape/markdown.ts';
import { type DecisionRecord, decisionFolder } from '../governance/decision-record.ts';
import { type MonitoringRunSummary, monitoringHistoryOf } from '../governance/evidence.ts';
import { sha256Hex } from '../hashing/sha256.ts';
import type { AuditRecord } from '../ports/audit-log.ts';
import type { Clock } from '../ports/clock.ts';
import type { ModelCardStore, ModelCardVersionSummary, StoredModelCard } from '../ports/model-card-store.ts';
import type { ModelPackageSummary, ModelRegistry } from '../ports/model-registry.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { type ChecklistItem, complianceChecklist } from './checklist.ts';
import type { AuditHead } from './head.ts';
import { DEFAULT_AUDIT_PREFIX } from './keys.ts';
import { readAuditLog } from './read.ts';
import { auditRecordsAbout } from './records-about.ts';
import { type AuditVerification, verifyAuditLog } from './verify.ts';

/** Everything an auditor gets about one version. */
export interface VersionDossier {
  package: ModelPackageSummary & { approvalDescription?: string };
  card?: StoredModelCard;
  cardVersions: ModelCardVersionSummary[];
  /** Every gate decision, with its rules and evidence. */
  decisions: DecisionRecord[];
  /**
   * Per decision id: whether the stored record still has the SHA-256 its audit record noted
   * (`verified`), does not (`altered`), or no audit record names it (`unrecorded`).
   */
  decisionIntegrity: Record<string, 'verified' | 'altered' | 'unrecorded'>;
  /** Every audit record about the version (decisions, manual changes, card and monitoring records). */
  auditRecords: AuditRecord[];
  monitoringHistory: MonitoringRunSummary[];
}

/** The compliance bundle of a model package group. */
export interface ComplianceBundle {
  group: string;
  generatedAt: string;
  /** The version the checklist is judged on: the newest approved one, else the newest. */
  checklistVersion?: number;
  auditVerification: AuditVerification;
  versions: VersionDossier[];
  checklist: ChecklistItem[];
}

export interface ComplianceBundlePorts {
  registry: ModelRegistry;
  cards: ModelCardStore;
  /** Vigil's store: decision records, and the audit log unless `auditStore` is given. */
  store: ObjectStore;
  /** Where the audit log is when it has a store of its own (a deployment's audit bucket). */
  auditStore?: ObjectStore;
  /** The heads the log's writers published, so that records cut off the end do not verify. */
  publishedHeads?: AuditHead[];
  clock: Clock;
  auditPrefix?: string;
}

/**
 * The compliance bundle of a model package group: per version its card, card versions, gate
 * decisions with their evidence, audit records and monitoring history; the verdict of the audit
 * log's verification; and a checklist against EU AI Act Annex IV / Art. 12 and SR 11-7 marking
 * each documentation item present or missing.
 *
 * @example
 * ```ts
 * const bundle = await exportComplianceBundle({ registry, cards, store, clock }, 'churn');
 * console.log(bundle.checklist.filter((i) => i.status === 'missing'));
 * ```
 */
export async function exportComplianceBundle(
  ports: ComplianceBundlePorts,
  group: string,
): Promise<ComplianceBundle> {
  const prefix = ports.auditPrefix ?? DEFAULT_AUDIT_PREFIX;
  const [auditVerification, records, summaries] = await Promise.all([
    verifyAuditLog(ports.auditStore ?? ports.store, prefix, {
      ...(ports.publishedHeads ? { publishedHeads: ports.publishedHeads } : {}),
    }),
    readAuditLog(ports.auditStore ?? ports.store, prefix),
    ports.registry.list(group),
  ]);
  const versions: VersionDossier[] = [];
  for (const summary of [...summaries].sort((a, b) => a.version - b.version)) {
    const pkg = await ports.registry.describe(summary.arn);
    const name = modelCardNameFor(group, summary.version);
    const [card, cardVersions, stored] = await Promise.all([
      ports.cards.get(name),
      ports.cards.listVersions(name).catch(() => []),
      readDecisions(ports.store, { groupName: group, version: summary.version }),
    ]);
    const decisions = stored.map((d) => d.record);
    const noted = new Map(
      records
        .filter((r) => r.kind === 'approval.decided' && r.subject === summary.arn)
        .map((r) => [String(r.details.decisionId), String(r.details.decisionSha256)]),
    );
    const decisionIntegrity = Object.fromEntries(
      stored.map((d): [string, 'verified' | 'altered' | 'unrecorded'] => {
        const expected = noted.get(d.record.id);
        return [
          d.record.id,
          expected === undefined ? 'unrecorded' : expected === d.sha256 ? 'verified' : 'altered',
        ];
      }),
    );
    versions.push({
      package: {
        ...summary,
        approvalStatus: pkg.approvalStatus,
        approvalDescription: pkg.approvalDescription,
      },
      card,
      cardVersions,
      decisions,
      decisionIntegrity,
      auditRecords: auditRecordsAbout(records, summary.arn),
      monitoringHistory: monitoringHistoryOf(records, summary.arn),
    });
  }
  const judged =
    [...versions].reverse().find((v) => v.package.approvalStatus === 'Approved') ?? versions.at(-1);
  const checklist = complianceChecklist({
    card: judged?.card,
    cardVersions: judged?.cardVersions ?? [],
    decisions: judged?.decisions ?? [],
    manualChanges: judged?.auditRecords.filter((r) => r.kind === 'approval.manual-change-seen') ?? [],
    monitoring: judged?.monitoringHistory ?? [],
    audit: auditVerification,
    versionCount: versions.length,
  });
  return {
    group,
    generatedAt: ports.clock.now().toISOString(),
    checklistVersion: judged?.package.version,
    auditVerification,
    versions,
    checklist,
  };
}

async function readDecisions(
  store: ObjectStore,
  pkg: { groupName: string; version: number },
): Promise<{ record: DecisionRecord; sha256: string }[]> {
  const decisions: { record: DecisionRecord; sha256: string }[] = [];
  for await (const info of store.list(decisionFolder(pkg))) {
    const bytes = await store.get(info.key);
    try {
      decisions.push({
        record: JSON.parse(new TextDecoder().decode(bytes)) as DecisionRecord,
        sha256: sha256Hex(bytes),
      });
    } catch {
      // An unreadable decision file is absent from the list; its audit record still names it and its digest.
    }
  }
  return decisions.sort((a, b) => a.record.attempt - b.record.attempt);
}

/**
 * The bundle as a Markdown summary: the checklist, the audit verdict and each version's decisions.
 *
 * @example
 * ```ts
 * await writeFile('bundle.md', renderComplianceBundleMarkdown(bundle));
 * ```
 */
export function renderComplianceBundleMarkdown(
  bundle: ComplianceBundle,
  options: {
    /** Where a cited report is inside the bundle, relative to bundle.md; unmapped reports are named. */
    reportLink?: (reportUri: string) => string | undefined;
  } = {},
): string {
  // Record texts (actors, summaries, rule details) come from outside Vigil: escaped like any value.
  const cell = escapeMarkdown;
  const present = bundle.checklist.filter((i) => i.status === 'present').length;
  const audit = bundle.auditVerification;
  const out = [
    `# Compliance bundle: model package group ${cell(bundle.group)}`,
    '',
    `_Generated ${bundle.generatedAt} by Vigil. Checklist judged on version ${bundle.checklistVersion ?? '(none)'}._`,
    '',
    '## Audit log',
    '',
    audit.ok
      ? `Verified: ${audit.recordCount} records, chain intact, head #${audit.head?.sequence} \`${audit.head?.hash}\`.`
      : `**NOT verified**: ${audit.problems.length} problem(s).`,
    ...audit.problems.map((p) => `- ${cell(p.message)}`),
    '',
    `## Documentation checklist (${present} of ${bundle.checklist.length} present)`,
    '',
    '| Framework | Reference | Item | Status | Evidence |',
    '| --- | --- | --- | --- | --- |',
    ...bundle.checklist.map(
      (i) =>
        `| ${cell(i.framework)} | ${cell(i.reference)} | ${cell(i.item)} | ${i.status === 'present' ? 'present' : '**missing**'} | ${cell(i.evidence)} |`,
    ),
    '',
    '## Versions',
    '',
  ];
  for (const v of bundle.versions) {
    out.push(`### Version ${v.package.version}: ${cell(v.package.approvalStatus)}`, '');
    out.push(`- Package: \`${v.package.arn}\``);
    out.push(
      `- Card: ${v.card ? `${cell(v.card.name)} v${v.card.version} (${cell(v.card.status)})` : 'none'}`,
    );
    out.push(`- Monitoring runs recorded: ${v.monitoringHistory.length}`);
    if (v.monitoringHistory.length) {
      out.push(
        '',
        '| Window (UTC) | Monitor | Served by | Status | Violations | Report |',
        '| --- | --- | --- | --- | --- | --- |',
        ...v.monitoringHistory.map((r) => {
          const link = options.reportLink?.(r.reportUri);
          const report = link ? `[report](${encodeURI(link)})` : cell(r.reportUri);
          const served = r.endpointConfigName
            ? `${r.endpointConfigName}${r.servedFrom && r.servedTo ? ` ${r.servedFrom.slice(11, 19)}–${r.servedTo.slice(11, 19)}` : ''}`
            : '';
          return `| ${cell(r.scheduledTime)} | ${cell(r.monitoringType)} | ${cell(served)} | ${cell(r.status)} | ${r.violationCount} | ${report} |`;
        }),
        '',
      );
    }
    for (const d of v.decisions) {
      out.push(
        `- Decision ${cell(d.id)} (${d.decidedAt}): **${cell(d.outcome)}**, record ${v.decisionIntegrity[d.id] ?? 'unrecorded'}`,
      );
      for (const r of d.rules)
        out.push(`  - ${r.passed ? 'PASS' : 'FAIL'} ${cell(r.rule)}: ${cell(r.detail)}`);
    }
    for (const r of v.auditRecords.filter((a) => a.kind === 'approval.manual-change-seen')) {
      out.push(`- Manual change #${r.sequence} (${r.at}) by ${cell(r.actor)}: ${cell(r.summary)}`);
    }
    out.push('');
  }
  return `${out.join('\n').trim()}\n`;
}
