import { backoff } from '@vigil/aws';
import { describe, expect, it } from 'vitest';

describe('backoff (the resends Vigil decides itself)', () => {
  it('waits a full-jitter time that doubles with every retry up to the ceiling', async () => {
    const waits: number[] = [];
    const options = {
      baseDelayMs: 100,
      maxDelayMs: 1000,
      random: () => 0.999,
      sleep: async (ms: number) => void waits.push(ms),
    };
    for (let retry = 1; retry <= 6; retry++) await backoff(retry, options);
    // floor(0.999 * min(1000, 100 * 2^(retry - 1)))
    expect(waits).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('waits nothing when the jitter draws zero', async () => {
    const waits: number[] = [];
    await backoff(3, { random: () => 0, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([0]);
  });
});
