import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EventShapeError } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import {
  assertEventBridge,
  assertS3ObjectCreated,
  assertScheduledMonitorEvent,
  requireFields,
} from '../../functions/src/shared/events.ts';

const fixtures = fileURLToPath(new URL('../../../shared/fixtures/events/', import.meta.url));
const fixture = (name: string) =>
  JSON.parse(readFileSync(`${fixtures}${name}.json`, 'utf8')) as Record<string, unknown>;

describe('assertEventBridge', () => {
  it('returns the typed envelope of an event of the expected source and detail-type', () => {
    const event = assertEventBridge(fixture('sagemaker-model-package-state-change'), {
      source: 'aws.sagemaker',
      detailType: 'SageMaker Model Package State Change',
      detail: (d) => requireFields(d, ['ModelPackageArn', 'ModelPackageGroupName']),
    });
    expect(event['detail-type']).toBe('SageMaker Model Package State Change');
    expect(event.detail.ModelPackageGroupName).toBe(
      (fixture('sagemaker-model-package-state-change').detail as { ModelPackageGroupName: string })
        .ModelPackageGroupName,
    );
    expect(event.id).toBe(fixture('sagemaker-model-package-state-change').id);
  });

  it('accepts any of several detail-types', () => {
    for (const name of ['sagemaker-endpoint-state-change', 'sagemaker-endpoint-deployment-state-change']) {
      expect(() =>
        assertEventBridge(fixture(name), {
          source: 'aws.sagemaker',
          detailType: ['SageMaker Endpoint State Change', 'SageMaker Endpoint Deployment State Change'],
        }),
      ).not.toThrow();
    }
  });

  it('rejects another source, another detail-type, a missing detail and a bad detail with EventShapeError', () => {
    const alarm = fixture('cloudwatch-alarm-state-change');
    expect(() =>
      assertEventBridge(alarm, { source: 'aws.sagemaker', detailType: 'CloudWatch Alarm State Change' }),
    ).toThrow(/Expected an event from aws.sagemaker, got source "aws.cloudwatch"/);
    expect(() => assertEventBridge(alarm, { source: 'aws.cloudwatch', detailType: 'Other' })).toThrow(
      EventShapeError,
    );
    expect(() =>
      assertEventBridge(
        { ...alarm, detail: 'x' },
        { source: 'aws.cloudwatch', detailType: 'CloudWatch Alarm State Change' },
      ),
    ).toThrow(/has no detail object/);
    expect(() =>
      assertEventBridge(alarm, {
        source: 'aws.cloudwatch',
        detailType: 'CloudWatch Alarm State Change',
        detail: (d) => requireFields(d, ['alarmName', 'missingField']),
      }),
    ).toThrow(/detail is not as expected: Missing or empty string fields: missingField/);
    expect(() => assertEventBridge([], { source: 'x', detailType: 'y' })).toThrow(EventShapeError);
    expect(() => assertEventBridge({ endpoint: 'ep' }, { source: 'x', detailType: 'y' })).toThrow(
      EventShapeError,
    );
  });
});

describe('assertScheduledMonitorEvent', () => {
  it('accepts what the schedule sends, with or without a scheduled time', () => {
    expect(assertScheduledMonitorEvent({ endpoint: 'churn-prod' })).toEqual({ endpoint: 'churn-prod' });
    expect(assertScheduledMonitorEvent({ endpoint: 'ep', scheduledTime: '2024-05-01T13:00:00Z' })).toEqual({
      endpoint: 'ep',
      scheduledTime: new Date('2024-05-01T13:00:00Z'),
    });
  });

  it('rejects envelopes, unknown fields and bad times', () => {
    expect(() => assertScheduledMonitorEvent(fixture('s3-object-created'))).toThrow(EventShapeError);
    expect(() => assertScheduledMonitorEvent({})).toThrow(/Expected \{"endpoint": "<name>"\}/);
    expect(() => assertScheduledMonitorEvent({ endpoint: 'ep', extra: 1 })).toThrow(
      /Unexpected fields extra/,
    );
    expect(() => assertScheduledMonitorEvent({ endpoint: 'ep', scheduledTime: 'yesterday' })).toThrow(
      /ISO-8601/,
    );
  });
});

describe('assertS3ObjectCreated', () => {
  it('reads bucket, key and size from the documented event', () => {
    expect(assertS3ObjectCreated(fixture('s3-object-created'))).toEqual({
      bucket: 'DOC-EXAMPLE-BUCKET1',
      key: 'example-key',
      size: 5,
    });
  });

  it('rejects other events', () => {
    expect(() => assertS3ObjectCreated(fixture('cloudwatch-alarm-state-change'))).toThrow(EventShapeError);
    const noKey = fixture('s3-object-created');
    (noKey.detail as { object: Record<string, unknown> }).object = {};
    expect(() => assertS3ObjectCreated(noKey)).toThrow(/object.key must be/);
  });
});

describe('envelopes parsed with Powertools schemas', () => {
  it('refuses an event EventBridge would never deliver, naming the fields and not their values', () => {
    const { account: _account, ...noAccount } = fixture('cloudwatch-alarm-state-change');
    expect(() =>
      assertEventBridge(
        { ...noAccount, region: 42 },
        { source: 'aws.cloudwatch', detailType: 'CloudWatch Alarm State Change' },
      ),
    ).toThrow(/not a whole EventBridge event: account must be a string; region must be a string/);
  });

  it("checks an S3 event's detail with Powertools' schema and keeps payload values out of the message", () => {
    const event = fixture('s3-object-created');
    const detail = event.detail as Record<string, unknown>;
    delete detail['request-id'];
    (detail.object as Record<string, unknown>).key = { secret: 'customer-4711' };
    const error = (() => {
      try {
        assertS3ObjectCreated(event);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(EventShapeError);
    expect(error?.message).toContain('object.key must be a string');
    expect(error?.message).toContain('request-id must be a string');
    expect(error?.message).not.toContain('customer-4711');
  });

  it('accepts SageMaker events whose time is epoch milliseconds, as SageMaker sends some', () => {
    const event = fixture('sagemaker-endpoint-state-change');
    expect(event.time).toMatch(/^\d+$/);
    expect(
      assertEventBridge(event, { source: 'aws.sagemaker', detailType: 'SageMaker Endpoint State Change' })
        .time,
    ).toBe(event.time);
  });
});
