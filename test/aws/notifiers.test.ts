import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SesEmailNotifier, SlackWebhookNotifier, SnsNotifier } from '@vigil/aws';
import { type Alert, fixedClock, silentLog } from '@vigil/core';
import {
  AlertDeliveryError,
  deliverWithRetries,
  SLACK_LIMITS,
  type SlackMessage,
} from '@vigil/core/alerting';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../support/memory-store.ts';

const alert: Alert = {
  id: 'churn-prod-20240501T1300.1.firing.0a1b2c3d',
  incidentId: 'churn-prod-20240501T1300',
  status: 'firing',
  severity: 'critical',
  title: '[FIRING] churn-prod: recall = 0.41 < 0.62 (+1 more)',
  endpoint: 'churn-prod',
  variant: 'AllTraffic',
  modelPackageArn: 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/7',
  signals: [
    {
      source: 'vigil-churn-prod-model-quality-recall',
      metric: 'recall',
      value: 0.41,
      threshold: 0.62,
      comparison: 'LessThanThreshold',
      state: 'ALARM',
      previousState: 'OK',
      summary:
        'Threshold Crossed: 1 out of the last 1 datapoints [0.41 (01/05/24 13:00:00)] was less than the threshold (0.62).',
      window: { start: '2024-05-01T13:00:00.000Z', end: '2024-05-01T13:50:00.000Z' },
    },
    {
      source: 'vigil-churn-prod-drift-<!channel>',
      metric: 'feature_baseline_drift_<!channel>',
      value: 0.31,
      threshold: 0.1,
      comparison: 'GreaterThanThreshold',
      state: 'ALARM',
      summary: 'drift & more',
    },
  ],
  transition: { from: 'OK', to: 'ALARM' },
  reportUri: 's3://vigil-bucket/reports/churn-prod/model-quality/2024/05/01/13/',
  runbookUrl: 'https://runbooks.example.com/churn',
  actionTaken: 'Rolled back churn-prod from churn-cfg-7 to churn-cfg-6.',
  notes: [],
  at: '2024-05-01T13:50:02.000Z',
  eventId: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
};

/** Every Block Kit limit Slack documents, checked the way Slack would reject the message. */
function slackProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  if (!message.text) problems.push('no fallback text');
  if (message.blocks.length > SLACK_LIMITS.blocks) problems.push('too many blocks');
  if (JSON.stringify(message.blocks).length > SLACK_LIMITS.totalChars) problems.push('blocks too long');
  for (const block of message.blocks) {
    if (block.type === 'header') {
      if (block.text.type !== 'plain_text' || block.text.text.length > SLACK_LIMITS.headerText)
        problems.push('header');
    }
    if (block.type === 'section') {
      if (!block.text && !block.fields) problems.push('empty section');
      if (block.text && (block.text.text.length < 1 || block.text.text.length > SLACK_LIMITS.sectionText)) {
        problems.push('section text');
      }
      if (
        block.fields &&
        (block.fields.length > SLACK_LIMITS.fields || block.fields.some((f) => f.text.length > 2000))
      ) {
        problems.push('fields');
      }
    }
    if (block.type === 'context' && block.elements.length > SLACK_LIMITS.contextElements)
      problems.push('context');
  }
  return problems;
}

/** A webhook stand-in on 127.0.0.1 that validates each payload and answers from a script. */
class FakeSlack {
  server: Server = createServer((req, res) => this.handle(req, res));
  received: SlackMessage[] = [];
  problems: string[][] = [];
  script: { status: number; body: string; headers?: Record<string, string> }[] = [];
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/services/T000/B000/SECRETxyz`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const ok = req.method === 'POST' && req.headers['content-type'] === 'application/json';
      const message = JSON.parse(body) as SlackMessage;
      this.received.push(message);
      this.problems.push(ok ? slackProblems(message) : ['not a JSON POST']);
      const answer = this.script.shift() ?? { status: 200, body: 'ok' };
      if (this.problems.at(-1)?.length) res.writeHead(400).end('invalid_payload');
      else res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  }
}

describe('SlackWebhookNotifier', () => {
  const slack = new FakeSlack();
  beforeAll(() => slack.start());
  afterAll(() => new Promise<void>((resolve) => slack.server.close(() => resolve())));
  beforeEach(() => {
    slack.received = [];
    slack.problems = [];
    slack.script = [];
  });
  const notifier = () =>
    new SlackWebhookNotifier({
      channel: 'oncall-slack',
      webhookUrl: slack.url,
      secretName: 'SlackOncallWebhook',
    });
  const ports = () => ({
    store: new MemoryStore('mem://vigil'),
    clock: fixedClock(new Date('2024-05-01T13:50:03Z')),
    log: silentLog,
  });

  it('posts a Block Kit message Slack accepts, with every fact of the alert and untrusted text escaped', async () => {
    await notifier().send(alert);
    expect(slack.problems).toEqual([[]]);
    const message = slack.received[0];
    expect(message?.text).toBe('[FIRING] churn-prod: recall = 0.41 &lt; 0.62 (+1 more)');
    const text = JSON.stringify(message);
    for (const fact of [
      'churn-prod / AllTraffic',
      'model-package/churn/7',
      'OK → ALARM',
      '2024-05-01T13:00:00.000Z → 2024-05-01T13:50:00.000Z',
      'Rolled back churn-prod from churn-cfg-7 to churn-cfg-6.',
      '<https://runbooks.example.com/churn|Runbook>',
      'Report: s3://vigil-bucket/reports/churn-prod/model-quality/2024/05/01/13/',
      'recall = 0.41 &lt; 0.62',
      'event c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
    ]) {
      expect(text).toContain(fact);
    }
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('drift &amp; more');
  });

  it('stays within Slack limits for a huge incident', async () => {
    const huge: Alert = {
      ...alert,
      title: `[FIRING] ${'x'.repeat(400)}`,
      signals: Array.from({ length: 60 }, (_, i) => ({
        ...(alert.signals[0] as Alert['signals'][number]),
        source: `alarm-${i}`,
        summary: 'y'.repeat(5000),
      })),
      notes: Array.from({ length: 20 }, (_, i) => `note ${i} ${'z'.repeat(3000)}`),
    };
    await notifier().send(huge);
    expect(slack.problems).toEqual([[]]);
    const blocks = slack.received[0]?.blocks ?? [];
    const shown = blocks.filter((b) => b.type === 'section' && b.text?.text.startsWith('*alarm-')).length;
    const hidden = Number(/(\d+) more signals in the report/.exec(JSON.stringify(blocks))?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown + hidden).toBe(60);
  });

  it("waits as long as Slack's Retry-After asks on 429, then delivers", async () => {
    slack.script = [{ status: 429, body: 'rate_limited', headers: { 'Retry-After': '2' } }];
    const sleeps: number[] = [];
    const result = await deliverWithRetries(ports(), notifier(), alert, {
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(result).toEqual({ channel: 'oncall-slack', delivered: true });
    expect(sleeps).toEqual([2000]);
    expect(slack.received).toHaveLength(2);
  });

  it('retries a failing webhook, then keeps a dead letter that never shows the webhook URL', async () => {
    slack.script = [
      { status: 500, body: 'internal_error' },
      { status: 503, body: 'service_unavailable' },
      { status: 500, body: 'internal_error' },
    ];
    const p = ports();
    const sleeps: number[] = [];
    const result = await deliverWithRetries(p, notifier(), alert, {
      attempts: 3,
      baseDelayMs: 50,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(result.delivered).toBe(false);
    expect(sleeps).toEqual([50, 100]);
    expect(slack.received).toHaveLength(3);
    const key = p.store.keys('alerting/dead-letters/')[0] ?? '';
    expect(key).toBe(
      'alerting/dead-letters/2024/05/01/churn-prod-20240501T1300.1.firing.0a1b2c3d--oncall-slack.json',
    );
    const letter = p.store.json<{ error: string; attempts: number; alert: Alert }>(key);
    expect(letter.error).toBe(
      'Slack webhook of channel "oncall-slack" (secret SlackOncallWebhook) answered 500 internal_error',
    );
    expect(letter.attempts).toBe(3);
    expect(letter.alert.id).toBe(alert.id);
    expect(JSON.stringify(letter)).not.toContain('SECRETxyz');
  });

  it('does not retry what a retry cannot fix', async () => {
    slack.script = [{ status: 404, body: 'no_service' }];
    const error = await notifier()
      .send(alert)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlertDeliveryError);
    expect((error as AlertDeliveryError).retryable).toBe(false);
    expect((error as Error).message).toContain('no_service: check the webhook secret');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = new SlackWebhookNotifier({
      channel: 'c',
      webhookUrl: `http://127.0.0.1:${port}/SECRETxyz`,
    });
    const refused = await unreachable.send(alert).catch((e: unknown) => e);
    expect((refused as AlertDeliveryError).retryable).toBe(true);
    expect((refused as Error).message).toBe(
      'Slack webhook of channel "c" could not be reached (ECONNREFUSED)',
    );
  });
});

describe('SesEmailNotifier', () => {
  const ses = mockClient(SESv2Client);
  beforeEach(() => ses.reset());

  it('sends one email with an ASCII subject, text and escaped HTML', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    const notifier = new SesEmailNotifier({
      channel: 'ml-email',
      from: 'vigil@example.com',
      to: ['ml@example.com', 'oncall@example.com'],
      client: new SESv2Client({}),
    });
    await notifier.send(alert);
    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input?.FromEmailAddress).toBe('vigil@example.com');
    expect(input?.Destination).toEqual({ ToAddresses: ['ml@example.com', 'oncall@example.com'] });
    expect(input?.EmailTags).toEqual([
      { Name: 'vigil-endpoint', Value: 'churn-prod' },
      { Name: 'vigil-status', Value: 'firing' },
    ]);
    const simple = input?.Content?.Simple;
    expect(simple?.Subject).toEqual({
      Data: '[FIRING] churn-prod: recall = 0.41 < 0.62 (+1 more)',
      Charset: 'UTF-8',
    });
    expect(simple?.Body?.Text?.Data).toContain('State:          OK → ALARM');
    expect(simple?.Body?.Text?.Data).toContain(
      'Action taken:   Rolled back churn-prod from churn-cfg-7 to churn-cfg-6.',
    );
    expect(simple?.Body?.Html?.Data).toContain(
      '<code>feature_baseline_drift_&lt;!channel&gt; = 0.31 &gt; 0.1</code>',
    );
    expect(simple?.Body?.Html?.Data).toContain('<a href="https://runbooks.example.com/churn">Runbook</a>');
  });

  it('marks throttling retryable and a rejected sender not', async () => {
    const notifier = new SesEmailNotifier({
      channel: 'ml-email',
      from: 'a@example.com',
      to: ['b@example.com'],
    });
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }));
    expect(((await notifier.send(alert).catch((e) => e)) as AlertDeliveryError).retryable).toBe(true);
    ses.reset();
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('Email address is not verified'), { name: 'MessageRejected' }));
    const rejected = (await notifier.send(alert).catch((e) => e)) as AlertDeliveryError;
    expect(rejected.retryable).toBe(false);
    expect(rejected.message).toContain('MessageRejected: Email address is not verified');
  });
});

describe('SnsNotifier', () => {
  const sns = mockClient(SNSClient);
  beforeEach(() => sns.reset());

  it('publishes the text with a short subject and filterable attributes', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const topicArn = 'arn:aws:sns:eu-west-1:111122223333:vigil-alerts';
    await new SnsNotifier({ channel: 'ops', topicArn }).send({
      ...alert,
      title: `[FIRING] ${'é'.repeat(3)}${'a'.repeat(150)}`,
    });
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.TopicArn).toBe(topicArn);
    expect(input?.Subject).toBe(`[FIRING] ${'a'.repeat(87)}...`);
    expect(input?.Subject?.length).toBe(99);
    expect(input?.Message).toContain(
      'Signals:\n  - [ALARM] vigil-churn-prod-model-quality-recall: recall = 0.41 < 0.62',
    );
    expect(input?.MessageAttributes).toEqual({
      endpoint: { DataType: 'String', StringValue: 'churn-prod' },
      status: { DataType: 'String', StringValue: 'firing' },
      severity: { DataType: 'String', StringValue: 'critical' },
    });
  });
});
