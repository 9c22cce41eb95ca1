/**
 * The value of a secret the configuration names (a Slack channel's `webhookSecret`): the
 * environment variable of that name when set (local mode, tests), else the SST secret linked to
 * the function (`sst secret set <Name> <value>`; SST passes it as `SST_RESOURCE_<Name>` =
 * `{"value": …}`). Undefined when neither is there, so the caller can report the channel as not
 * configured instead of failing the whole alert. Never logs the value.
 *
 * @example
 * ```ts
 * const url = secretValue('OncallWebhook', process.env);
 * if (!url) log.warn('Slack channel has no webhook: run `sst secret set OncallWebhook <url>`');
 * ```
 */
export function secretValue(name: string, env: Record<string, string | undefined>): string | undefined {
  if (env[name]) return env[name];
  const linked = env[`SST_RESOURCE_${name}`];
  if (!linked) return undefined;
  try {
    const value = (JSON.parse(linked) as { value?: unknown }).value;
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    // Not SST's JSON: treat the secret as not set rather than use a malformed value.
    return undefined;
  }
}
