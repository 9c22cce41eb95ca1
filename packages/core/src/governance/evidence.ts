import { ObjectNotFoundError } from '../errors/vigil-error.ts';
import type { ServedModel } from '../events/monitoring-execution.ts';
import { sha256Hex } from '../hashing/sha256.ts';
import { joinKey } from '../layout/keys.ts';
import type { AuditRecord } from '../ports/audit-log.ts';
import type { StoredModelCard } from '../ports/model-card-store.ts';
import type { MetricsSourceRef, ModelPackage } from '../ports/model-registry.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import {
  type BiasReport,
  type DataQualityReport,
  type ExplainabilityReport,
  type ModelQualityReport,
  parseBiasAnalysis,
  parseDataQualityFile,
  parseExplainabilityAnalysis,
  parseModelQualityStatistics,
} from './reports.ts';

/** The four kinds of report a model package can carry (SageMaker's ModelMetrics). */
export type ReportKind = 'ModelQuality' | 'DataQuality' | 'ModelBias' | 'Explainability';

/** Turns a report URI (`s3://…`, a local path, a key) into the store and key to read it from. */
export type ReportLocator = (uri: string) => { store: ObjectStore; key: string };

/** One kind of report of one package, as found. Missing or unreadable evidence is never treated as a pass. */
export interface ReportEvidence {
  kind: ReportKind;
  status: 'present' | 'missing' | 'unreadable';
  uris: string[];
  /** Why it is missing or unreadable. */
  reason?: string;
  /** SHA-256 of each file read, in `uris` order. */
  sha256: string[];
  modelQuality?: ModelQualityReport;
  dataQuality?: { statistics?: DataQualityReport; constraints?: DataQualityReport };
  bias?: BiasReport;
  explainability?: ExplainabilityReport;
}

export interface PackageEvidence {
  package: ModelPackage;
  reports: Record<ReportKind, ReportEvidence>;
}

/** One monitoring run of a version, as card-sync recorded it in the audit log. */
export interface MonitoringRunSummary {
  auditSequence: number;
  at: string;
  endpointName: string;
  /** The endpoint config and variant that served the run's window for this version. */
  endpointConfigName?: string;
  variantName?: string;
  /** The part of the window this version served (all of it unless `servedBy` names others). */
  servedFrom?: string;
  servedTo?: string;
  /** Every config and version that served the window, when it spanned a deployment. */
  servedBy?: ServedModel[];
  monitoringType: string;
  status: string;
  scheduledTime: string;
  violationCount: number;
  metrics: Record<string, number>;
  reportUri: string;
}

/** Audit record kind card-sync appends for every monitoring run. */
export const MONITORING_RECORD_KIND = 'monitoring.execution';

/**
 * Reads and parses every report registered with a package. Each report is checked against its
 * ContentDigest when the registration gives one.
 *
 * @example
 * ```ts
 * const evidence = await collectPackageEvidence(pkg, locate);
 * evidence.reports.ModelQuality.modelQuality?.metrics.auc;
 * ```
 */
export async function collectPackageEvidence(
  pkg: ModelPackage,
  locate: ReportLocator,
): Promise<PackageEvidence> {
  const m = pkg.modelMetrics;
  const [modelQuality, dqStatistics, dqConstraints, bias, preBias, postBias, explainability] =
    await Promise.all([
      readSource(m.modelQuality?.statistics, locate, parseModelQualityStatistics),
      readSource(m.dataQuality?.statistics, locate, parseDataQualityFile),
      readSource(m.dataQuality?.constraints, locate, parseDataQualityFile),
      readSource(m.bias?.report, locate, parseBiasAnalysis),
      readSource(m.bias?.preTrainingReport, locate, parseBiasAnalysis),
      readSource(m.bias?.postTrainingReport, locate, parseBiasAnalysis),
      readSource(m.explainability?.report, locate, parseExplainabilityAnalysis),
    ]);
  const mq = combine('ModelQuality', [modelQuality]);
  if (mq.status === 'present') mq.modelQuality = modelQuality?.parsed;
  const dq = combine('DataQuality', [dqStatistics, dqConstraints]);
  if (dq.status === 'present')
    dq.dataQuality = { statistics: dqStatistics?.parsed, constraints: dqConstraints?.parsed };
  const bi = combine('ModelBias', [bias, preBias, postBias]);
  if (bi.status === 'present') {
    bi.bias = { values: [bias, preBias, postBias].flatMap((r) => r?.parsed?.values ?? []) };
  }
  const ex = combine('Explainability', [explainability]);
  if (ex.status === 'present') ex.explainability = explainability?.parsed;
  return { package: pkg, reports: { ModelQuality: mq, DataQuality: dq, ModelBias: bi, Explainability: ex } };
}

/**
 * The monitoring runs of a package version recorded in the audit log, oldest first.
 *
 * @example
 * ```ts
 * const runs = monitoringHistoryOf(await readAuditLog(store, 'audit'), approvedArn);
 * ```
 */
export function monitoringHistoryOf(
  records: readonly AuditRecord[],
  packageArn: string,
): MonitoringRunSummary[] {
  return records
    .filter((r) => r.kind === MONITORING_RECORD_KIND && r.subject === packageArn)
    .map((r) => {
      const d = r.details as Partial<MonitoringRunSummary>;
      return {
        auditSequence: r.sequence,
        at: r.at,
        endpointName: String(d.endpointName ?? ''),
        ...(typeof d.endpointConfigName === 'string' ? { endpointConfigName: d.endpointConfigName } : {}),
        ...(typeof d.variantName === 'string' ? { variantName: d.variantName } : {}),
        ...(typeof d.servedFrom === 'string' ? { servedFrom: d.servedFrom } : {}),
        ...(typeof d.servedTo === 'string' ? { servedTo: d.servedTo } : {}),
        ...(Array.isArray(d.servedBy) ? { servedBy: d.servedBy } : {}),
        monitoringType: String(d.monitoringType ?? ''),
        status: String(d.status ?? ''),
        scheduledTime: String(d.scheduledTime ?? ''),
        violationCount: typeof d.violationCount === 'number' ? d.violationCount : 0,
        metrics: d.metrics && typeof d.metrics === 'object' ? d.metrics : {},
        reportUri: String(d.reportUri ?? ''),
      };
    });
}

/** Folder of a version's monitoring-run index, which card-sync writes beside the audit log. */
export function monitoringHistoryFolder(pkg: Pick<ModelPackage, 'groupName' | 'version'>): string {
  return `${joinKey('governance', 'history', pkg.groupName, `v${pkg.version}`)}/`;
}

/**
 * Key of one run in a version's monitoring index; keys sort by scheduled time.
 *
 * @example
 * ```ts
 * monitoringHistoryKey({ groupName: 'churn', version: 3 }, '2024-05-01T13:00:00.000Z', 'DataQuality');
 * // 'governance/history/churn/v3/20240501T130000Z-DataQuality.json'
 * ```
 */
export function monitoringHistoryKey(
  pkg: Pick<ModelPackage, 'groupName' | 'version'>,
  scheduledTime: string,
  monitoringType: string,
): string {
  const compact = scheduledTime.replace(/[-:]/g, '').replace(/\.\d+/, '');
  return `${monitoringHistoryFolder(pkg)}${compact}-${monitoringType}.json`;
}

/**
 * The newest `limit` monitoring runs of a version from its index, oldest first: a bounded read,
 * where the audit log (the record of truth, see `monitoringHistoryOf`) grows with every run.
 *
 * @example
 * ```ts
 * const runs = await readMonitoringHistory(store, approved, 50);
 * ```
 */
export async function readMonitoringHistory(
  store: ObjectStore,
  pkg: Pick<ModelPackage, 'groupName' | 'version'>,
  limit = 50,
): Promise<MonitoringRunSummary[]> {
  const keys: string[] = [];
  for await (const info of store.list(monitoringHistoryFolder(pkg))) keys.push(info.key);
  const newest = keys.sort().slice(-limit);
  const runs: MonitoringRunSummary[] = [];
  for (const key of newest) {
    try {
      runs.push(JSON.parse(new TextDecoder().decode(await store.get(key))) as MonitoringRunSummary);
    } catch {
      // An unreadable index entry is skipped; the run is still in the audit log.
    }
  }
  return runs;
}

/** The card evidence of a version: present with its latest version, or missing. */
export interface CardEvidence {
  name: string;
  status: 'present' | 'missing';
  card?: StoredModelCard;
  /** Why the card is missing (for example the registration's card content breaks SageMaker's schema). */
  reason?: string;
}

interface SourceRead<T> {
  uri: string;
  ok: boolean;
  missing?: boolean;
  reason?: string;
  sha256?: string;
  parsed?: T;
}

async function readSource<T>(
  source: MetricsSourceRef | undefined,
  locate: ReportLocator,
  parse: (bytes: Uint8Array) => T,
): Promise<SourceRead<T> | undefined> {
  if (!source) return undefined;
  const uri = source.uri;
  let bytes: Uint8Array;
  try {
    const { store, key } = locate(uri);
    bytes = await store.get(key);
  } catch (error) {
    if (error instanceof ObjectNotFoundError)
      return { uri, ok: false, missing: true, reason: `no object at ${uri}` };
    return { uri, ok: false, reason: `cannot read ${uri}: ${(error as Error).message}` };
  }
  const sha256 = sha256Hex(bytes);
  const expected = /^sha256:([0-9a-f]{64})$/i.exec(source.contentDigest ?? '')?.[1]?.toLowerCase();
  if (expected && expected !== sha256) {
    return {
      uri,
      ok: false,
      sha256,
      reason: `${uri} does not match its registered ContentDigest (it changed since registration)`,
    };
  }
  try {
    return { uri, ok: true, sha256, parsed: parse(bytes) };
  } catch (error) {
    return { uri, ok: false, sha256, reason: `${uri} does not parse: ${(error as Error).message}` };
  }
}

function combine(kind: ReportKind, reads: (SourceRead<unknown> | undefined)[]): ReportEvidence {
  const given = reads.filter((r): r is SourceRead<unknown> => r !== undefined);
  const evidence: ReportEvidence = {
    kind,
    status: 'present',
    uris: given.map((r) => r.uri),
    sha256: given.flatMap((r) => (r.sha256 ? [r.sha256] : [])),
  };
  if (given.length === 0)
    return { ...evidence, status: 'missing', reason: 'not registered with the model package' };
  const failed = given.filter((r) => !r.ok);
  if (failed.length > 0) {
    const allMissing = failed.every((r) => r.missing);
    return {
      ...evidence,
      status: allMissing ? 'missing' : 'unreadable',
      reason: failed.map((r) => r.reason).join('; '),
    };
  }
  return evidence;
}
