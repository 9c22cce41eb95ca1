import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type Alert, type Notifier, type ObjectStore, parseConfig, systemClock } from '@vigil/core';
import { verifyAuditLog } from '@vigil/core/audit';
import { LocalEventBus, LocalObjectStore, readJournaledAuditHeads } from '@vigil/local';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlarmRouterHandler } from '../../functions/src/alarm-router.ts';
import { createRuntime, logger, type Runtime } from '../../functions/src/shared/runtime.ts';
import { alarmEvent } from '../core/alerting/helpers.ts';
import { FakeController } from '../core/rollback/fake-controller.ts';
import { type S3rverBucket, startS3rverBucket } from '../support/s3rver-store.ts';

const cloudwatch = mockClient(CloudWatchClient);
const eventbridge = mockClient(EventBridgeClient);

const V6 = 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/6';
const V7 = 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/7';
const config = {
  version: 1,
  channels: { 'oncall-slack': { type: 'slack', webhookSecret: 'SlackOncallWebhook' } },
  endpoints: [
    {
      name: 'churn-prod',
      monitors: { dataQuality: { baseline: 'baselines/dq/' } },
      alerts: {
        channels: ['oncall-slack'],
        guardrails: { driftFeatures: ['age', 'income', 'tenure', 'plan'] },
      },
      rollback: { policy: 'rollback', rejectModelPackage: true },
    },
  ],
};

/** The guardrail alarms of churn-prod, each firing for its own window, all at the same moment. */
const ALARMS: [name: string, windowStart: string][] = [
  ['vigil-churn-prod-drift-age', '2024-05-01T12:00:00.000Z'],
  ['vigil-churn-prod-drift-income', '2024-05-01T13:45:00.000Z'],
  ['vigil-churn-prod-drift-tenure', '2024-05-01T12:00:00.000Z'],
  ['vigil-churn-prod-drift-plan', '2024-05-01T13:45:00.000Z'],
  ['vigil-churn-prod-data-quality-violations', '2024-05-01T13:00:00.000Z'],
];

describe('alarm-router with concurrent guardrail alarms over S3 (s3rver)', () => {
  let s3: S3rverBucket;
  beforeAll(async () => {
    s3 = await startS3rverBucket('vigil-concurrency');
    cloudwatch.on(PutMetricDataCommand).resolves({});
    eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
  });
  afterAll(async () => {
    await s3.stop();
    cloudwatch.restore();
    eventbridge.restore();
  });

  it('opens one incident, rolls back once, audits once and sends one alert', async () => {
    await fireConcurrently(s3.store, () => createRuntime({ VIGIL_BUCKET: s3.bucket }, { s3: s3.client }));
  }, 60_000);
});

describe('alarm-router with concurrent guardrail alarms over a local folder', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'vigil-concurrency-'));
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it('opens one incident, rolls back once, audits once and sends one alert, its head journaled', async () => {
    const store = new LocalObjectStore(home);
    const bus = new LocalEventBus(home);
    await fireConcurrently(store, async () => ({
      config: parseConfig(config),
      bucket: 'vigil-local',
      store,
      storeFor: (location) => ({ store, key: location }),
      metrics: { publish: async () => undefined },
      events: bus,
      clock: systemClock,
      log: logger,
    }));
    const heads = await readJournaledAuditHeads(home, `${store.location}/audit`);
    expect(heads.map((h) => h.sequence)).toEqual([1]);
    expect((await verifyAuditLog(store, 'audit', { publishedHeads: heads })).ok).toBe(true);
  }, 60_000);
});

/**
 * Fires every guardrail alarm of churn-prod at the alarm-router handler at once, over `store`, and
 * checks that exactly one incident, one alert, one rollback and one audit record come out.
 */
async function fireConcurrently(store: ObjectStore, makeRuntime: () => Promise<Runtime>): Promise<void> {
  await store.put('config/vigil.config.json', JSON.stringify(config), 'application/json');
  await store.put(
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
  const controller = new FakeController(
    new Map([['churn-prod', { name: 'churn-prod', status: 'InService', configName: 'churn-cfg-7' }]]),
    new Map([
      ['churn-cfg-6', [V6]],
      ['churn-cfg-7', [V7]],
    ]),
  );
  const alerts: Alert[] = [];
  const slack: Notifier = {
    channel: 'oncall-slack',
    send: async (alert) => {
      alerts.push(alert);
    },
  };
  const runtime = await makeRuntime();
  const route = createAlarmRouterHandler({
    controller,
    notifiers: () => ({ 'oncall-slack': slack }),
    loadRuntime: async () => runtime,
  });

  const results = await Promise.all(
    ALARMS.map(([name, windowStart]) =>
      route(alarmEvent(name, 'ALARM', 'OK', '2024-05-01T13:50:00Z', { windowStart })),
    ),
  );

  expect(results.filter((r) => r.outcome === 'sent')).toHaveLength(1);
  expect(results.filter((r) => r.outcome === 'recorded')).toHaveLength(ALARMS.length - 1);
  expect(alerts).toHaveLength(1);
  expect(alerts[0]?.status).toBe('firing');
  expect(controller.calls.filter((c) => c.startsWith('switch'))).toEqual(['switch churn-prod churn-cfg-6']);
  expect(controller.calls.filter((c) => c.startsWith('reject'))).toEqual([`reject ${V7} true`]);

  const records: string[] = [];
  for await (const info of store.list('audit/')) if (/\/\d{12}\.json$/.test(info.key)) records.push(info.key);
  expect(records).toHaveLength(1);
  const audit = JSON.parse(new TextDecoder().decode(await store.get(records[0]!))) as { kind: string };
  expect(audit.kind).toBe('rollback.performed');

  const incidents: string[] = [];
  for await (const info of store.list('alerting/incidents/')) incidents.push(info.key);
  expect(incidents).toEqual(['alerting/incidents/churn-prod.json']);
  const incident = JSON.parse(new TextDecoder().decode(await store.get(incidents[0]!))) as {
    status: string;
    actions: string[];
    suppressed: number;
    incidentId: string;
  };
  expect(incident.status).toBe('open');
  expect(incident.actions).toEqual([
    `Rolled back churn-prod from churn-cfg-7 to churn-cfg-6; rejected model package ${V7}.`,
  ]);
  // Every alarm joined it: each signal is recorded as firing and settled.
  const signals: { firing: boolean; settled: boolean }[] = [];
  for await (const info of store.list('alerting/signals/churn-prod/'))
    signals.push(JSON.parse(new TextDecoder().decode(await store.get(info.key))));
  expect(signals).toHaveLength(ALARMS.length);
  expect(signals.every((s) => s.firing && s.settled)).toBe(true);
  expect(alerts[0]?.id.startsWith(incident.incidentId)).toBe(true);
}
