import type { EndpointRecord } from '../rollback/endpoint-record.ts';
import { servedHistory } from '../rollback/served-by.ts';
import type { TimeWindow } from '../window/window.ts';

/**
 * The model package versions each variant served during a window, from the deployment tracker's
 * record: only what the record names per variant (`variantPackages`), never a config's packages
 * credited to all its variants, since a comparison's verdict belongs to one variant's model.
 * Variants the record does not tell apart are left out.
 *
 * @example
 * ```ts
 * variantPackagesDuring(record, window, ['A', 'B']); // { A: ['arn:…/churn/3'], B: ['arn:…/churn/4'] }
 * ```
 */
export function variantPackagesDuring(
  record: EndpointRecord | undefined,
  window: TimeWindow,
  variants: readonly string[],
): Record<string, string[]> {
  if (!record) return {};
  const history = servedHistory(record);
  const found: Record<string, string[]> = {};
  history.forEach((config, i) => {
    const next = history[i + 1];
    const from = Math.max(Date.parse(config.since), window.start.getTime());
    const to = Math.min(next ? Date.parse(next.since) : Number.POSITIVE_INFINITY, window.end.getTime());
    // A zero-length window (a one-off run) counts what served at its instant.
    const instant = window.end.getTime() <= window.start.getTime();
    if (!(to > from) && !(instant && from <= to)) return;
    // A rollback's entry lacks packages: the same config's earlier entry knows them.
    const perVariant =
      config.variantPackages ??
      history.find((c) => c.configName === config.configName && c.variantPackages)?.variantPackages;
    for (const variant of variants) {
      for (const arn of perVariant?.[variant] ?? []) {
        const list = found[variant] ?? [];
        if (!list.includes(arn)) list.push(arn);
        found[variant] = list;
      }
    }
  });
  return found;
}
