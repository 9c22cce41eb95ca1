import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlackWebhookNotifier } from '@vigil/aws';
import { main } from '@vigil/cli';
import { parseConfig, silentLog } from '@vigil/core';
import { AlertUndeliveredError, DEAD_LETTER_PREFIX, type DeadLetter, routeAlert } from '@vigil/core/alerting';
import { LocalObjectStore } from '@vigil/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/generate-capture.ts';
import { alarmEvent, MovingClock, RecordingNotifier } from '../core/alerting/helpers.ts';

// A local HTTP server stands in for Slack (127.0.0.1 only) and fails as Slack does: 500, 429 with
// Retry-After, and requests it never answers. Whatever it does, no alert may be lost (each one is
// delivered or dead-lettered) and, after the Lambda's retries and a replay, each alert reaches
// Slack exactly once.

type Fault = 'ok' | '500' | '429' | 'timeout';

/** A fake Slack webhook: answers per a fault plan and records the alert ids it accepted. */
class FakeSlack {
  readonly accepted: string[] = [];
  readonly served: Fault[] = [];
  #server: Server | undefined;
  #plan: () => Fault = () => 'ok';

  set plan(next: () => Fault) {
    this.#plan = next;
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/services/T000/B000/secret`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const fault = this.#plan();
    this.served.push(fault);
    if (fault === 'timeout') {
      // Never answers; the client's timeout gives up first. The message is not posted.
      setTimeout(() => res.destroy(), 2500);
      return;
    }
    if (fault === '500') {
      res.writeHead(500).end('internal_error');
      return;
    }
    if (fault === '429') {
      res.writeHead(429, { 'retry-after': '1' }).end('rate_limited');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      blocks: { type: string; elements?: { text: string }[] }[];
    };
    const context = body.blocks.find((b) => b.type === 'context')?.elements?.at(-1)?.text ?? '';
    const id = /alert (\S+)/.exec(context)?.[1];
    if (!id) {
      res.writeHead(400).end('no alert id');
      return;
    }
    this.accepted.push(id);
    res.writeHead(200).end('ok');
  }
}

function faultPlan(seed: number, weights: Record<Fault, number>): () => Fault {
  // Seeded, so the fault sequence is the same on every run.
  const random = seededRandom(seed);
  const entries = Object.entries(weights) as [Fault, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return () => {
    let pick = random() * total;
    for (const [fault, weight] of entries) {
      pick -= weight;
      if (pick < 0) return fault;
    }
    return 'ok';
  };
}

const CONFIG = {
  version: 1,
  channels: {
    'oncall-slack': { type: 'slack', webhookSecret: 'SlackOncallWebhook' },
    'ml-email': { type: 'email', from: 'vigil@example.com', to: ['ml@example.com'] },
  },
  endpoints: [
    {
      name: 'churn-prod',
      monitors: { dataQuality: { baseline: 'baselines/churn/dq/' } },
      alerts: {
        channels: ['oncall-slack', 'ml-email'],
        suppressMinutes: 5,
        guardrails: { driftFeatures: ['age'] },
      },
    },
  ],
};
async function readLetter(store: LocalObjectStore, key: string): Promise<DeadLetter> {
  return JSON.parse(new TextDecoder().decode(await store.get(key))) as DeadLetter;
}

const DRIFT = 'vigil-churn-prod-drift-age';
const HOURS = 12;

let dir: string;
let home: string;
let webhookUrl: string;
const slack = new FakeSlack();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-slack-faults-'));
  home = join(dir, 'home');
  await writeFile(join(dir, 'vigil.config.json'), JSON.stringify(CONFIG));
  webhookUrl = await slack.start();
});

afterAll(async () => {
  await slack.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('Slack failing with 500, 429 and timeouts', () => {
  it('loses no alert and, after the Lambda retries and one replay, delivers each exactly once', async () => {
    const store = new LocalObjectStore(home);
    const email = new RecordingNotifier('ml-email');
    const clock = new MovingClock(new Date('2024-05-01T00:00:00Z'));
    const ports = {
      config: parseConfig(CONFIG),
      store,
      notifiers: {
        'oncall-slack': new SlackWebhookNotifier({ channel: 'oncall-slack', webhookUrl, timeoutMs: 1000 }),
        'ml-email': email,
      },
      clock,
      log: silentLog,
      delivery: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} },
    };
    slack.plan = faultPlan(11, { ok: 22, '500': 40, '429': 32, timeout: 6 });

    // An incident per hour: it fires at :50 and resolves at :55, so two alerts per hour.
    let undeliveredAfterRetries = 0;
    const events = new Map<string, ReturnType<typeof alarmEvent>>();
    for (let hour = 0; hour < HOURS; hour++) {
      const hh = String(hour).padStart(2, '0');
      for (const [state, previous, minute] of [
        ['ALARM', 'OK', '50'],
        ['OK', 'ALARM', '55'],
      ] as const) {
        const event = alarmEvent(DRIFT, state, previous, `2024-05-01T${hh}:${minute}:00Z`);
        events.set(event.id, event);
        clock.set(event.time);
        // Lambda's asynchronous invocation: the first attempt and two retries of the same event.
        let failures = 0;
        for (let attempt = 0; attempt < 3; attempt++) {
          try {
            await routeAlert(ports, event);
            break;
          } catch (error) {
            expect(error).toBeInstanceOf(AlertUndeliveredError);
            failures++;
          }
        }
        if (failures === 3) undeliveredAfterRetries++;
      }
    }

    const expected = email.sent.map((a) => a.id);
    expect(new Set(expected).size).toBe(HOURS * 2);
    // Every fault kind was met, and some alerts outlived the Lambda's retries.
    expect(new Set(slack.served)).toEqual(new Set(['ok', '500', '429', 'timeout']));
    expect(undeliveredAfterRetries).toBeGreaterThan(0);

    // 0 lost: each alert reached Slack or has a dead letter that says it did not.
    const letters = new Map<string, DeadLetter>();
    for await (const info of store.list(`${DEAD_LETTER_PREFIX}/`)) {
      const letter = await readLetter(store, info.key);
      letters.set(letter.alert.id, letter);
    }
    const undelivered = [...letters.values()].filter((l) => !l.resolvedAt).map((l) => l.alert.id);
    expect(new Set([...slack.accepted, ...undelivered])).toEqual(new Set(expected));
    expect(undelivered.filter((id) => slack.accepted.includes(id))).toEqual([]);
    // Letters whose alert a later retry delivered say so.
    const resolvedByRetry = [...letters.values()].filter((l) => l.resolvedBy === 'retry');
    expect(resolvedByRetry.length).toBeGreaterThan(0);
    for (const l of resolvedByRetry) expect(slack.accepted).toContain(l.alert.id);

    // The replay sends only what is still undelivered; Slack keeps failing some, so replay until none is left.
    slack.plan = faultPlan(23, { ok: 60, '500': 25, '429': 15, timeout: 0 });
    const out: string[] = [];
    for (let round = 0; round < 10; round++) {
      const code = await main(
        ['alarms', 'dead-letters', '--replay', '--config', 'vigil.config.json', '--home', 'home'],
        {
          stdout: (line) => out.push(line),
          stderr: (line) => out.push(line),
          cwd: dir,
          env: { SlackOncallWebhook: webhookUrl },
        },
      );
      if (code === 0) break;
    }
    expect(out.join('\n')).not.toContain(webhookUrl);

    const counts = new Map<string, number>();
    for (const id of slack.accepted) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...expected].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    for await (const info of store.list(`${DEAD_LETTER_PREFIX}/`)) {
      expect((await readLetter(store, info.key))?.resolvedAt).toBeDefined();
    }

    // A late Lambda retry of an event whose alert the replay delivered sends nothing more, nor does a second replay.
    const replayed = [...letters.values()].find((l) => !l.resolvedAt);
    const lateEvent = events.get(replayed?.alert.eventId ?? '');
    expect(lateEvent).toBeDefined();
    const before = slack.accepted.length;
    slack.plan = () => 'ok';
    await routeAlert(ports, lateEvent);
    const again = await main(
      ['alarms', 'dead-letters', '--replay', '--config', 'vigil.config.json', '--home', 'home'],
      { stdout: () => {}, stderr: () => {}, cwd: dir, env: { SlackOncallWebhook: webhookUrl } },
    );
    expect(again).toBe(0);
    expect(slack.accepted.length).toBe(before);
  }, 60_000);
});
