import {
  DescribeModelCardCommand,
  DescribeModelPackageCommand,
  SageMakerClient,
  UpdateModelCardCommand,
} from '@aws-sdk/client-sagemaker';
import {
  EventShapeError,
  fixedClock,
  type MonitoringExecutionDetail,
  parseConfig,
  silentLog,
} from '@vigil/core';
import { readAuditLog } from '@vigil/core/audit';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../support/memory-store.ts';

const state = vi.hoisted(() => ({ runtime: undefined as unknown }));
vi.mock('../../functions/src/shared/runtime.ts', () => ({ loadRuntime: async () => state.runtime }));

const { handler } = await import('../../functions/src/card-sync.ts');

const ARN = 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/churn/4';
const sagemaker = mockClient(SageMakerClient);
let store: MemoryStore;

const detail: MonitoringExecutionDetail = {
  endpointName: 'churn-prod',
  monitoringScheduleName: 'churn-prod-data-quality',
  monitoringType: 'DataQuality',
  status: 'CompletedWithViolations',
  scheduledTime: '2026-05-01T08:00:00.000Z',
  windowStart: '2026-05-01T07:00:00.000Z',
  windowEnd: '2026-05-01T08:00:00.000Z',
  reportUri: 's3://vigil-bucket/reports/churn-prod/data-quality/2026/05/01/08/',
  violationCount: 1,
  violations: [
    {
      subject: 'age',
      checkType: 'baseline_drift_check',
      description: 'Baseline drift distance: 0.2 exceeds threshold: 0.1',
    },
  ],
  metrics: { feature_baseline_drift_age: 0.2 },
  skipped: [],
  recordCount: 480,
  modelPackageArn: ARN,
};
const event = {
  version: '0',
  id: 'c0ffee00-0000-4000-8000-000000000001',
  'detail-type': 'Vigil Monitoring Execution',
  source: 'vigil',
  account: '111122223333',
  time: '2026-05-01T08:05:00Z',
  region: 'eu-west-1',
  resources: [],
  detail,
};

const existingContent = {
  model_overview: { model_id: ARN, model_name: 'churn', model_version: 4 },
  intended_uses: { risk_rating: 'Low' },
  evaluation_details: [{ name: 'registration-v4' }],
};

describe('card-sync handler', () => {
  beforeEach(() => {
    sagemaker.reset();
    store = new MemoryStore('s3://vigil-bucket');
    state.runtime = {
      config: parseConfig({ version: 1, endpoints: [{ name: 'churn-prod', modelPackageGroup: 'churn' }] }),
      bucket: 'vigil-bucket',
      store,
      storeFor: () => {
        throw new Error('card-sync reads no report');
      },
      clock: fixedClock(new Date('2026-05-01T08:06:00Z')),
      log: silentLog,
    };
    sagemaker.on(DescribeModelPackageCommand, { ModelPackageName: ARN }).resolves({
      ModelPackageArn: ARN,
      ModelPackageGroupName: 'churn',
      ModelPackageVersion: 4,
      ModelApprovalStatus: 'Approved',
      ModelPackageStatus: 'Completed',
      CreationTime: new Date('2026-04-01T00:00:00Z'),
      ModelPackageName: 'churn',
      ModelPackageStatusDetails: { ValidationStatuses: [] },
    });
    // SageMaker answers the read-back with the content just written, as version 4.
    let written: string | undefined;
    sagemaker.on(DescribeModelCardCommand).callsFake(() => ({
      ModelCardArn: 'arn:aws:sagemaker:eu-west-1:111122223333:model-card/churn-v4',
      ModelCardName: 'churn-v4',
      ModelCardVersion: written ? 4 : 3,
      Content: written ?? JSON.stringify(existingContent),
      ModelCardStatus: 'Approved',
      CreationTime: new Date('2026-04-01T00:00:00Z'),
      CreatedBy: {},
    }));
    sagemaker.on(UpdateModelCardCommand).callsFake((input: { Content?: string }) => {
      written = input.Content;
      return { ModelCardArn: 'arn' };
    });
  });

  it('adds the run to the card as a new version, content whole, and records it in the audit log', async () => {
    const result = await handler(structuredClone(event));
    expect(result).toMatchObject({ action: 'updated', cardName: 'churn-v4', cardVersion: 4 });
    expect(sagemaker.commandCalls(DescribeModelCardCommand)[0]!.args[0].input).toEqual({
      ModelCardName: 'churn-v4',
    });
    const calls = sagemaker.commandCalls(UpdateModelCardCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(Object.keys(input).sort()).toEqual(['Content', 'ModelCardName']);
    expect(input.ModelCardName).toBe('churn-v4');
    const content = JSON.parse(input.Content!);
    expect(content.model_overview).toEqual(existingContent.model_overview);
    expect(content.evaluation_details.map((e: { name: string }) => e.name)).toEqual([
      'registration-v4',
      'DataQuality 2026-05-01T08Z',
    ]);
    expect(content.evaluation_details[1].metric_groups).toEqual([
      {
        name: 'DataQuality',
        metric_data: [{ name: 'feature_baseline_drift_age', type: 'number', value: 0.2 }],
      },
    ]);
    expect(content.evaluation_details[1].evaluation_observation).toBe(
      'CompletedWithViolations: 1 violation(s) over 480 record(s). age (baseline_drift_check): Baseline drift distance: 0.2 exceeds threshold: 0.1',
    );
    const records = await readAuditLog(store, 'audit');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'monitoring.execution', actor: 'card-sync', subject: ARN });

    sagemaker.resetHistory();
    expect((await handler(structuredClone(event))).action).toBe('duplicate');
    expect(sagemaker.calls()).toHaveLength(0);
  });

  it('refuses events of another source, type or shape', async () => {
    await expect(handler({ ...event, source: 'aws.sagemaker' })).rejects.toBeInstanceOf(EventShapeError);
    await expect(handler({ ...event, 'detail-type': 'Other' })).rejects.toBeInstanceOf(EventShapeError);
    await expect(handler({ ...event, detail: { ...detail, status: 'Done' } })).rejects.toThrow(
      /status must be/,
    );
    await expect(handler({ ...event, detail: { ...detail, violationCount: '1' } })).rejects.toThrow(
      /numbers/,
    );
    expect(sagemaker.calls()).toHaveLength(0);
  });
});
