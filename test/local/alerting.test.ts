import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Alert,
  type MonitoringExecutionDetail,
  type Notifier,
  parseConfig,
  silentLog,
} from '@vigil/core';
import { monitorHealthMetrics, routeAlert } from '@vigil/core/alerting';
import { ObjectStoreAuditLog } from '@vigil/core/audit';
import { readEndpointRecord, trackEndpointEvent } from '@vigil/core/rollback';
import {
  evaluateLocalAlarms,
  LocalEndpointController,
  LocalMetricStore,
  LocalObjectStore,
  localNotifiers,
} from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MovingClock } from '../core/alerting/helpers.ts';

const V6 = 'arn:aws:sagemaker:local:000000000000:model-package/churn/6';
const V7 = 'arn:aws:sagemaker:local:000000000000:model-package/churn/7';
const config = parseConfig({
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
});

function run(at: string, violations: number): MonitoringExecutionDetail {
  return {
    endpointName: 'churn-prod',
    monitoringScheduleName: 'churn-prod-data-quality',
    monitoringType: 'DataQuality',
    status: violations ? 'CompletedWithViolations' : 'Completed',
    scheduledTime: at,
    windowStart: at,
    windowEnd: at,
    reportUri: 'reports/',
    violationCount: violations,
    violations: [],
    metrics: {},
    skipped: [],
    recordCount: 10,
  };
}

describe('local alerting loop', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'vigil-alerting-'));
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  it('evaluates the guardrails on local metrics, alerts to the outbox and rolls back the local endpoint', async () => {
    const store = new LocalObjectStore(home);
    const metrics = new LocalMetricStore(home);
    const clock = new MovingClock(new Date('2024-05-01T12:00:00Z'));
    const endpoints = new LocalEndpointController(store);
    const log = silentLog;
    // Two deployments: cfg-6 then cfg-7, followed by the deployment tracker.
    await trackEndpointEvent(
      { store, clock, log },
      await endpoints.deploy('churn-prod', 'churn-cfg-6', [V6], new Date('2024-04-01T09:00:00Z')),
    );
    await trackEndpointEvent(
      { store, clock, log },
      await endpoints.deploy('churn-prod', 'churn-cfg-7', [V7], new Date('2024-05-01T09:00:00Z')),
    );
    expect((await readEndpointRecord(store, 'churn-prod'))?.previous?.configName).toBe('churn-cfg-6');

    // A clean run at 12:05, a drifting one at 13:05.
    await metrics.publish(
      monitorHealthMetrics(
        run('2024-05-01T12:00:00.000Z', 0),
        'aws/sagemaker',
        new Date('2024-05-01T12:05:00Z'),
      ),
    );
    await metrics.publish(
      monitorHealthMetrics(
        run('2024-05-01T13:00:00.000Z', 2),
        'aws/sagemaker',
        new Date('2024-05-01T13:05:00Z'),
      ),
    );
    await metrics.publish([
      {
        namespace: 'aws/sagemaker/Endpoints/data-metrics',
        name: 'feature_baseline_drift_age',
        dimensions: { Endpoint: 'churn-prod', MonitoringSchedule: 'churn-prod-data-quality' },
        value: 0.31,
        timestamp: new Date('2024-05-01T13:05:00Z'),
      },
    ]);
    clock.set('2024-05-01T13:30:00Z');
    const results = await evaluateLocalAlarms({ config, metrics, store, clock });
    expect(results.map((r) => [r.alarm.name, r.state.value])).toEqual([
      ['vigil-churn-prod-drift-age', 'ALARM'],
      ['vigil-churn-prod-data-quality-violations', 'ALARM'],
      ['vigil-churn-prod-data-quality-heartbeat', 'OK'],
    ]);
    expect(results.every((r) => r.event?.detail.previousState.value === 'INSUFFICIENT_DATA')).toBe(true);
    // The same evaluation again changes nothing: no events.
    expect((await evaluateLocalAlarms({ config, metrics, store, clock })).filter((r) => r.event)).toEqual([]);

    const printed: string[] = [];
    const notifiers = localNotifiers(config, { store, env: {}, print: (t) => printed.push(t) });
    const audit = new ObjectStoreAuditLog(store, { clock });
    const ports = { config, store, notifiers, clock, log, rollback: { controller: endpoints, audit } };
    for (const result of results) if (result.event) await routeAlert(ports, result.event);

    // One grouped alert per channel in the outbox, saying the endpoint was rolled back.
    const day = await readdir(join(home, 'outbox', '2024-05-01'));
    day.sort();
    expect(day.map((name) => name.replace(/\.[0-9a-f]{8}--/, '.<event>--'))).toEqual([
      'churn-prod-20240501T1300.1.firing.<event>--ml-email.json',
      'churn-prod-20240501T1300.1.firing.<event>--oncall-slack.json',
    ]);
    const entry = JSON.parse(await readFile(join(home, 'outbox', '2024-05-01', day[1] ?? ''), 'utf8'));
    expect(entry.kind).toBe('slack');
    expect(entry.alert.actionTaken).toBe(
      `Rolled back churn-prod from churn-cfg-7 to churn-cfg-6; rejected model package ${V7}.`,
    );
    expect(entry.alert.modelPackageArn).toBe(V7);
    expect(entry.slack.blocks[0].type).toBe('header');
    expect(entry.email.subject).toBe('[FIRING] churn-prod: feature_baseline_drift_age = 0.31 > 0.1');
    expect(printed).toHaveLength(2);
    expect(printed[0]).toContain('Action taken:   Rolled back churn-prod');

    const endpoint = await endpoints.read('churn-prod');
    expect(endpoint.configName).toBe('churn-cfg-6');
    expect(endpoint.rejected.map((r) => r.modelPackageArn)).toEqual([V7]);
    // Records only: the log also keeps a head.json index beside them.
    const auditFiles = (await readdir(join(home, 'audit'))).filter((f) => /^\d+\.json$/.test(f));
    expect(auditFiles).toHaveLength(1);
    const record = JSON.parse(await readFile(join(home, 'audit', auditFiles[0] ?? ''), 'utf8'));
    expect(record).toMatchObject({
      kind: 'rollback.performed',
      subject: 'churn-prod',
      actor: 'alarm-router',
    });
  });

  it('posts to a real Slack webhook when its secret is in the environment, keeping the outbox copy', async () => {
    const store = new LocalObjectStore(home);
    const posted: { url: string; alert: Alert }[] = [];
    const notifiers = localNotifiers(config, {
      store,
      env: { SlackOncallWebhook: 'https://hooks.slack.com/services/T/B/secret' },
      slack: (o): Notifier => ({
        channel: o.channel,
        send: async (alert) => void posted.push({ url: o.webhookUrl, alert }),
      }),
    });
    const alert = {
      id: 'a1',
      at: '2024-05-01T13:30:00.000Z',
      title: 't',
      signals: [],
      notes: [],
    } as unknown as Alert;
    await notifiers['oncall-slack']?.send({
      ...alert,
      endpoint: 'churn-prod',
      transition: { from: 'OK', to: 'ALARM' },
      status: 'firing',
      severity: 'warning',
      incidentId: 'i',
      actionTaken: 'None.',
    });
    expect(posted.map((p) => p.url)).toEqual(['https://hooks.slack.com/services/T/B/secret']);
    expect(await readdir(join(home, 'outbox', '2024-05-01'))).toEqual(['a1--oncall-slack.json']);
  });
});
