import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, ObjectNotFoundError } from '@vigil/core';
import { LocalModelCardStore, LocalModelRegistry, LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const clock = fixedClock(new Date('2026-04-01T12:00:00Z'));

describe('local registry and cards', () => {
  let home: string;
  let store: LocalObjectStore;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'vigil-gov-'));
    store = new LocalObjectStore(home);
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('registers versions as JSON files under registry/, numbered without gaps even when concurrent', async () => {
    const registry = new LocalModelRegistry(store, { clock, identity: 'ci' });
    const registered = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        registry.register({ groupName: 'churn', description: `candidate ${i}` }),
      ),
    );
    expect(registered.map((p) => p.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const onDisk = JSON.parse(readFileSync(join(home, 'registry', 'churn', '000003.json'), 'utf8'));
    expect(onDisk).toMatchObject({
      arn: 'arn:aws:sagemaker:local:000000000000:model-package/churn/3',
      groupName: 'churn',
      version: 3,
      approvalStatus: 'PendingManualApproval',
      status: 'Completed',
      creationTime: '2026-04-01T12:00:00.000Z',
    });
    expect((await registry.list('churn')).map((s) => s.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await registry.groups()).toEqual(['churn']);
  });

  it('updates approval, merging metadata and attributing the change; filters listings by status', async () => {
    const registry = new LocalModelRegistry(store, { clock, identity: 'ci' });
    const v1 = await registry.register({ groupName: 'churn', customerMetadata: { team: 'ml' } });
    await registry.register({ groupName: 'churn' });
    await registry.updateApproval({
      arn: v1.arn,
      approvalStatus: 'Approved',
      approvalDescription: 'ok',
      customerMetadata: { 'vigil:outcome': 'approve' },
      changedBy: 'registry-gate',
    });
    const after = await registry.describe(v1.arn);
    expect(after).toMatchObject({
      approvalStatus: 'Approved',
      approvalDescription: 'ok',
      customerMetadata: { team: 'ml', 'vigil:outcome': 'approve' },
      lastModifiedBy: 'registry-gate',
    });
    expect((await registry.list('churn', { approvalStatus: 'Approved' })).map((s) => s.version)).toEqual([1]);
    await expect(
      registry.updateApproval({ arn: v1.arn, approvalDescription: 'x'.repeat(1025), customerMetadata: {} }),
    ).rejects.toThrow(/1024/);
  });

  it('refuses unknown versions and bad names with messages that say what to do', async () => {
    const registry = new LocalModelRegistry(store, { clock });
    await expect(
      registry.describe('arn:aws:sagemaker:local:000000000000:model-package/churn/9'),
    ).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(registry.describe('churn')).rejects.toThrow(/versioned model package ARN/);
    await expect(registry.register({ groupName: 'bad name!' })).rejects.toThrow(
      /letters, digits and hyphens/,
    );
  });

  it('versions card content under cards/, keeps status changes in place, and refuses archived content changes', async () => {
    const cards = new LocalModelCardStore(store, { clock });
    await cards.create('churn-v1', { model_overview: { model_name: 'churn' } }, 'Draft');
    await expect(cards.create('churn-v1', {}, 'Draft')).rejects.toThrow(/already exists/);
    expect(await cards.updateContent('churn-v1', { model_overview: { model_name: 'churn 2' } })).toBe(2);
    await cards.updateStatus('churn-v1', 'Approved');
    expect((await cards.listVersions('churn-v1')).map((v) => [v.version, v.status])).toEqual([
      [1, 'Draft'],
      [2, 'Approved'],
    ]);
    expect((await cards.get('churn-v1', 1))?.content).toEqual({ model_overview: { model_name: 'churn' } });
    expect(JSON.parse(readFileSync(join(home, 'cards', 'churn-v1', '000002.json'), 'utf8')).status).toBe(
      'Approved',
    );
    await cards.updateStatus('churn-v1', 'Archived');
    await expect(cards.updateContent('churn-v1', {})).rejects.toThrow(/Archived/);
    expect(await cards.get('missing')).toBeUndefined();
    await expect(cards.updateStatus('missing', 'Draft')).rejects.toThrow(/does not exist/);
  });
});
