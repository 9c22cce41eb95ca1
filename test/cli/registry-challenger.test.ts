import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { LocalModelRegistry, LocalObjectStore } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// `vigil registry` with a policy that needs the challenger to have beaten the champion: the gate
// finds the endpoint's newest comparison.json in the home's reports folder.
let dir: string;
const arn = (v: number) => `arn:aws:sagemaker:local:000000000000:model-package/churn/${v}`;

/** A comparison.json of the hour `hh` saying `decision` for challenger B, which served version 2. */
async function comparison(hh: string, decision: string) {
  const folder = join(dir, '.vigil/reports/churn-prod/variant-comparison/2026/03/02', hh);
  await mkdir(folder, { recursive: true });
  await writeFile(
    join(folder, 'comparison.json'),
    JSON.stringify({
      version: 1,
      endpoint: 'churn-prod',
      window: { start: `2026-03-02T${hh}:00:00.000Z`, end: `2026-03-02T${hh}:59:59.000Z` },
      generatedAt: `2026-03-02T${hh}:59:59.000Z`,
      modelPackages: { A: [arn(1)], B: [arn(2)] },
      problemType: 'BinaryClassification',
      champion: 'A',
      settings: { significance: 0.05, minimumEffect: 0.01, power: 0.8, metric: 'accuracy' },
      variants: [],
      verdicts: [
        {
          variant: 'B',
          role: 'challenger',
          decisionMetric: 'accuracy',
          decision,
          reason: 'as written by the test',
          metrics: [],
        },
      ],
    }),
  );
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-challenger-'));
  await writeFile(
    join(dir, 'vigil.config.json'),
    JSON.stringify({
      version: 1,
      endpoints: [
        {
          name: 'churn-prod',
          variants: { champion: 'A', challengers: ['B'], problemType: 'BinaryClassification' },
        },
      ],
      approvalPolicies: [{ modelPackageGroup: 'churn', challengerBeatChampion: { endpoint: 'churn-prod' } }],
    }),
  );
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function vigil(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    cwd: dir,
    env: { USER: 'ci' },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('vigil registry gate with challengerBeatChampion', () => {
  it('rejects the challenger’s version while the endpoint has no comparison, saying where it looked', async () => {
    expect((await vigil(['registry', 'register', '--group', 'churn', '--no-gate'])).code).toBe(0);
    const second = await vigil(['registry', 'register', '--group', 'churn']);
    expect(second.out).toContain(
      `FAIL challenger beat champion on churn-prod: comparison missing: no comparison.json under ${join(dir, '.vigil/reports/churn-prod/variant-comparison/')}`,
    );
    const registry = new LocalModelRegistry(new LocalObjectStore(join(dir, '.vigil')));
    expect((await registry.describe(arn(2))).approvalStatus).toBe('Rejected');
  });

  it('approves version 2 when the newest comparison decided challenger_better for the variant it served', async () => {
    await vigil(['registry', 'register', '--group', 'churn', '--no-gate']);
    // An older comparison was inconclusive; the newest, which counts, says challenger_better.
    await comparison('08', 'inconclusive');
    await comparison('09', 'challenger_better');
    const registered = await vigil(['registry', 'register', '--group', 'churn']);
    expect(registered.out).toMatch(/decided → approve/);
    const registry = new LocalModelRegistry(new LocalObjectStore(join(dir, '.vigil')));
    expect((await registry.describe(arn(2))).approvalStatus).toBe('Approved');
    // Version 1 served the champion: the same rule fails for it.
    const gate = await vigil(['registry', 'gate', '--arn', arn(1)]);
    expect(gate.out).toMatch(/FAIL challenger beat champion on churn-prod: v1 served the champion A/);
  });
});
