import { afterEach, describe, expect, it } from 'vitest';
import { secretValue } from '../../functions/src/shared/secrets.ts';

describe('secretValue', () => {
  afterEach(() => {
    delete process.env.OncallWebhook;
    delete process.env.SST_RESOURCE_OncallWebhook;
  });

  it('reads the environment variable first, as local mode sets it', () => {
    process.env.OncallWebhook = 'https://hooks.slack.com/services/T/B/env';
    process.env.SST_RESOURCE_OncallWebhook = JSON.stringify({ type: 'sst.sst.Secret', value: 'from-sst' });
    expect(secretValue('OncallWebhook', process.env)).toBe('https://hooks.slack.com/services/T/B/env');
  });

  it('reads the linked SST secret otherwise', () => {
    process.env.SST_RESOURCE_OncallWebhook = JSON.stringify({
      type: 'sst.sst.Secret',
      value: 'https://hooks.slack.com/services/T/B/sst',
    });
    expect(secretValue('OncallWebhook', process.env)).toBe('https://hooks.slack.com/services/T/B/sst');
  });

  it('treats a linked secret that is not SST JSON as not set', () => {
    process.env.SST_RESOURCE_OncallWebhook = 'https://hooks.slack.com/services/T/B/raw';
    expect(secretValue('OncallWebhook', process.env)).toBeUndefined();
  });

  it('answers undefined when the secret is nowhere', () => {
    expect(secretValue('NeverLinkedWebhook', process.env)).toBeUndefined();
  });
});
