import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  SageMakerClient,
  UpdateEndpointCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { EventShapeError } from '@vigil/core';
import { AlertUndeliveredError } from '@vigil/core/alerting';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alarmEvent, executionEvent } from '../core/alerting/helpers.ts';
import { mockBucket } from './bucket-mock.ts';

const bucket = mockBucket();
const cloudwatch = mockClient(CloudWatchClient);
const eventbridge = mockClient(EventBridgeClient);
const ses = mockClient(SESv2Client);
const sagemaker = mockClient(SageMakerClient);

const V6 = 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/6';
const V7 = 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/7';
const config = {
  version: 1,
  channels: {
    'oncall-slack': { type: 'slack', webhookSecret: 'SlackOncallWebhook' },
    'ml-email': { type: 'email', from: 'vigil@example.com', to: ['ml@example.com'] },
  },
  endpoints: [
    {
      name: 'churn-prod',
      monitors: { dataQuality: { baseline: 'baselines/dq/' } },
      alerts: { channels: ['oncall-slack', 'ml-email'], guardrails: { driftFeatures: ['age'] } },
      rollback: { policy: 'rollback' },
    },
  ],
};

/** The Slack webhook stand-in: records payloads, answers from a script (default 200 ok). */
const slackPayloads: { blocks: unknown[]; text: string }[] = [];
let slackAnswers: number[] = [];
const slack: Server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    slackPayloads.push(JSON.parse(body));
    const status = slackAnswers.shift() ?? 200;
    res.writeHead(status).end(status === 200 ? 'ok' : 'internal_error');
  });
});

let handler: typeof import('../../functions/src/alarm-router.ts').handler;
let resetRuntime: () => void;

beforeAll(async () => {
  await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
  const port = (slack.address() as AddressInfo).port;
  process.env.VIGIL_BUCKET = 'vigil-test';
  process.env.SST_RESOURCE_SlackOncallWebhook = JSON.stringify({
    type: 'sst.sst.Secret',
    value: `http://127.0.0.1:${port}/services/T0/B0/SECRETxyz`,
  });
  ({ handler } = await import('../../functions/src/alarm-router.ts'));
  ({ resetRuntime } = await import('../../functions/src/shared/runtime.ts'));
});
afterAll(() => new Promise<void>((resolve) => slack.close(() => resolve())));

beforeEach(() => {
  bucket.objects.clear();
  bucket.wire();
  bucket.put('config/vigil.config.json', JSON.stringify(config));
  for (const m of [cloudwatch, eventbridge, ses, sagemaker]) m.reset();
  cloudwatch.on(PutMetricDataCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
  slackPayloads.length = 0;
  slackAnswers = [];
  resetRuntime();
});

function deployedOn(configName: string) {
  sagemaker
    .on(DescribeEndpointCommand)
    .resolves({ EndpointName: 'churn-prod', EndpointStatus: 'InService', EndpointConfigName: configName });
  sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'churn-cfg-6' }).resolves({
    ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm6' }],
  });
  sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'churn-cfg-7' }).resolves({
    ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm7' }],
  });
  sagemaker
    .on(DescribeModelCommand, { ModelName: 'm6' })
    .resolves({ PrimaryContainer: { ModelPackageName: V6 } });
  sagemaker
    .on(DescribeModelCommand, { ModelName: 'm7' })
    .resolves({ PrimaryContainer: { ModelPackageName: V7 } });
  sagemaker.on(UpdateEndpointCommand).resolves({ EndpointArn: 'arn' });
  sagemaker.on(UpdateModelPackageCommand).resolves({ ModelPackageArn: V7 });
}

describe('alarm-router handler', () => {
  it('rolls a fully deployed version back, rejects it, audits it and alerts Slack and email once', async () => {
    deployedOn('churn-cfg-7');
    bucket.put(
      'state/endpoints/churn-prod.json',
      JSON.stringify({
        endpoint: 'churn-prod',
        status: 'InService',
        current: { configName: 'churn-cfg-7', since: '2024-05-01T09:00:00.000Z' },
        previous: { configName: 'churn-cfg-6', since: '2024-04-01T09:00:00.000Z' },
        rolledBackFrom: [],
        lastEventAt: '2024-05-01T09:00:00.000Z',
        recentEventIds: [],
      }),
    );
    const result = await handler(
      alarmEvent('vigil-churn-prod-drift-age', 'ALARM', 'OK', '2024-05-01T13:50:00Z'),
    );
    expect(result).toMatchObject({ outcome: 'sent', delivered: 2 });

    expect(sagemaker.commandCalls(UpdateEndpointCommand).map((c) => c.args[0].input)).toEqual([
      { EndpointName: 'churn-prod', EndpointConfigName: 'churn-cfg-6', RetainDeploymentConfig: true },
    ]);
    const rejection = sagemaker.commandCalls(UpdateModelPackageCommand)[0]?.args[0].input;
    expect(rejection).toMatchObject({ ModelPackageArn: V7, ModelApprovalStatus: 'Rejected' });
    expect(rejection?.ApprovalDescription).toMatch(
      /^Rejected by Vigil: guardrail alarm vigil-churn-prod-drift-age on endpoint churn-prod \(incident churn-prod-20240501T1300\); rolled back from churn-cfg-7 to churn-cfg-6\./,
    );
    // Records only: the log also keeps a head.json index beside them.
    const audit = bucket.keys('audit/').filter((k) => /\/\d+\.json$/.test(k));
    expect(audit).toHaveLength(1);
    expect(bucket.json<{ kind: string; subject: string }>(audit[0] ?? '')).toMatchObject({
      kind: 'rollback.performed',
      subject: 'churn-prod',
    });

    expect(slackPayloads).toHaveLength(1);
    expect(JSON.stringify(slackPayloads[0])).toContain(
      `Rolled back churn-prod from churn-cfg-7 to churn-cfg-6; rejected model package ${V7}.`,
    );
    const email = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(email?.FromEmailAddress).toBe('vigil@example.com');
    expect(email?.Destination).toEqual({ ToAddresses: ['ml@example.com'] });
    expect(email?.Content?.Simple?.Subject?.Data).toBe(
      '[FIRING] churn-prod: feature_baseline_drift_age = 0.31 > 0.1',
    );

    // The same event again (EventBridge delivers at least once): nothing more happens.
    expect(
      await handler(alarmEvent('vigil-churn-prod-drift-age', 'ALARM', 'OK', '2024-05-01T13:50:00Z')),
    ).toEqual({
      outcome: 'duplicate',
    });
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(1);
    expect(slackPayloads).toHaveLength(1);
  });

  it('publishes the roll-up and heartbeat metrics of a monitoring execution and leaves its violations to the alarm', async () => {
    deployedOn('churn-cfg-7');
    const result = await handler(executionEvent('2024-05-01T13:00:00.000Z', 'CompletedWithViolations'));
    // The roll-up alarm on the metrics published here announces the incident, once.
    expect(result).toEqual({ outcome: 'recorded', awaiting: 'vigil-churn-prod-data-quality-violations' });
    expect(slackPayloads).toHaveLength(0);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    const data = cloudwatch
      .commandCalls(PutMetricDataCommand)
      .flatMap((c) => c.args[0].input.MetricData ?? []);
    expect(cloudwatch.commandCalls(PutMetricDataCommand)[0]?.args[0].input.Namespace).toBe(
      'aws/sagemaker/Endpoints/data-metrics',
    );
    expect(data.map((d) => [d.MetricName, d.Value])).toEqual([
      ['vigil_execution_failed', 0],
      ['vigil_violations', 2],
    ]);
    expect(data[0]?.Dimensions).toEqual([
      { Name: 'Endpoint', Value: 'churn-prod' },
      { Name: 'MonitoringSchedule', Value: 'churn-prod-data-quality' },
    ]);
    expect(sagemaker.commandCalls(UpdateEndpointCommand)).toHaveLength(0);
  });

  it('dead-letters an alert Slack keeps refusing and rethrows for the Lambda DLQ', async () => {
    deployedOn('churn-cfg-7');
    slackAnswers = [500, 500, 500];
    const error = await handler(executionEvent('2024-05-01T13:00:00.000Z', 'Failed')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AlertUndeliveredError);
    expect((error as Error).message).not.toContain('SECRETxyz');
    const [dead] = bucket.keys('alerting/dead-letters/');
    expect(dead).toMatch(/--oncall-slack\.json$/);
    expect(bucket.json<{ error: string }>(dead ?? '').error).toBe(
      'Slack webhook of channel "oncall-slack" (secret SlackOncallWebhook) answered 500 internal_error',
    );
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  }, 20_000);

  it('rejects events of other sources and detail-types', async () => {
    const fixture = JSON.parse(
      readFileSync(
        fileURLToPath(
          new URL('../../../shared/fixtures/events/sagemaker-endpoint-state-change.json', import.meta.url),
        ),
        'utf8',
      ),
    );
    await expect(handler(fixture)).rejects.toThrow(EventShapeError);
  });
});
