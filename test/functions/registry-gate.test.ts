import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CreateModelCardCommand,
  DescribeModelCardCommand,
  DescribeModelPackageCommand,
  ListModelPackagesCommand,
  SageMakerClient,
  UpdateModelCardCommand,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { EventShapeError, fixedClock, parseConfig, silentLog } from '@vigil/core';
import { readAuditLog } from '@vigil/core/audit';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bias, modelQuality } from '../core/governance/harness.ts';
import { MemoryStore } from '../support/memory-store.ts';

const state = vi.hoisted(() => ({ runtime: undefined as unknown }));
vi.mock('../../functions/src/shared/runtime.ts', () => ({ loadRuntime: async () => state.runtime }));

const { handler } = await import('../../functions/src/registry-gate.ts');

const fixture = JSON.parse(
  readFileSync(
    fileURLToPath(
      new URL('../../../shared/fixtures/events/sagemaker-model-package-state-change.json', import.meta.url),
    ),
    'utf8',
  ),
);
const ARN = fixture.detail.ModelPackageArn as string;
const GROUP = 'versionedmp-p-idy6c3e1fiqj';
const sagemaker = mockClient(SageMakerClient);
let store: MemoryStore;

function runtimeWith(config: unknown) {
  store = new MemoryStore('s3://vigil-bucket');
  state.runtime = {
    config: parseConfig(config),
    bucket: 'vigil-bucket',
    store,
    storeFor: (location: string) => {
      const prefix = 's3://vigil-bucket/';
      if (!location.startsWith(prefix)) throw new Error(`unexpected location ${location}`);
      return { store, key: location.slice(prefix.length) };
    },
    clock: fixedClock(new Date('2026-05-01T08:00:00Z')),
    log: silentLog,
  };
}

const policyConfig = {
  version: 1,
  approvalPolicies: [
    {
      modelPackageGroup: GROUP,
      requiredReports: ['ModelQuality', 'ModelBias'],
      metrics: [
        { metric: 'auc', min: 0.8 },
        { metric: 'bias:DPPL', maxAbs: 0.1 },
      ],
    },
  ],
};

function describePending() {
  return {
    ModelPackageName: GROUP,
    ModelPackageGroupName: GROUP,
    ModelPackageVersion: 2,
    ModelPackageArn: ARN,
    CreationTime: new Date('2021-02-24T17:00:14Z'),
    ModelPackageStatus: 'Completed' as const,
    ModelPackageStatusDetails: { ValidationStatuses: [] },
    ModelApprovalStatus: 'PendingManualApproval' as const,
    ModelMetrics: {
      ModelQuality: {
        Statistics: { ContentType: 'application/json', S3Uri: 's3://vigil-bucket/eval/evaluation.json' },
      },
      Bias: { Report: { ContentType: 'application/json', S3Uri: 's3://vigil-bucket/eval/analysis.json' } },
    },
  };
}

describe('registry-gate handler', () => {
  beforeEach(() => {
    sagemaker.reset();
    runtimeWith(policyConfig);
  });

  it('ignores the documented sample event: a ModelLifeCycle change on a Rejected package is no approval change', async () => {
    // Prepare
    sagemaker
      .on(DescribeModelPackageCommand)
      .resolves({ ...describePending(), ModelApprovalStatus: 'Rejected' });
    // Act
    const result = await handler(structuredClone(fixture));
    // Assess
    expect(result.action).toBe('ignored');
    expect(sagemaker.commandCalls(DescribeModelPackageCommand).map((c) => c.args[0].input)).toContainEqual({
      ModelPackageName: ARN,
    });
    expect(sagemaker.commandCalls(UpdateModelPackageCommand)).toHaveLength(0);
    expect(await readAuditLog(store, 'audit')).toEqual([]);
  });

  it('approves a pending registration: creates its card, writes the decision, updates the package with exact inputs', async () => {
    // Prepare
    await store.put('eval/evaluation.json', modelQuality(0.93));
    await store.put('eval/analysis.json', bias(0.02));
    const event = structuredClone(fixture);
    event.detail.ModelApprovalStatus = 'PendingManualApproval';
    delete event.detail.UpdatedModelPackageFields;
    // SageMaker's state, as far as the gate changes it: the package's approval and the card's versions.
    let approval: Record<string, unknown> = {};
    const cardVersions: string[] = [];
    sagemaker.on(DescribeModelPackageCommand).callsFake(() => ({ ...describePending(), ...approval }));
    sagemaker.on(DescribeModelCardCommand).callsFake(() => {
      if (!cardVersions.length)
        throw Object.assign(new Error('Model card does not exist'), { name: 'ResourceNotFound' });
      return {
        ModelCardName: `${GROUP}-v2`,
        ModelCardVersion: cardVersions.length,
        Content: cardVersions.at(-1),
        ModelCardStatus: 'Draft',
        CreationTime: new Date('2026-05-01T08:00:00Z'),
        CreatedBy: {},
        ModelCardArn: 'arn:aws:sagemaker:us-east-2:111122223333:model-card/x',
      };
    });
    sagemaker.on(CreateModelCardCommand).callsFake((input: { Content: string }) => {
      cardVersions.push(input.Content);
      return { ModelCardArn: 'arn:aws:sagemaker:us-east-2:111122223333:model-card/x' };
    });
    sagemaker.on(UpdateModelCardCommand).callsFake((input: { Content: string }) => {
      cardVersions.push(input.Content);
      return { ModelCardArn: 'arn:aws:sagemaker:us-east-2:111122223333:model-card/x' };
    });
    sagemaker.on(ListModelPackagesCommand).resolves({ ModelPackageSummaryList: [] });
    sagemaker.on(UpdateModelPackageCommand).callsFake((input: Record<string, unknown>) => {
      approval = {
        ModelApprovalStatus: input.ModelApprovalStatus,
        ApprovalDescription: input.ApprovalDescription,
        CustomerMetadataProperties: input.CustomerMetadataProperties,
      };
      return { ModelPackageArn: ARN };
    });
    // Act
    const result = await handler(event);
    // Assess
    expect(result).toMatchObject({ action: 'decided', outcome: 'approve' });
    const created = sagemaker.commandCalls(CreateModelCardCommand)[0]!.args[0].input;
    expect(created.ModelCardName).toBe(`${GROUP}-v2`);
    expect(created.ModelCardStatus).toBe('Draft');
    expect(JSON.parse(created.Content!).model_package_details).toEqual({
      model_package_arn: ARN,
      model_package_group_name: GROUP,
      model_package_version: 2,
      model_package_status: 'Completed',
      model_approval_status: 'PendingManualApproval',
    });
    expect(sagemaker.commandCalls(ListModelPackagesCommand)[0]!.args[0].input).toEqual({
      ModelPackageGroupName: GROUP,
      ModelApprovalStatus: 'Approved',
      ModelPackageType: 'Versioned',
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      MaxResults: 100,
    });
    const update = sagemaker.commandCalls(UpdateModelPackageCommand)[0]!.args[0].input;
    expect(update).toEqual({
      ModelPackageArn: ARN,
      ModelApprovalStatus: 'Approved',
      ApprovalDescription:
        `Vigil approval gate: APPROVED, 0 of 4 rules failed (decision ${GROUP}-v2-1). ` +
        'PASS report ModelQuality present: present; PASS report ModelBias present: present; PASS auc >= 0.8: auc = 0.93; ' +
        'PASS bias:DPPL within ±0.1: 1 values within bounds; largest DPPL = 0.02 (post-training, gender=F).',
      CustomerMetadataProperties: {
        'vigil:decision-id': `${GROUP}-v2-1`,
        'vigil:decision': `s3://vigil-bucket/governance/decisions/${GROUP}/v2/001.json`,
        'vigil:outcome': 'approve',
        'vigil:decision-sha256': expect.stringMatching(/^[0-9a-f]{64}$/),
        'vigil:audit-sequence': '2',
      },
    });
    expect(update.ApprovalDescription!.length).toBeLessThanOrEqual(1024);
    for (const [k, v] of Object.entries(update.CustomerMetadataProperties!)) {
      expect(k).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u);
      expect(v).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u);
    }
    expect((await readAuditLog(store, 'audit')).map((r) => r.kind)).toEqual([
      'card.created',
      'approval.decided',
    ]);
    // The card then records the decision, as a new version with the whole content.
    const cardUpdate = sagemaker.commandCalls(UpdateModelCardCommand)[0]!.args[0].input;
    expect(Object.keys(cardUpdate).sort()).toEqual(['Content', 'ModelCardName']);
    expect(JSON.parse(cardUpdate.Content!).model_package_details).toMatchObject({
      model_approval_status: 'Approved',
      approval_description: update.ApprovalDescription,
    });

    // A second delivery of the same event changes nothing.
    sagemaker.resetHistory();
    expect((await handler(event)).action).toBe('duplicate');
    expect(sagemaker.calls()).toHaveLength(0);
  });

  it("ignores the documented model-card sample event: its card is not a model package version's", async () => {
    const cardEvent = JSON.parse(
      readFileSync(
        fileURLToPath(
          new URL('../../../shared/fixtures/events/sagemaker-model-card-state-change.json', import.meta.url),
        ),
        'utf8',
      ),
    );
    expect(await handler(cardEvent)).toMatchObject({ action: 'ignored' });
    expect(sagemaker.calls()).toHaveLength(0);
    const ours = structuredClone(cardEvent);
    ours.detail.ModelId = ARN;
    sagemaker.on(DescribeModelPackageCommand).resolves(describePending());
    const result = await handler(ours);
    expect(result).toMatchObject({
      action: 'ignored',
      reason: 'the card change does not bear on a version left pending',
    });
    expect(sagemaker.commandCalls(UpdateModelPackageCommand)).toHaveLength(0);
  });

  it('refuses events of another source or shape with EventShapeError', async () => {
    await expect(handler({ ...structuredClone(fixture), source: 'vigil' })).rejects.toBeInstanceOf(
      EventShapeError,
    );
    const noArn = structuredClone(fixture);
    delete noArn.detail.ModelPackageArn;
    await expect(handler(noArn)).rejects.toThrow(/ModelPackageArn/);
    const badFields = structuredClone(fixture);
    badFields.detail.UpdatedModelPackageFields = 'ModelApprovalStatus';
    await expect(handler(badFields)).rejects.toThrow(/UpdatedModelPackageFields/);
    expect(sagemaker.calls()).toHaveLength(0);
  });
});
