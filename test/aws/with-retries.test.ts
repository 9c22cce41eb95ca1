import { isTransientAwsError, withRetries } from '@vigil/aws';
import { describe, expect, it } from 'vitest';

const error = (name: string, status?: number) =>
  Object.assign(new Error(name), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });

describe('withRetries', () => {
  it('waits a full-jitter backoff that doubles up to the ceiling, then returns the result', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async (attempt) => {
        calls += 1;
        if (attempt < 6) throw error('ThrottlingException', 400);
        return 'done';
      },
      {
        maxAttempts: 6,
        baseDelayMs: 100,
        maxDelayMs: 1000,
        random: () => 0.999,
        sleep: async (ms) => void waits.push(ms),
      },
    );
    expect(result).toBe('done');
    expect(calls).toBe(6);
    // floor(0.999 * min(1000, 100 * 2^k)) for k = 0..4
    expect(waits).toEqual([99, 199, 399, 799, 999]);
  });

  it('rethrows a non-retryable error at once and the last retryable one when attempts run out', async () => {
    let calls = 0;
    const sleep = async () => {};
    await expect(
      withRetries(
        async () => {
          calls += 1;
          throw error('AccessDeniedException', 403);
        },
        { sleep },
      ),
    ).rejects.toThrow('AccessDeniedException');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      withRetries(
        async () => {
          calls += 1;
          throw error('InternalFailure', 500);
        },
        { sleep, maxAttempts: 3 },
      ),
    ).rejects.toThrow('InternalFailure');
    expect(calls).toBe(3);
  });
});

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
