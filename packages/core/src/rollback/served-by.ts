import type { ServedModel } from '../events/monitoring-execution.ts';
import type { ConfigRef, EndpointRecord } from './endpoint-record.ts';

/**
 * The configs an endpoint served, oldest first: the record's history, completed with the current
 * config when a writer other than the tracker (a rollback) moved it without extending the history,
 * or rebuilt from `previous` and `current` for records written before the history existed.
 *
 * @example
 * ```ts
 * servedHistory(record).map((c) => `${c.configName} since ${c.since}`);
 * ```
 */
export function servedHistory(record: EndpointRecord): ConfigRef[] {
  const history = record.history?.length
    ? [...record.history]
    : [...(record.previous ? [record.previous] : [])];
  const last = history.at(-1);
  if (!last || last.configName !== record.current.configName || last.since !== record.current.since) {
    history.push(record.current);
  }
  return history;
}

/**
 * What served an endpoint during a window, from its tracked history: one entry per config (and
 * per model package of the config) that served part of the window, clipped to that part. A window
 * spanning a deployment names both sides, each with its part, rather than being split: profiles
 * are merged per window, so the run cannot be re-cut, and the auditor sees who served how long.
 * Empty when nothing is known to have served in the window.
 *
 * @example
 * ```ts
 * servedDuring(record, { start: new Date('2026-12-04T03:00Z'), end: new Date('2026-12-04T04:00Z') });
 * // [{ endpointConfigName: 'ep-config-v1', modelPackageArn: '…/1', from: '…03:00…', to: '…03:01…' },
 * //  { endpointConfigName: 'ep-config-v3', modelPackageArn: '…/3', from: '…03:01…', to: '…04:00…' }]
 * ```
 */
export function servedDuring(
  record: EndpointRecord | undefined,
  window: { start: Date; end: Date },
  variantName?: string,
): ServedModel[] {
  if (!record) return [];
  const history = servedHistory(record);
  const served: ServedModel[] = [];
  history.forEach((config, i) => {
    const from = Math.max(Date.parse(config.since), window.start.getTime());
    const next = history[i + 1];
    const to = Math.min(next ? Date.parse(next.since) : Number.POSITIVE_INFINITY, window.end.getTime());
    if (!(to > from)) return;
    // A rollback's entry lacks packages: the same config's earlier entry knows them.
    const known = (c: ConfigRef) => c.configName === config.configName;
    const variants = config.variants ?? history.find((c) => known(c) && c.variants)?.variants;
    // The run's own variant; else the config's, when it has only one.
    const variant = variantName ?? (variants?.length === 1 ? variants[0] : undefined);
    const perVariant =
      config.variantPackages ?? history.find((c) => known(c) && c.variantPackages)?.variantPackages;
    // A variant of an A/B config is credited to its own package only.
    const arns =
      (variant ? perVariant?.[variant] : undefined) ??
      config.modelPackageArns ??
      history.find((c) => known(c) && c.modelPackageArns)?.modelPackageArns ??
      [];
    const part = {
      endpointConfigName: config.configName,
      ...(variant ? { variantName: variant } : {}),
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    };
    if (arns.length === 0) served.push(part);
    for (const arn of arns) served.push({ ...part, modelPackageArn: arn });
  });
  return served;
}

/**
 * The model package versions named by what served a window, each once, in serving order.
 *
 * @example
 * ```ts
 * servedPackages(detail.servedBy ?? []); // ['arn:…/1', 'arn:…/3']
 * ```
 */
export function servedPackages(served: readonly ServedModel[]): string[] {
  return [...new Set(served.flatMap((s) => (s.modelPackageArn ? [s.modelPackageArn] : [])))];
}
