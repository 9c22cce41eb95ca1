import { isTransientAwsError } from '@vigil/aws';
import { describe, expect, it } from 'vitest';

const error = (name: string, status?: number) =>
  Object.assign(new Error(name), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });

describe('isTransientAwsError', () => {
  it.each([
    [error('Throttling', 400), true],
    [error('ThrottlingException'), true],
    [error('TooManyRequestsException'), true],
    [error('Whatever', 429), true],
    [error('Whatever', 503), true],
    [error('ValidationException', 400), false],
    [error('AccessDenied', 403), false],
    [new Error('plain'), false],
    [undefined, false],
  ])('%s → %s', (e, expected) => {
    expect(isTransientAwsError(e)).toBe(expected);
  });
});
