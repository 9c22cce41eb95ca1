import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EventShapeError } from '@vigil/core';
import {
  asyncCaptureKey,
  asyncCaptureLine,
  asyncErrorKey,
  asyncErrorRecord,
  asyncNotificationsOf,
  countAsyncErrors,
  parseAsyncNotification,
} from '@vigil/core/async';
import { type CaptureRecord, parseCaptureStream } from '@vigil/core/capture';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/async/${name}`, import.meta.url)), 'utf8'));
const success = fixture('success-notification.json');
const failure = fixture('error-notification.json');

async function parseLine(line: string): Promise<CaptureRecord[]> {
  const records: CaptureRecord[] = [];
  const issues: unknown[] = [];
  const bytes = new TextEncoder().encode(`${line}\n`);
  for await (const r of parseCaptureStream(
    (async function* () {
      yield bytes;
    })(),
    'k.jsonl',
    (i) => issues.push(i),
  ))
    records.push(r);
  expect(issues).toEqual([]);
  return records;
}

describe('asynchronous-inference notifications', () => {
  it('reads the documented success and error messages', () => {
    expect(parseAsyncNotification(success)).toEqual({
      inferenceId: '11111111-2222-3333-4444-555555555555',
      status: 'Completed',
      endpointName: 'churn-async',
      inputLocation: 's3://async-inputs/churn/input-data.csv',
      inputContentType: 'text/csv',
      outputLocation: 's3://async-outputs/churn/prediction.out',
      outputContentType: 'text/csv; charset=utf-8',
      receivedTime: new Date('2022-01-25T22:46:00.455Z'),
      eventTime: new Date('2022-01-25T22:46:00.608Z'),
    });
    expect(parseAsyncNotification(failure)).toMatchObject({
      status: 'Failed',
      inferenceId: '22222222-3333-4444-5555-666666666666',
      failureReason: expect.stringMatching(/^ClientError: Received server error \(500\) from model/),
    });
  });

  it('unwraps the Lambda SNS event, and an SQS message of an SNS envelope', () => {
    const event = fixture('sns-lambda-event.json');
    expect(asyncNotificationsOf(event).map((n) => [n.status, n.inferenceId])).toEqual([
      ['Completed', '11111111-2222-3333-4444-555555555555'],
      ['Failed', '22222222-3333-4444-5555-666666666666'],
    ]);
    const sqs = {
      Records: [{ body: JSON.stringify({ Type: 'Notification', Message: JSON.stringify(success) }) }],
    };
    expect(asyncNotificationsOf(sqs)[0]?.outputLocation).toBe('s3://async-outputs/churn/prediction.out');
  });

  it('refuses other messages, naming what is missing and never echoing values', () => {
    expect(() => parseAsyncNotification({ ...success, eventName: 'Other' })).toThrow(EventShapeError);
    const { responseParameters: _, ...noOutput } = success;
    expect(() => parseAsyncNotification(noOutput)).toThrow(/lacks responseParameters\.outputLocation/);
    expect(() => parseAsyncNotification({ ...success, inferenceId: '' })).toThrow(/lacks inferenceId/);
    expect(() => asyncNotificationsOf({ Records: [{ nothing: 1 }] })).toThrow(
      /neither Sns\.Message nor body/,
    );
  });

  it('joins input and output by the inference id into a capture line Vigil’s capture parser reads back', async () => {
    const notification = parseAsyncNotification(success);
    const line = asyncCaptureLine(
      notification,
      { bytes: new TextEncoder().encode('34,1200.5,yes\n') },
      { bytes: new TextEncoder().encode('0.87\n') },
    );
    const [record] = await parseLine(line);
    expect(record).toMatchObject({
      eventId: notification.inferenceId,
      inferenceId: notification.inferenceId,
      inferenceTime: '2022-01-25T22:46:00Z',
      // CSV cells as the capture parser keeps them (text, typed later by the profile).
      inputs: [['34', '1200.5', 'yes']],
      outputs: [['0.87']],
    });
    // A binary payload is carried base64-encoded, as data capture does.
    const binary = asyncCaptureLine(
      { ...notification, inputContentType: 'image/png' },
      { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
      { bytes: new TextEncoder().encode('{"label":1}'), contentType: 'application/json' },
    );
    const parsed = JSON.parse(binary);
    expect(parsed.captureData.endpointInput).toEqual({
      observedContentType: 'image/png',
      mode: 'INPUT',
      data: 'iVBORw==',
      encoding: 'BASE64',
    });
    expect(parsed.captureData.endpointOutput).toMatchObject({ encoding: 'JSON', data: '{"label":1}' });
  });

  it('files each inference once in the hour of its receipt, and counts the failures of a window', async () => {
    const ok = parseAsyncNotification(success);
    const failed = parseAsyncNotification(failure);
    expect(asyncCaptureKey('capture', 'churn-async', 'AllTraffic', ok)).toBe(
      'capture/churn-async/AllTraffic/2022/01/25/22/46-00-455-11111111-2222-3333-4444-555555555555.jsonl',
    );
    expect(asyncCaptureKey('capture', 'e', 'v', { ...ok, inferenceId: 'a/b c' })).toMatch(
      /^capture\/e\/v\/2022\/01\/25\/22\/46-00-455-[0-9a-f]{40}\.jsonl$/,
    );
    const store = new MemoryStore();
    // The same failure delivered twice, and two more in the next hour, one outside the window.
    const later = (minutes: number, id: string) => ({
      ...failed,
      inferenceId: id,
      receivedTime: new Date(failed.receivedTime.getTime() + minutes * 60_000),
    });
    for (const n of [failed, failed, later(20, 'x-1'), later(90, 'x-2')]) {
      await store.put(asyncErrorKey('churn-async', 'AllTraffic', n), asyncErrorRecord(n));
    }
    const window = { start: new Date('2022-01-25T22:00:00Z'), end: new Date('2022-01-26T00:00:00Z') };
    expect(await countAsyncErrors(store, 'churn-async', 'AllTraffic', window)).toBe(2);
    expect(
      await countAsyncErrors(store, 'churn-async', 'AllTraffic', {
        ...window,
        end: new Date('2022-01-26T01:00:00Z'),
      }),
    ).toBe(3);
    const record = JSON.parse(asyncErrorRecord(failed));
    expect(record).toEqual({
      inferenceId: '22222222-3333-4444-5555-666666666666',
      endpointName: 'churn-async',
      receivedTime: '2022-01-25T22:48:30.912Z',
      eventTime: '2022-01-25T22:48:31.208Z',
      failureReason: failed.failureReason,
      inputLocation: 's3://async-inputs/churn/input-data-2.csv',
      failureLocation: null,
    });
  });
});
