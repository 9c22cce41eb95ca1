import { type EventPattern, matchesPattern } from '@vigil/local';
import { describe, expect, it } from 'vitest';

const event = {
  source: 'aws.s3',
  'detail-type': 'Object Created',
  resources: ['arn:aws:s3:::a', 'arn:aws:s3:::b'],
  detail: {
    bucket: { name: 'vigil' },
    object: { key: 'capture/ep/AllTraffic/x.jsonl', size: 5 },
    reason: 'PutObject',
    nothing: null,
  },
};

const cases: [string, EventPattern, boolean][] = [
  ['exact value', { source: ['aws.s3'] }, true],
  ['one of several values', { source: ['aws.sagemaker', 'aws.s3'] }, true],
  ['a different value', { source: ['aws.sagemaker'] }, false],
  ['a field the event lacks', { account: ['1'] }, false],
  ['nested exact value', { detail: { bucket: { name: ['vigil'] } } }, true],
  ['nested object the event lacks', { detail: { owner: { id: ['x'] } } }, false],
  ['prefix', { detail: { object: { key: [{ prefix: 'capture/ep/' }] } } }, true],
  ['prefix that does not start the value', { detail: { object: { key: [{ prefix: 'profiles/' }] } } }, false],
  ['suffix', { detail: { object: { key: [{ suffix: '.jsonl' }] } } }, true],
  ['equals-ignore-case', { 'detail-type': [{ 'equals-ignore-case': 'object created' }] }, true],
  ['any element of an array field', { resources: ['arn:aws:s3:::b'] }, true],
  ['no element of an array field', { resources: ['arn:aws:s3:::c'] }, false],
  ['exists: true on a present field', { detail: { reason: [{ exists: true }] } }, true],
  ['exists: false on an absent field', { detail: { missing: [{ exists: false }] } }, true],
  ['exists: true on an absent field', { detail: { missing: [{ exists: true }] } }, false],
  ['null matches a null field', { detail: { nothing: [null] } }, true],
  ['anything-but a value', { detail: { reason: [{ 'anything-but': 'CopyObject' }] } }, true],
  ['anything-but the value itself', { detail: { reason: [{ 'anything-but': ['PutObject'] }] } }, false],
  [
    'anything-but a prefix',
    { detail: { object: { key: [{ 'anything-but': { prefix: 'capture/' } }] } } },
    false,
  ],
  ['numeric range', { detail: { object: { size: [{ numeric: ['>', 0, '<=', 5] }] } } }, true],
  ['numeric range missed', { detail: { object: { size: [{ numeric: ['>', 5] }] } } }, false],
  ['every field must match', { source: ['aws.s3'], 'detail-type': ['Object Deleted'] }, false],
  ['the empty pattern', {}, true],
];

describe('matchesPattern', () => {
  it.each(cases)('%s', (_, pattern, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });

  it('does not match a pattern field against a nested object value, or anything against a non-object event', () => {
    expect(matchesPattern({ detail: ['x'] }, event)).toBe(false);
    expect(matchesPattern({ source: ['aws.s3'] }, 'aws.s3')).toBe(false);
    expect(matchesPattern({ source: ['aws.s3'] }, null)).toBe(false);
  });
});
