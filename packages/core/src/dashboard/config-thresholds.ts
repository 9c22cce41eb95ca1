import type { EndpointConfig } from '../config/schema.ts';
import type { MonitoringType } from '../monitors/names.ts';
import type { ObjectStore } from '../ports/object-store.ts';
import { readJsonObject } from './read-json.ts';
import type { MetricThreshold } from './run-summary.ts';

/**
 * The thresholds a monitor's configuration fixes for all its runs: model quality's from the
 * baseline `constraints.json` (every `*_constraints` section), feature attribution's nDCG
 * threshold. Data quality's come with each run (its report states them, see `summarizeRun`); bias
 * drift's depend on each run's interval, so they are shown as violations only. A baseline that is
 * not in `store` (an `s3://` URI elsewhere) or not readable gives none.
 *
 * @example
 * ```ts
 * await configThresholds(store, endpoint, 'ModelQuality'); // { accuracy: { value: 0.73, comparison: 'LessThanThreshold' }, … }
 * ```
 */
export async function configThresholds(
  store: ObjectStore,
  endpoint: EndpointConfig,
  monitoringType: MonitoringType,
): Promise<Record<string, MetricThreshold>> {
  const thresholds: Record<string, MetricThreshold> = {};
  if (monitoringType === 'ModelExplainability') {
    const ndcg = endpoint.monitors.featureAttribution?.ndcgThreshold;
    if (typeof ndcg === 'number') thresholds.ndcg = { value: ndcg, comparison: 'LessThanThreshold' };
    return thresholds;
  }
  const baseline = monitoringType === 'ModelQuality' ? endpoint.monitors.modelQuality?.baseline : undefined;
  if (!baseline || /^[a-z0-9]+:\/\//i.test(baseline)) return thresholds;
  const constraints = await readJsonObject(store, `${baseline.replace(/\/+$/, '')}/constraints.json`);
  for (const [section, value] of Object.entries(constraints ?? {})) {
    if (!section.endsWith('_constraints') || value === null || typeof value !== 'object') continue;
    for (const [metric, constraint] of Object.entries(value as Record<string, unknown>)) {
      const { threshold, comparison_operator: comparison } = (constraint ?? {}) as Record<string, unknown>;
      if (
        typeof threshold === 'number' &&
        (comparison === 'GreaterThanThreshold' || comparison === 'LessThanThreshold')
      )
        thresholds[metric] = { value: threshold, comparison };
    }
  }
  return thresholds;
}
