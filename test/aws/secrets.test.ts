import { afterEach, describe, expect, it } from 'vitest';
import { secretValue } from '../../functions/src/shared/secrets.ts';

describe('secretValue', () => {
  afterEach(() => {
    delete process.env.OncallWebhook;
    delete process.env.SST_RESOURCE_OncallWebhook;
  });

  it('reads the environment variable first, as local mode sets it', async () => {
    process.env.OncallWebhook = 'https://hooks.slack.com/services/T/B/env';
    process.env.SST_RESOURCE_OncallWebhook = JSON.stringify({ type: 'sst.sst.Secret', value: 'from-sst' });
    expect(await secretValue('OncallWebhook')).toBe('https://hooks.slack.com/services/T/B/env');
  });

  it('reads the linked SST secret otherwise', async () => {
    process.env.SST_RESOURCE_OncallWebhook = JSON.stringify({
      type: 'sst.sst.Secret',
      value: 'https://hooks.slack.com/services/T/B/sst',
    });
    expect(await secretValue('OncallWebhook')).toBe('https://hooks.slack.com/services/T/B/sst');
  });

  it('answers undefined when the secret is nowhere', async () => {
    expect(await secretValue('NeverLinkedWebhook')).toBeUndefined();
  });
});
