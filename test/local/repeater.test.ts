import { Repeater } from '@vigil/local';
import { describe, expect, it } from 'vitest';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Repeater', () => {
  it('never overlaps runs, keeps going after a failure, and stop() waits for the run in progress', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let finished = 0;
    const errors: string[] = [];
    const repeater = new Repeater(
      async () => {
        runs++;
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(5);
        active--;
        finished++;
        if (runs === 1) throw new Error('first run fails');
      },
      1,
      (error) => errors.push(error.message),
    );
    repeater.start();
    repeater.start(); // a second start while started adds no second timer
    await sleep(60);
    await repeater.stop();
    const afterStop = runs;
    await sleep(20);

    expect(runs).toBeGreaterThanOrEqual(3);
    expect(maxActive).toBe(1);
    expect(errors).toEqual(['first run fails']);
    expect(finished).toBe(runs);
    expect(runs).toBe(afterStop);
  });
});
