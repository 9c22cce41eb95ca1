import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { simulateBandit } from '@vigil/core/bandit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), cwd: dir, env: {} },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-bandit-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vigil bandit simulate', () => {
  it('prints the split and the regret of the seeded simulation, the same as the core simulation', async () => {
    const { io: cli, out } = io();
    const code = await main(
      [
        'bandit',
        'simulate',
        '--rates',
        'blue=0.80,green=0.84',
        '--rounds',
        '100',
        '--requests',
        '200',
        '--seed',
        '4',
      ],
      cli,
    );
    expect(code).toBe(0);
    const expected = simulateBandit({
      rates: [
        { variant: 'blue', rate: 0.8 },
        { variant: 'green', rate: 0.84 },
      ],
      rounds: 100,
      requestsPerRound: 200,
      guardrails: { minWeight: 0.05, maxWeight: 0.95, maxStep: 0.1, cooldownMinutes: 60 },
      seed: 4,
    });
    expect(out[0]).toBe('round\tsplit\tcumulative regret');
    expect(out[1]).toBe('1\tblue 95.0%, green 5.0%\t7.2');
    expect(out).toContain('best fixed split\tblue 5.0%, green 95.0%');
    expect(out).toContain(
      `cumulative regret\t${expected.cumulativeRegret.toFixed(1)} expected successes over 20000 requests ` +
        `(${((expected.cumulativeRegret / 20000) * 100).toFixed(3)} per 100 requests)`,
    );
  });

  it('takes the true rates from a comparison.json', async () => {
    await writeFile(
      join(dir, 'comparison.json'),
      JSON.stringify({
        version: 1,
        verdicts: [],
        variants: [
          { name: 'A', metrics: { accuracy: 0.7 } },
          { name: 'B', metrics: { accuracy: 0.75 } },
        ],
      }),
    );
    const { io: cli, out } = io();
    expect(await main(['bandit', 'simulate', '--comparison', 'comparison.json', '--rounds', '20'], cli)).toBe(
      0,
    );
    expect(out).toContain('best fixed split\tA 5.0%, B 95.0%');
  });

  it('refuses guardrails that leave no traffic to split', async () => {
    const { io: cli, err } = io();
    const code = await main(
      ['bandit', 'simulate', '--rates', 'A=0.5,B=0.6,C=0.7', '--min-weight', '0.4'],
      cli,
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/--min-weight 0.4 × 3 variants exceeds all the traffic/);
  });
});
