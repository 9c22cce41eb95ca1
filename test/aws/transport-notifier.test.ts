import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SesEmailNotifier, SlackWebhookNotifier, SnsNotifier, transportNotifier } from '@vigil/aws';
import { renderSlackMessage, slackChannel } from '@vigil/core/alerting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIET_ALERT } from '../support/quiet-alert.ts';

const alert = QUIET_ALERT;

/** A webhook that answers each request with the next status and keeps the bodies. */
let server: Server;
let url: string;
const bodies: unknown[] = [];
const statuses: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      const status = statuses.shift() ?? 200;
      res.writeHead(status).end(status === 200 ? 'ok' : 'no_service');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('transportNotifier', () => {
  it("posts the Slack descriptor's webhook transport as Block Kit", async () => {
    const transport = slackChannel.transport(
      'oncall',
      { type: 'slack', webhookSecret: 'Hook' },
      { secret: () => url },
    );
    if ('unavailable' in transport) throw new Error('the secret was given');
    const notifier = transportNotifier('oncall', transport);
    expect(notifier).toBeInstanceOf(SlackWebhookNotifier);
    bodies.length = 0;
    await notifier.send(alert);
    expect(bodies).toEqual([JSON.parse(JSON.stringify(renderSlackMessage(alert)))]);
  });

  it("posts any webhook channel's own body and names its service, never the URL, when refused", async () => {
    const notifier = transportNotifier('teams', {
      kind: 'webhook',
      url,
      secretName: 'TeamsHook',
      service: 'Teams webhook',
      render: (a) => ({ text: a.title }),
    });
    bodies.length = 0;
    await notifier.send(alert);
    expect(bodies).toEqual([{ text: '[FIRING] ep: vigil_violations = 2 > 0' }]);
    statuses.push(404);
    const failure = await notifier.send(alert).catch((error: Error) => error);
    expect(String(failure)).toContain(
      'Teams webhook of channel "teams" (secret TeamsHook) answered 404 no_service: check the webhook secret',
    );
    expect(String(failure)).not.toContain(url);
  });

  it('sends email through SES and topics through SNS', () => {
    expect(
      transportNotifier('mail', { kind: 'email', from: 'a@example.com', to: ['b@example.com'] }),
    ).toBeInstanceOf(SesEmailNotifier);
    expect(transportNotifier('ops', { kind: 'topic', topicArn: 'arn:aws:sns:eu-west-1:1:t' })).toBeInstanceOf(
      SnsNotifier,
    );
  });
});
