/**
 * The value of a secret the configuration names (a Slack channel's `webhookSecret`): the
 * environment variable of that name when set (local mode, tests), else the SST secret linked to
 * the function (`sst secret set <Name> <value>`). Undefined when neither is there, so the caller
 * can report the channel as not configured instead of failing the whole alert.
 *
 * @example
 * ```ts
 * const url = await secretValue('OncallWebhook');
 * if (!url) log.warn('Slack channel has no webhook: run `sst secret set OncallWebhook <url>`');
 * ```
 */
export async function secretValue(name: string): Promise<string | undefined> {
  const fromEnvironment = process.env[name];
  if (fromEnvironment) return fromEnvironment;
  try {
    const { Resource } = await import('sst/resource');
    const linked = (Resource as unknown as Record<string, { value?: unknown } | undefined>)[name];
    return typeof linked?.value === 'string' && linked.value !== '' ? linked.value : undefined;
  } catch {
    // SST's Resource throws when nothing is linked or the name is not linked: no secret.
    return undefined;
  }
}
