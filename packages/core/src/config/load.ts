import { ConfigError } from '../errors/vigil-error.ts';
import { issuePath } from '../validation/issue-path.ts';
import { type EndpointConfig, type VigilConfig, vigilConfigSchema } from './schema.ts';

/**
 * Validates a parsed configuration object and fills in defaults. Throws `ConfigError` naming
 * the path of the first bad field (for example `endpoints[0].monitors.dataQuality.schedule`).
 *
 * @example
 * ```ts
 * const config = parseConfig(JSON.parse(text));
 * ```
 */
export function parseConfig(input: unknown): VigilConfig {
  const result = vigilConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    path: issuePath(issue.path),
    message: issue.message,
  }));
  const first = problems[0] ?? { path: '', message: 'invalid' };
  const list = problems.map((p) => `  - ${p.path || '(root)'}: ${p.message}`).join('\n');
  throw new ConfigError(
    `Invalid Vigil configuration at ${first.path || '(root)'}: ${first.message}\n${list}`,
    {
      path: first.path,
    },
  );
}

/**
 * Parses the text of a configuration file (JSON). Throws `ConfigError` on bad JSON too.
 *
 * @example
 * ```ts
 * const config = parseConfigText(await readFile('vigil.config.json', 'utf8'), 'vigil.config.json');
 * ```
 */
export function parseConfigText(text: string, source = 'configuration'): VigilConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseConfig(raw);
}

/** The endpoint named `name`; throws `ConfigError` listing the configured names otherwise. */
export function endpointByName(config: VigilConfig, name: string): VigilConfig['endpoints'][number] {
  const endpoint = config.endpoints.find((e) => e.name === name);
  if (!endpoint) {
    const known = config.endpoints.map((e) => e.name).join(', ') || 'none';
    throw new ConfigError(`Endpoint "${name}" is not configured (configured: ${known})`, {
      path: 'endpoints',
    });
  }
  return endpoint;
}

/** The kinds of monitor an endpoint may configure. */
export type MonitorKind = keyof EndpointConfig['monitors'];

/**
 * The endpoint named `name` and its monitor of `kind`, for a scheduled run; throws `ConfigError`
 * saying what to add when either is missing.
 *
 * @example
 * ```ts
 * const { endpoint, monitor } = scheduledMonitor(config, 'churn-ep', 'biasDrift');
 * ```
 */
export function scheduledMonitor<K extends MonitorKind>(
  config: VigilConfig,
  name: string,
  kind: K,
): { endpoint: EndpointConfig; monitor: NonNullable<EndpointConfig['monitors'][K]> } {
  const endpoint = config.endpoints.find((e) => e.name === name);
  const monitor = endpoint?.monitors[kind];
  if (!endpoint || !monitor) {
    const known = config.endpoints.map((e) => e.name).join(', ') || 'none';
    const where = endpoint ? '' : ` (the endpoint is not configured; configured: ${known})`;
    throw new ConfigError(
      `Endpoint "${name}" has no ${kind} monitor in the configuration${where}: add one or remove its schedule`,
      { path: 'endpoints' },
    );
  }
  return { endpoint, monitor: monitor as NonNullable<EndpointConfig['monitors'][K]> };
}
