import { monitorsPerVariant } from '../config/monitored-variants.ts';
import type { EndpointConfig } from '../config/schema.ts';
import type { MonitorFolder } from './names.ts';

/**
 * The `MonitoringSchedule` metric dimension (and event field) of an endpoint's monitor: the
 * configured `scheduleName`, else `<endpoint>-<monitor>`. An endpoint monitored per variant has a
 * schedule per variant, `<that name>-<variant>`, as SageMaker would with one monitoring schedule
 * per variant: SageMaker's Model Monitor metrics carry no variant dimension (only `Endpoint` and
 * `MonitoringSchedule`), so the schedule name is what tells the variants' series apart and the
 * metrics keep exactly SageMaker's dimensions.
 *
 * @example
 * ```ts
 * monitorScheduleName(endpoint, 'data-quality', settings); // 'churn-data-quality'
 * monitorScheduleName(abEndpoint, 'data-quality', settings, 'B'); // 'churn-data-quality-B'
 * ```
 */
export function monitorScheduleName(
  endpoint: Pick<EndpointConfig, 'name' | 'variants'>,
  folder: MonitorFolder,
  settings: { scheduleName?: string | undefined },
  variant?: string,
): string {
  const name = settings.scheduleName ?? `${endpoint.name}-${folder}`;
  return monitorsPerVariant(endpoint) && variant !== undefined ? `${name}-${variant}` : name;
}
