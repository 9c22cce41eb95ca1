import type { ApprovalPolicyConfig } from '../config/approval.ts';
import type { ComparisonDocument } from '../variants/comparison-json.ts';
import { type LatestComparison, readLatestComparison } from '../variants/latest-comparison.ts';
import type { ReportLocator } from './evidence.ts';

/** The newest variant comparison of the endpoint a policy's `challengerBeatChampion` names. */
export interface ComparisonEvidence {
  endpoint: string;
  status: 'present' | 'missing' | 'unreadable';
  /** The comparison.json read, as `{store location}/{key}`. */
  uri?: string;
  /** Why it is missing or unreadable. */
  reason?: string;
  document?: ComparisonDocument;
}

/** Where the gate finds an endpoint's reports: the configured `reports` location of each endpoint. */
export type EndpointReports = readonly { name: string; reports: string }[];

/**
 * Reads the newest `comparison.json` of the endpoint the policy's `challengerBeatChampion` rule
 * names, from `{reports}/{endpoint}/variant-comparison/`. Undefined when the policy has no such
 * rule; missing or unreadable evidence is returned as such (the rule then fails, never passes).
 *
 * @example
 * ```ts
 * const comparison = await comparisonEvidence(policy, config.endpoints, (uri) => runtime.storeFor(uri));
 * ```
 */
export async function comparisonEvidence(
  policy: Pick<ApprovalPolicyConfig, 'challengerBeatChampion'>,
  endpoints: EndpointReports | undefined,
  locate: ReportLocator,
): Promise<ComparisonEvidence | undefined> {
  const endpoint = policy.challengerBeatChampion?.endpoint;
  if (endpoint === undefined) return undefined;
  const configured = endpoints?.find((e) => e.name === endpoint);
  if (!configured) {
    return {
      endpoint,
      status: 'missing',
      reason: `endpoint "${endpoint}" is not configured, so the gate does not know where its comparisons are`,
    };
  }
  let latest: LatestComparison;
  const reports = locate(configured.reports);
  try {
    latest = await readLatestComparison(reports, endpoint);
  } catch (error) {
    return {
      endpoint,
      status: 'unreadable',
      reason: `cannot list its comparisons: ${(error as Error).message}`,
    };
  }
  const uri = (key: string) => `${reports.store.location.replace(/\/+$/, '')}/${key}`;
  if (latest.status === 'missing') {
    return {
      endpoint,
      status: 'missing',
      reason: `no comparison.json under ${uri(latest.folder)}: the compare-variants schedule (the endpoint's variants section) writes them`,
    };
  }
  if (latest.status === 'unreadable') {
    return { endpoint, status: 'unreadable', uri: uri(latest.key), reason: latest.reason };
  }
  return { endpoint, status: 'present', uri: uri(latest.key), document: latest.document };
}
