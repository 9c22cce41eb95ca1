import { ConfigError } from '../errors/vigil-error.ts';
import type { EndpointConfig } from './schema.ts';

/**
 * True when the endpoint's monitors run once per production variant: its `variants` section says
 * `monitorEachVariant: true`. Otherwise the endpoint is one stream, its configured `variant`
 * (`AllTraffic` by default), exactly as before variants existed.
 *
 * @example
 * ```ts
 * monitorsPerVariant({ variants: { champion: 'A', challengers: ['B'], monitorEachVariant: true, … } }); // true
 * ```
 */
export function monitorsPerVariant(endpoint: Pick<EndpointConfig, 'variants'>): boolean {
  return endpoint.variants?.monitorEachVariant === true;
}

/**
 * The variants whose capture the endpoint's monitors read: when it is monitored per variant, the
 * champion, the challengers and the shadows of its `variants` section, in that order; otherwise
 * its one `variant`.
 *
 * @example
 * ```ts
 * monitoredVariants(endpoint); // ['A', 'B', 'shadow'] with monitorEachVariant, ['AllTraffic'] without
 * ```
 */
export function monitoredVariants(endpoint: Pick<EndpointConfig, 'variant' | 'variants'>): string[] {
  const v = endpoint.variants;
  return v && monitorsPerVariant(endpoint)
    ? [v.champion, ...v.challengers, ...v.shadows]
    : [endpoint.variant];
}

/**
 * The variant a run of the endpoint's monitors is about: the one asked for, which must be one of
 * the endpoint's monitored variants, or, when none is asked for, the endpoint's one variant. An
 * endpoint monitored per variant has no default: its schedules always name the variant.
 *
 * @example
 * ```ts
 * runVariant(endpoint, 'B'); // 'B' when B is the endpoint's challenger
 * runVariant(plainEndpoint, undefined); // 'AllTraffic'
 * ```
 */
export function runVariant(endpoint: EndpointConfig, asked: string | undefined): string {
  const variants = monitoredVariants(endpoint);
  if (asked === undefined) {
    if (!monitorsPerVariant(endpoint)) return endpoint.variant;
    throw new ConfigError(
      `Endpoint "${endpoint.name}" is monitored per variant: name the variant in the run's input ("variant": one of ${variants.join(', ')})`,
      { path: 'endpoints.variants' },
    );
  }
  if (!variants.includes(asked)) {
    throw new ConfigError(
      `Endpoint "${endpoint.name}" has no variant "${asked}" in its configuration (monitored: ${variants.join(', ')}): add it to endpoints[].variants or fix the schedule's input`,
      { path: monitorsPerVariant(endpoint) ? 'endpoints.variants' : 'endpoints.variant' },
    );
  }
  return asked;
}

/**
 * The variants whose capture is profiled as it arrives: the monitored ones, plus every variant of
 * a `variants` section, whose extracts the variant comparison reads.
 *
 * @example
 * ```ts
 * capturedVariants(endpoint); // ['AllTraffic', 'A', 'B'] with variants A and B not monitored each
 * ```
 */
export function capturedVariants(endpoint: Pick<EndpointConfig, 'variant' | 'variants'>): string[] {
  const v = endpoint.variants;
  const listed = v ? [v.champion, ...v.challengers, ...v.shadows] : [];
  return [...new Set([...monitoredVariants(endpoint), ...listed])];
}
