import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseConfig, type VigilConfig } from '@vigil/core';
import { modelCardNameFor } from '@vigil/core/cards';
import { matchesPattern, toBusEvent } from '@vigil/local';
import { describe, expect, it } from 'vitest';
import { assertScheduledMonitorEvent } from '../../functions/src/shared/events.ts';
import {
  asyncTopicSubscriptions,
  captureCreatedPattern,
  type DeploymentContext,
  FUNCTION_NAMES,
  guardrailAlarmPattern,
  handlerOf,
  localWiring,
  monitorSchedules,
  PATTERNS,
  type Permission,
  permissionsFor,
  resourceName,
  subscriptions,
  variantSchedules,
} from '../../infra/wiring.ts';
import { DEPLOYMENT_CONTEXT } from '../support/deployment-context.ts';
import { TWO_ENDPOINTS_CONFIG } from '../support/two-endpoints-config.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = fileURLToPath(new URL('../../../shared/fixtures/events/', import.meta.url));
const fixture = (name: string) =>
  JSON.parse(readFileSync(`${fixtures}${name}.json`, 'utf8')) as Record<string, unknown>;

const FIXTURES = [
  's3-object-created',
  'sagemaker-model-package-state-change',
  'sagemaker-endpoint-deployment-state-change',
  'sagemaker-endpoint-state-change',
  'sagemaker-model-card-state-change',
  'sagemaker-processing-job-state-change',
  'cloudwatch-alarm-state-change',
] as const;

const monitoringExecution = toBusEvent({
  source: 'vigil',
  detailType: 'Vigil Monitoring Execution',
  detail: { endpointName: 'churn-prod', status: 'CompletedWithViolations' },
  time: new Date('2024-05-01T13:05:00Z'),
});

/** Every fixture plus Vigil's own event, by name. */
const events: Record<string, unknown> = {
  ...Object.fromEntries(FIXTURES.map((name) => [name, fixture(name)])),
  'vigil-monitoring-execution': monitoringExecution,
};

const config: VigilConfig = parseConfig(TWO_ENDPOINTS_CONFIG);

const ctx: DeploymentContext = DEPLOYMENT_CONTEXT;

/** Names of the events a pattern matches. */
function matched(pattern: Record<string, unknown>): string[] {
  return Object.entries(events)
    .filter(([, event]) => matchesPattern(pattern, event))
    .map(([name]) => name);
}

describe('functions', () => {
  it.each(FUNCTION_NAMES)('%s has a handler file that exports `handler`', async (name) => {
    const [file, exported] = handlerOf(name).split('.');
    expect(exported).toBe('handler');
    const path = `${repo}${file}.ts`;
    expect(existsSync(path), `${path} is missing`).toBe(true);
    const module = (await import(path)) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  });
});

describe('event patterns', () => {
  it.each([
    ['modelPackageStateChange', ['sagemaker-model-package-state-change']],
    ['endpointDeploymentStateChange', ['sagemaker-endpoint-deployment-state-change']],
    ['endpointStateChange', ['sagemaker-endpoint-state-change']],
    ['alarmStateChange', ['cloudwatch-alarm-state-change']],
    ['monitoringExecution', ['vigil-monitoring-execution']],
  ] as const)('%s matches exactly its own event', (name, expected) => {
    expect(matched(PATTERNS[name])).toEqual(expected);
  });

  it('matches a new capture file under the configured prefix of the right bucket only', () => {
    const s3 = fixture('s3-object-created') as {
      detail: { bucket: { name: string }; object: { key: string } };
    };
    const pattern = captureCreatedPattern('DOC-EXAMPLE-BUCKET1', ['capture/churn-prod/']);
    // The documentation's key ("example-key") is not a capture file.
    expect(matched(pattern)).toEqual([]);
    const capture = structuredClone(s3);
    capture.detail.object.key = 'capture/churn-prod/AllTraffic/2024/05/01/13/05-01-123-uuid.jsonl';
    expect(matchesPattern(pattern, capture)).toBe(true);
    const otherEndpoint = structuredClone(capture);
    otherEndpoint.detail.object.key = 'capture/churn-prod-2/AllTraffic/2024/05/01/13/x.jsonl';
    expect(matchesPattern(pattern, otherEndpoint)).toBe(false);
    const profile = structuredClone(capture);
    profile.detail.object.key = `profiles/${capture.detail.object.key}.profile.json`;
    expect(matchesPattern(pattern, profile)).toBe(false);
    const otherBucket = structuredClone(capture);
    otherBucket.detail.bucket.name = 'someone-else';
    expect(matchesPattern(pattern, otherBucket)).toBe(false);
  });

  it("narrows alarm-router's rule to the guardrail alarms' name prefixes", () => {
    const pattern = guardrailAlarmPattern(['vigil', 'fraudguard', 'vigil']);
    const alarm = fixture('cloudwatch-alarm-state-change') as { detail: { alarmName: string } };
    expect(matchesPattern(pattern, alarm)).toBe(false);
    alarm.detail.alarmName = 'vigil-churn-prod-data-quality-violations';
    expect(matchesPattern(pattern, alarm)).toBe(true);
    alarm.detail.alarmName = 'fraudguard-fraud-data-quality-heartbeat';
    expect(matchesPattern(pattern, alarm)).toBe(true);
    alarm.detail.alarmName = 'vigilant-other';
    expect(matchesPattern(pattern, alarm)).toBe(false);
  });
});

describe('subscriptions and schedules of a configuration', () => {
  const subs = subscriptions(config, 'vigil-bucket');

  it('routes every event to the function meant for it', () => {
    const routes = subs.map((s) => [s.name, s.bus, s.function]);
    expect(routes).toEqual([
      ['CaptureCreated', 'default', 'profile-capture'],
      ['CaptureCreatedFraudCapture', 'default', 'profile-capture'],
      ['ModelPackageStateChange', 'default', 'registry-gate'],
      ['EndpointDeploymentStateChange', 'default', 'deployment-tracker'],
      ['EndpointStateChange', 'default', 'deployment-tracker'],
      ['GuardrailAlarmStateChange', 'default', 'alarm-router'],
      ['MonitoringExecutionToCards', 'vigil', 'card-sync'],
      ['MonitoringExecutionToAlerts', 'vigil', 'alarm-router'],
      ['AuditHeadToHeadsBucket', 'vigil', 'audit-head-recorder'],
    ]);
    expect(subs[0]?.pattern).toEqual(captureCreatedPattern('vigil-bucket', ['capture/churn-prod/']));
    expect(subs[1]?.pattern).toEqual(captureCreatedPattern('fraud-capture', ['datacapture/fraud/']));
  });

  it('gives each event exactly the subscribers meant for it', () => {
    const subscribersOf = (event: unknown) =>
      subs.filter((s) => matchesPattern(s.pattern, event)).map((s) => s.function);
    expect(subscribersOf(events['sagemaker-model-package-state-change'])).toEqual(['registry-gate']);
    expect(subscribersOf(events['sagemaker-endpoint-state-change'])).toEqual(['deployment-tracker']);
    expect(subscribersOf(events['sagemaker-endpoint-deployment-state-change'])).toEqual([
      'deployment-tracker',
    ]);
    expect(subscribersOf(events['vigil-monitoring-execution'])).toEqual(['card-sync', 'alarm-router']);
    expect(subscribersOf(events['sagemaker-processing-job-state-change'])).toEqual([]);
    expect(subscribersOf(events['sagemaker-model-card-state-change'])).toEqual([]);
  });

  it('schedules every configured monitor with exactly the input the monitor functions accept', () => {
    const schedules = monitorSchedules(config);
    expect(schedules.map((s) => [s.name, s.function, s.schedule])).toEqual([
      ['ChurnProdDataQuality', 'monitor-data-quality', 'rate(1 hour)'],
      ['ChurnProdModelQuality', 'monitor-model-quality', 'rate(1 hour)'],
      ['ChurnProdBiasDrift', 'monitor-bias-drift', 'rate(1 hour)'],
      ['ChurnProdFeatureAttribution', 'monitor-feature-attribution', 'cron(0 */6 * * ? *)'],
      ['FraudDataQuality', 'monitor-data-quality', 'rate(1 hour)'],
    ]);
    for (const schedule of schedules) {
      expect(assertScheduledMonitorEvent(schedule.event)).toEqual({ endpoint: schedule.endpoint });
    }
  });

  it('triggers every function with this configuration, under unique resource names', () => {
    const triggered = new Set([
      ...subs.map((s) => s.function),
      ...monitorSchedules(config).map((s) => s.function),
      ...variantSchedules(config).map((s) => s.function),
      ...asyncTopicSubscriptions(config).map((s) => s.function),
    ]);
    expect([...triggered].sort()).toEqual([...FUNCTION_NAMES].sort());
    const names = [
      ...subs.map((s) => s.name),
      ...monitorSchedules(config).map((s) => s.name),
      ...variantSchedules(config).map((s) => s.name),
      ...asyncTopicSubscriptions(config).map((s) => s.name),
    ];
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    expect(resourceName('churn-prod')).toBe('ChurnProd');
  });
});

describe('permissions', () => {
  const all = FUNCTION_NAMES.map((name) => [name, permissionsFor(name, config, ctx)] as const);

  it('never grants wildcard actions, and `*` resources only where the API has no resource ARNs', () => {
    for (const [, statements] of all) {
      for (const statement of statements) {
        for (const action of statement.actions) expect(action).not.toMatch(/\*/);
        if (statement.resources.includes('*')) {
          expect(statement.actions.every((a) => a === 'cloudwatch:PutMetricData')).toBe(true);
        }
      }
    }
  });

  it('lets every function read the deployed configuration and send to its dead-letter queue', () => {
    for (const [, statements] of all) {
      expect(statements).toContainEqual(
        expect.objectContaining({
          actions: ['s3:GetObject'],
          resources: expect.arrayContaining(['arn:aws:s3:::vigil-bucket/config/vigil.config.json']),
        }),
      );
      expect(statements).toContainEqual({
        actions: ['sqs:SendMessage'],
        resources: [ctx.deadLetterQueueArn],
      });
    }
  });

  it('lets profile-capture read only capture files and write only profiles and extracts', () => {
    const statements = permissionsFor('profile-capture', config, ctx);
    expect(statements.find((s) => s.actions.includes('s3:GetObject'))?.resources).toEqual([
      'arn:aws:s3:::vigil-bucket/config/vigil.config.json',
      'arn:aws:s3:::vigil-bucket/capture/churn-prod/*',
      'arn:aws:s3:::fraud-capture/datacapture/fraud/*',
    ]);
    expect(statements.find((s) => s.actions.includes('s3:PutObject'))?.resources).toEqual([
      'arn:aws:s3:::vigil-bucket/profiles/*',
      'arn:aws:s3:::vigil-bucket/extracts/*',
    ]);
    expect(statements.some((s) => s.actions.some((a) => !a.startsWith('s3:') && !a.startsWith('sqs:')))).toBe(
      false,
    );
  });

  it('lets the data-quality monitor write its own report folders and publish only data metrics', () => {
    const statements = permissionsFor('monitor-data-quality', config, ctx);
    const lists = () => statements.filter((s) => s.actions.includes('s3:ListBucket'));
    expect(statements.find((s) => s.actions.includes('s3:PutObject'))?.resources).toEqual([
      'arn:aws:s3:::vigil-bucket/runs/churn-prod/DataQuality/*',
      'arn:aws:s3:::vigil-bucket/index/runs/churn-prod/DataQuality.jsonl*',
      'arn:aws:s3:::vigil-bucket/reports/churn-prod/data-quality/*',
      'arn:aws:s3:::vigil-bucket/runs/fraud/DataQuality/*',
      'arn:aws:s3:::vigil-bucket/index/runs/fraud/DataQuality.jsonl*',
      'arn:aws:s3:::fraud-reports/out/fraud/data-quality/*',
    ]);
    // Its own run index (the dashboard's view), listed so a first append finds it absent, not denied.
    expect(JSON.stringify(lists())).toContain('index/runs/churn-prod/DataQuality.jsonl*');
    expect(JSON.stringify(statements)).not.toContain('index/runs/churn-prod/ModelBias');
    // Its run records only: another monitor's records of the same endpoint stay out of reach.
    expect(JSON.stringify(lists())).toContain('runs/churn-prod/DataQuality/');
    expect(JSON.stringify(statements)).not.toContain('runs/churn-prod/ModelBias/');
    expect(statements.find((s) => s.actions.includes('cloudwatch:PutMetricData'))?.conditions).toEqual([
      {
        test: 'StringEquals',
        variable: 'cloudwatch:namespace',
        values: ['aws/sagemaker/Endpoints/data-metrics'],
      },
    ]);
    expect(statements).toContainEqual({ actions: ['events:PutEvents'], resources: [ctx.vigilBusArn] });
    const reads = statements.find((s) => s.actions.includes('s3:GetObject'))?.resources ?? [];
    expect(reads).toContain('arn:aws:s3:::fraud-baselines/dq/*');
    expect(reads).not.toContain('arn:aws:s3:::labels-bucket/churn/*');
    // Each run names the model version that served its window, from the endpoint records.
    expect(reads).toContain('arn:aws:s3:::vigil-bucket/state/endpoints/*');
  });

  it('lets the deployment tracker describe endpoint configs and models, to name the packages they serve', () => {
    const tracker = permissionsFor('deployment-tracker', config, ctx);
    expect(tracker).toContainEqual({
      actions: ['sagemaker:DescribeEndpoint', 'sagemaker:DescribeEndpointConfig', 'sagemaker:DescribeModel'],
      resources: [
        'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn-prod',
        'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/fraud',
        'arn:aws:sagemaker:eu-west-1:111122223333:endpoint-config/*',
        'arn:aws:sagemaker:eu-west-1:111122223333:model/*',
      ],
    });
  });

  it('lets the model-quality monitor read ground truth, and the attribution monitor invoke its endpoint', () => {
    const mq = permissionsFor('monitor-model-quality', config, ctx);
    expect(mq.find((s) => s.actions.includes('s3:GetObject'))?.resources).toContain(
      'arn:aws:s3:::labels-bucket/churn/*',
    );
    expect(mq).toContainEqual({
      actions: ['s3:ListBucket'],
      resources: ['arn:aws:s3:::labels-bucket'],
      conditions: [{ test: 'StringLike', variable: 's3:prefix', values: ['churn/*'] }],
    });
    const bias = permissionsFor('monitor-bias-drift', config, ctx);
    expect(bias.find((s) => s.actions.includes('s3:GetObject'))?.resources).toEqual(
      expect.arrayContaining([
        'arn:aws:s3:::vigil-bucket/capture/churn-prod/*',
        'arn:aws:s3:::labels-bucket/churn/*',
        'arn:aws:s3:::vigil-bucket/baselines/churn/bias/analysis_config.json*',
      ]),
    );
    const fa = permissionsFor('monitor-feature-attribution', config, ctx);
    expect(fa).toContainEqual({
      actions: ['sagemaker:InvokeEndpoint'],
      resources: ['arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn-prod'],
    });
  });

  it('lets compare-variants read only the compared variants’ capture and write only its report folder', () => {
    const compare = permissionsFor('compare-variants', config, ctx);
    const reads = compare.find((s) => s.actions.includes('s3:GetObject'))?.resources ?? [];
    expect(reads).toEqual(
      expect.arrayContaining([
        'arn:aws:s3:::vigil-bucket/capture/churn-prod/champion/*',
        'arn:aws:s3:::vigil-bucket/capture/churn-prod/challenger/*',
        'arn:aws:s3:::vigil-bucket/capture/churn-prod/shadow/*',
        'arn:aws:s3:::vigil-bucket/extracts/capture/churn-prod/shadow/*',
        'arn:aws:s3:::labels-bucket/churn/*',
        'arn:aws:s3:::vigil-bucket/baselines/churn/model-quality/*',
      ]),
    );
    expect(reads).not.toContain('arn:aws:s3:::vigil-bucket/capture/churn-prod/*');
    expect(compare.find((s) => s.actions.includes('s3:PutObject'))?.resources).toEqual([
      'arn:aws:s3:::vigil-bucket/reports/churn-prod/variant-comparison/*',
    ]);
    expect(compare).toContainEqual({
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: [
        {
          test: 'StringEquals',
          variable: 'cloudwatch:namespace',
          values: ['aws/sagemaker/Endpoints/variant-metrics'],
        },
      ],
    });
    expect(compare.some((s) => s.actions.some((a) => a.startsWith('sagemaker:')))).toBe(false);
  });

  it('lets only alarm-router roll back endpoints, publish alerts and send email from the configured sender', () => {
    const can = (action: string) =>
      all.filter(([, st]) => st.some((s) => s.actions.includes(action))).map(([n]) => n);
    expect(can('sagemaker:UpdateEndpoint')).toEqual(['alarm-router']);
    expect(can('sns:Publish')).toEqual(['alarm-router']);
    expect(can('ses:SendEmail')).toEqual(['alarm-router']);
    expect(can('sagemaker:UpdateModelPackage').sort()).toEqual(['alarm-router', 'registry-gate']);
    expect(can('sagemaker:InvokeEndpoint')).toEqual(['monitor-feature-attribution']);
    const router = permissionsFor('alarm-router', config, ctx);
    expect(router.find((s) => s.actions.includes('ses:SendEmail'))?.resources).toEqual([
      'arn:aws:ses:eu-west-1:111122223333:identity/vigil@example.com',
      'arn:aws:ses:eu-west-1:111122223333:identity/example.com',
    ]);
    expect(router.find((s) => s.actions.includes('sagemaker:UpdateModelPackage'))?.resources).toEqual([
      'arn:aws:sagemaker:eu-west-1:111122223333:model-package-group/churn',
      'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/*',
    ]);
    // "fraud" only notifies: alarm-router may not touch it.
    expect(router.find((s) => s.actions.includes('sagemaker:UpdateEndpoint'))?.resources).toEqual([
      'arn:aws:sagemaker:eu-west-1:111122223333:endpoint/churn-prod',
      'arn:aws:sagemaker:eu-west-1:111122223333:endpoint-config/*',
    ]);
  });

  it('gives alarm-router no rollback rights when every endpoint only notifies', () => {
    const notifyOnly = parseConfig({ version: 1, endpoints: [{ name: 'ep', modelPackageGroup: 'g' }] });
    const router = permissionsFor('alarm-router', notifyOnly, ctx);
    expect(router.some((s) => s.actions.includes('sagemaker:UpdateEndpoint'))).toBe(false);
    expect(router.some((s) => s.actions.includes('sagemaker:UpdateModelPackage'))).toBe(false);
  });

  it('lets card-sync read any model package only when an endpoint names no group', () => {
    const cardSync = permissionsFor('card-sync', config, ctx);
    expect(cardSync.find((s) => s.actions.includes('sagemaker:DescribeModelPackage'))?.resources).toEqual([
      'arn:aws:sagemaker:eu-west-1:111122223333:model-package-group/*',
      'arn:aws:sagemaker:eu-west-1:111122223333:model-package/*',
    ]);
    const grouped = parseConfig({ version: 1, endpoints: [{ name: 'ep', modelPackageGroup: 'g' }] });
    expect(
      permissionsFor('card-sync', grouped, ctx).find((s) =>
        s.actions.includes('sagemaker:DescribeModelPackage'),
      )?.resources,
    ).toEqual([
      'arn:aws:sagemaker:eu-west-1:111122223333:model-package-group/g',
      'arn:aws:sagemaker:eu-west-1:111122223333:model-package/g/*',
    ]);
  });
});

describe('narrowed permissions', () => {
  const governed = parseConfig({
    version: 1,
    endpoints: [
      {
        name: 'churn-prod',
        modelPackageGroup: 'churn',
        monitors: {
          dataQuality: { baseline: 'baselines/churn/data-quality/' },
          modelQuality: { baseline: 's3://ml-artifacts/churn/mq/', problemType: 'BinaryClassification' },
        },
        rollback: { policy: 'rollback' },
      },
      {
        name: 'scratch',
        monitors: { dataQuality: { baseline: 's3://scratch-bucket/dq/' } },
        rollback: { policy: 'rollback' },
      },
    ],
    approvalPolicies: [
      {
        modelPackageGroup: 'churn',
        modelMetricsLocations: ['s3://sagemaker-eu-west-1-111122223333/churn/evaluation/'],
      },
    ],
  });
  const statement = (fn: Parameters<typeof permissionsFor>[0], action: string) =>
    permissionsFor(fn, governed, ctx).find((s) => s.actions.includes(action));

  it("gives the gate and card-sync only the configured groups' model cards", () => {
    for (const fn of ['registry-gate', 'card-sync'] as const) {
      expect(statement(fn, 'sagemaker:DescribeModelCard')?.resources).toEqual([
        'arn:aws:sagemaker:eu-west-1:111122223333:model-card/churn-v*',
      ]);
      expect(statement(fn, 'sagemaker:CreateModelCard')?.resources).not.toContain(
        'arn:aws:sagemaker:eu-west-1:111122223333:model-card/*',
      );
    }
    // No group configured, no card rights at all.
    const ungrouped = parseConfig({ version: 1, endpoints: [{ name: 'ep' }] });
    for (const fn of ['registry-gate', 'card-sync'] as const) {
      expect(
        permissionsFor(fn, ungrouped, ctx).some((s) => s.actions.includes('sagemaker:DescribeModelCard')),
      ).toBe(false);
    }
  });

  it('covers the shortened card names of a long group name', () => {
    const group = `g${'x'.repeat(55)}`;
    const long = parseConfig({ version: 1, endpoints: [{ name: 'ep', modelPackageGroup: group }] });
    const resources = permissionsFor('card-sync', long, ctx).find((s) =>
      s.actions.includes('sagemaker:UpdateModelCard'),
    )?.resources;
    const name = modelCardNameFor(group, 123456789);
    expect(name).not.toMatch(/^gx+-v/);
    const matches = (arn: string) =>
      new RegExp(`^${arn.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(
        `arn:aws:sagemaker:eu-west-1:111122223333:model-card/${name}`,
      );
    expect(resources?.some(matches)).toBe(true);
    expect(resources?.some((r) => r.endsWith('model-card/*'))).toBe(false);
  });

  it('lets alarm-router reject only packages of configured groups: an endpoint without a group gets none', () => {
    expect(statement('alarm-router', 'sagemaker:UpdateModelPackage')?.resources).toEqual([
      'arn:aws:sagemaker:eu-west-1:111122223333:model-package-group/churn',
      'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/*',
    ]);
    const groupless = parseConfig({
      version: 1,
      endpoints: [{ name: 'ep', rollback: { policy: 'rollback' } }],
    });
    const router = permissionsFor('alarm-router', groupless, ctx);
    expect(router.some((s) => s.actions.includes('sagemaker:UpdateModelPackage'))).toBe(false);
    expect(router.some((s) => s.actions.includes('sagemaker:UpdateEndpoint'))).toBe(true);
  });

  it('lets the gate read the reports it needs, not the whole default SageMaker bucket', () => {
    const reads = statement('registry-gate', 's3:GetObject')?.resources ?? [];
    expect(reads).toEqual(
      expect.arrayContaining([
        'arn:aws:s3:::vigil-bucket/baselines/churn/data-quality/*',
        'arn:aws:s3:::ml-artifacts/churn/mq/*',
        'arn:aws:s3:::sagemaker-eu-west-1-111122223333/churn/evaluation/*',
      ]),
    );
    expect(reads).not.toContain('arn:aws:s3:::sagemaker-eu-west-1-111122223333/*');
    expect(reads.some((r) => r.startsWith('arn:aws:s3:::scratch-bucket'))).toBe(false);
    // Every read is under a prefix: no bucket-wide object grant.
    expect(reads.filter((r) => /^arn:aws:s3:::[^/]+\/\*$/.test(r))).toEqual([]);
    const lists = permissionsFor('registry-gate', governed, ctx).filter((s) =>
      s.actions.includes('s3:ListBucket'),
    );
    for (const list of lists) {
      for (const prefix of list.conditions?.[0]?.values ?? []) expect(prefix).not.toBe('*');
    }
  });

  it('refuses a modelMetricsLocations entry that is not an S3 folder', () => {
    expect(() =>
      parseConfig({
        version: 1,
        approvalPolicies: [{ modelPackageGroup: 'churn', modelMetricsLocations: ['s3://*'] }],
      }),
    ).toThrow(/approvalPolicies\[0\]\.modelMetricsLocations\[0\]: must be an S3 folder/);
  });
});

describe('audit permissions', () => {
  const all = FUNCTION_NAMES.map((name) => [name, permissionsFor(name, config, ctx)] as const);
  const onBucket = (statements: readonly Permission[], bucket: string) =>
    statements.filter((s) => s.resources.some((r) => r.startsWith(`arn:aws:s3:::${bucket}`)));

  it('lets the deciding functions create audit records and swap head.json, never overwrite or delete', () => {
    for (const name of ['registry-gate', 'card-sync', 'alarm-router'] as const) {
      const statements = permissionsFor(name, config, ctx);
      expect(onBucket(statements, 'vigil-audit')).toEqual([
        expect.objectContaining({
          actions: ['s3:GetObject'],
          resources: expect.arrayContaining(['arn:aws:s3:::vigil-audit/audit/*']),
        }),
        {
          actions: ['s3:PutObject'],
          resources: ['arn:aws:s3:::vigil-audit/audit/*'],
          conditions: [{ test: 'StringEquals', variable: 's3:if-none-match', values: ['*'] }],
        },
        {
          actions: ['s3:PutObject'],
          resources: ['arn:aws:s3:::vigil-audit/audit/head.json'],
          conditions: [{ test: 'Null', variable: 's3:if-match', values: ['false'] }],
        },
        {
          actions: ['s3:ListBucket'],
          resources: ['arn:aws:s3:::vigil-audit'],
          conditions: [{ test: 'StringLike', variable: 's3:prefix', values: ['audit/*'] }],
        },
      ]);
      // Each append publishes its head on Vigil's bus: that event only.
      expect(statements).toContainEqual({
        actions: ['events:PutEvents'],
        resources: [ctx.vigilBusArn],
        conditions: [{ test: 'StringEquals', variable: 'events:detail-type', values: ['Vigil Audit Head'] }],
      });
      // The audit log is no longer in Vigil's bucket: nothing there names audit/.
      expect(
        statements.some((s) => s.resources.some((r) => r.startsWith('arn:aws:s3:::vigil-bucket/audit'))),
      ).toBe(false);
    }
  });

  it('grants no function a delete, a retention change or an unconditional write on the audit or heads bucket', () => {
    for (const [, statements] of all) {
      for (const statement of [
        ...onBucket(statements, 'vigil-audit'),
        ...onBucket(statements, 'vigil-audit-heads'),
      ]) {
        for (const action of statement.actions) {
          expect(action).toMatch(/^s3:(GetObject|PutObject|ListBucket)$/);
        }
        if (statement.actions.includes('s3:PutObject')) expect(statement.conditions).toHaveLength(1);
      }
    }
  });

  it('lets only audit-head-recorder write the heads bucket, create-only, on the "Vigil Audit Head" rule', () => {
    const writers = all.filter(([, st]) => onBucket(st, 'vigil-audit-heads').length > 0).map(([n]) => n);
    expect(writers).toEqual(['audit-head-recorder']);
    expect(onBucket(permissionsFor('audit-head-recorder', config, ctx), 'vigil-audit-heads')).toEqual([
      {
        actions: ['s3:PutObject'],
        resources: ['arn:aws:s3:::vigil-audit-heads/heads/*'],
        conditions: [{ test: 'StringEquals', variable: 's3:if-none-match', values: ['*'] }],
      },
    ]);
    const head = toBusEvent({
      source: 'vigil',
      detailType: 'Vigil Audit Head',
      detail: { sequence: 1, hash: 'a'.repeat(64), log: 's3://vigil-audit/audit', prefix: 'audit' },
      time: new Date('2026-12-04T10:00:00Z'),
    });
    expect(subscriptions(config, 'vigil-bucket').filter((s) => matchesPattern(s.pattern, head))).toEqual([
      {
        name: 'AuditHeadToHeadsBucket',
        bus: 'vigil',
        function: 'audit-head-recorder',
        pattern: PATTERNS.auditHead,
      },
    ]);
  });
});

describe('localWiring', () => {
  it('runs the same rules and schedules with the handlers, watching only capture in the home', async () => {
    const calls: string[] = [];
    const handlers = Object.fromEntries(
      FUNCTION_NAMES.map((name) => [
        name,
        (event: unknown) => void calls.push(`${name} ${JSON.stringify(event)}`),
      ]),
    ) as Parameters<typeof localWiring>[1];
    const wiring = localWiring(config, handlers, 'vigil-local');
    expect(wiring.capturePrefixes).toEqual(['capture/churn-prod/']);
    expect(wiring.subscriptions.map((s) => s.name)).toEqual(subs().map((s) => s.function));
    expect(wiring.subscriptions[0]?.pattern).toEqual(
      captureCreatedPattern('vigil-local', ['capture/churn-prod/']),
    );
    expect(wiring.schedules.map((s) => [s.name, s.schedule])).toEqual([
      ...monitorSchedules(config).map((s) => [s.name, s.schedule]),
      ['ChurnProdVariantComparison', 'rate(1 hour)'],
    ]);
    await wiring.schedules[0]?.handler(wiring.schedules[0].event);
    const modelPackageRule = wiring.subscriptions.find((s) =>
      matchesPattern(s.pattern, events['sagemaker-model-package-state-change']),
    );
    await modelPackageRule?.handler('event');
    expect(calls).toEqual(['monitor-data-quality {"endpoint":"churn-prod"}', 'registry-gate "event"']);
  });
});

function subs() {
  return subscriptions(config, 'vigil-local');
}
