import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SesEmailNotifier, SlackWebhookNotifier, SnsNotifier } from '@vigil/aws';
import { MONITOR_SPECS, metricsNamespace, parseConfig, type VigilConfig } from '@vigil/core';
import { CHANNELS, channelDescriptor, channelGrants, channelPreviews } from '@vigil/core/alerting';
import { describe, expect, it } from 'vitest';
import { channelNotifiers } from '../../functions/src/alarm-router.ts';
import {
  type DeploymentContext,
  FUNCTIONS,
  handlerOf,
  monitorSchedules,
  permissionsFor,
  secretNames,
} from '../../infra/wiring.ts';
import { DEPLOYMENT_CONTEXT } from '../support/deployment-context.ts';
import { QUIET_ALERT } from '../support/quiet-alert.ts';
import { TWO_ENDPOINTS_CONFIG } from '../support/two-endpoints-config.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

const ctx: DeploymentContext = DEPLOYMENT_CONTEXT;

/** Every monitor configured on churn-prod (the shared configuration), under a custom prefix. */
const config: VigilConfig = parseConfig({ ...TWO_ENDPOINTS_CONFIG, metricsNamespacePrefix: 'acme/ml' });

/** One configured channel of each registered type; a new descriptor needs an example here. */
const CHANNEL_EXAMPLES: Record<string, Record<string, unknown>> = {
  slack: { type: 'slack', webhookSecret: 'PagerWebhook' },
  email: { type: 'email', from: 'alerts@ml.example.org', to: ['team@example.org'] },
  sns: { type: 'sns', topicArn: 'arn:aws:sns:eu-west-1:111122223333:ml-oncall' },
};

describe('the monitor table drives the infrastructure', () => {
  it.each(MONITOR_SPECS.map((s) => [s.folder, s] as const))(
    '%s gets its function, schedule and IAM',
    (folder, spec) => {
      const { name, ...settings } = spec.function;
      expect(FUNCTIONS[name]).toEqual(settings);
      expect(existsSync(`${repo}${handlerOf(name).replace(/\.handler$/, '.ts')}`)).toBe(true);

      const schedules = monitorSchedules(config).filter((s) => s.monitor.folder === folder);
      expect(schedules.map((s) => [s.endpoint, s.function, s.monitor.type])).toContainEqual([
        'churn-prod',
        name,
        spec.type,
      ]);

      const statements = permissionsFor(name, config, ctx);
      expect(statements).toContainEqual({
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: [
          {
            test: 'StringEquals',
            variable: 'cloudwatch:namespace',
            values: [metricsNamespace('acme/ml', folder)],
          },
        ],
      });
      const writes = statements.filter((s) => s.actions.includes('s3:PutObject')).flatMap((s) => s.resources);
      expect(writes).toContain(`arn:aws:s3:::vigil-bucket/reports/churn-prod/${folder}/*`);
      expect(writes).toContain(`arn:aws:s3:::vigil-bucket/runs/churn-prod/${spec.type}/*`);
      const reads = statements.filter((s) => s.actions.includes('s3:GetObject')).flatMap((s) => s.resources);
      expect(reads.includes('arn:aws:s3:::labels-bucket/churn/*')).toBe(spec.readsGroundTruth);
      const invokes = statements.some((s) => s.actions.includes('sagemaker:InvokeEndpoint'));
      expect(invokes).toBe('invokedEndpoint' in spec);
    },
  );

  it("grants alarm-router every monitor's namespace for the health metrics", () => {
    const router = permissionsFor('alarm-router', config, ctx);
    const namespaces = router.find((s) => s.actions.includes('cloudwatch:PutMetricData'))?.conditions?.[0]
      ?.values;
    expect(namespaces).toEqual(MONITOR_SPECS.map((s) => metricsNamespace('acme/ml', s.folder)));
  });
});

describe('channel descriptors drive config, delivery and the infrastructure', () => {
  const channels = Object.fromEntries(CHANNELS.map((c) => [`a-${c.type}`, CHANNEL_EXAMPLES[c.type]]));
  const withChannels = parseConfig({
    ...TWO_ENDPOINTS_CONFIG,
    endpoints: TWO_ENDPOINTS_CONFIG.endpoints.map((e) => ({
      ...e,
      alerts: { channels: Object.keys(channels) },
    })),
    channels,
  });

  it('has an example of every registered channel, and the configuration accepts each', () => {
    expect(Object.keys(CHANNEL_EXAMPLES).sort()).toEqual(CHANNELS.map((c) => c.type).sort());
    expect(Object.keys(withChannels.channels)).toEqual(Object.keys(channels));
  });

  it("puts each channel's secrets in infra's SST secrets", () => {
    const expected = Object.values(withChannels.channels).flatMap((c) => channelDescriptor(c).secrets(c));
    expect(expected).toEqual(['PagerWebhook']);
    expect(secretNames(withChannels)).toEqual(expected);
  });

  it("grants alarm-router each channel's IAM needs", () => {
    const router = permissionsFor('alarm-router', withChannels, ctx);
    const grants = channelGrants(withChannels.channels, ctx).filter((g) => g.resources.length > 0);
    expect(grants.map((g) => g.action)).toEqual(['ses:SendEmail', 'sns:Publish']);
    for (const grant of grants) {
      const statement = router.find((s) => s.actions.includes(grant.action));
      expect(statement?.resources).toEqual(expect.arrayContaining(grant.resources));
    }
    expect(router.find((s) => s.actions.includes('ses:SendEmail'))?.resources).toEqual([
      'arn:aws:ses:eu-west-1:111122223333:identity/alerts@ml.example.org',
      'arn:aws:ses:eu-west-1:111122223333:identity/ml.example.org',
    ]);
    expect(router.find((s) => s.actions.includes('sns:Publish'))?.resources).toEqual([
      ctx.alertTopicArn,
      'arn:aws:sns:eu-west-1:111122223333:ml-oncall',
    ]);
  });

  it("builds alarm-router's notifier from each channel's transport", () => {
    const notifiers = channelNotifiers(withChannels, {
      PagerWebhook: 'https://hooks.slack.com/services/T/B/x',
    });
    expect(notifiers['a-slack']).toBeInstanceOf(SlackWebhookNotifier);
    expect(notifiers['a-email']).toBeInstanceOf(SesEmailNotifier);
    expect(notifiers['a-sns']).toBeInstanceOf(SnsNotifier);
    // Without its secret a webhook channel has no notifier: its alerts are dead-lettered.
    expect(channelNotifiers(withChannels, {})['a-slack']).toBeUndefined();
  });

  it("keeps each channel's preview in the local outbox entry", () => {
    const previews = channelPreviews(QUIET_ALERT);
    expect(Object.keys(previews)).toEqual(
      CHANNELS.flatMap((c) => ('preview' in c && c.preview ? [c.preview.key] : [])),
    );
    expect(Object.keys(previews)).toEqual(['slack', 'email']);
  });
});

describe('an unregistered channel type', () => {
  it('is refused by the configuration, and by the registry with the known types', () => {
    expect(() =>
      parseConfig({ version: 1, channels: { pager: { type: 'pagerduty', routingKey: 'K' } } }),
    ).toThrow(/channels\.pager\.type/);
    expect(() => channelDescriptor({ type: 'pagerduty' })).toThrow(
      'Unknown channel type "pagerduty" (known: slack, email, sns)',
    );
  });
});
