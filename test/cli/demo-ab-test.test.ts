import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { parseComparison } from '@vigil/core/variants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AB_VARIANTS, type AbTestFindings, runAbTest } from '../../packages/cli/src/demo/ab-test.ts';
import { type RainModel, scoreDay, trainRainModel } from '../../packages/cli/src/demo/model.ts';
import { loadSeattleWeather, rained, type WeatherDay } from '../../packages/cli/src/demo/weather.ts';

// The demo's A/B test on the real 2015 Seattle requests, checked against values computed here
// from the same scores and labels, without the comparison's code.
let dir: string;
let findings: AbTestFindings;
let y2015: WeatherDay[];
let models: Record<'v1' | 'v2' | 'v3', RainModel>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-ab-'));
  const days = await loadSeattleWeather();
  const train = days.filter((d) => d.date < '2014');
  y2015 = days.filter((d) => d.date.startsWith('2015'));
  models = {
    v1: trainRainModel(train),
    v2: trainRainModel(train, { shuffleLabels: true }),
    v3: trainRainModel([...train, ...days.filter((d) => d.date.startsWith('2014'))]),
  };
  const cli = async (argv: string[]) => {
    const lines: string[] = [];
    const errors: string[] = [];
    const code = await main(argv, {
      stdout: (l) => lines.push(l),
      stderr: (l) => errors.push(l),
      cwd: dir,
      env: {},
    });
    if (code !== 0) throw new Error(errors.join('\n'));
    return lines;
  };
  findings = await runAbTest({
    folder: join(dir, 'ab-test'),
    cli,
    models,
    days: y2015,
    hour: new Date('2026-01-05T06:00:00Z'),
    home: join(dir, 'home'),
  });
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

/** AUC as the Mann–Whitney statistic: P(score of a rainy day > score of a dry day), ties half. */
function mannWhitneyAuc(scores: number[], labels: number[]): number {
  const pos = scores.filter((_, i) => labels[i] === 1);
  const neg = scores.filter((_, i) => labels[i] === 0);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** The score as the capture carries it (six decimals). */
const captured = (model: RainModel, day: WeatherDay) => Number(scoreDay(model, day).toFixed(6));

describe('the demo’s A/B test', () => {
  it('splits the 2015 requests between champion and challenger; the shadow answers the champion’s', async () => {
    const document = parseComparison(await readFile(findings.comparisonPath, 'utf8'));
    expect(document.variants.map((v) => [v.name, v.role, v.predictions, v.labeled])).toEqual([
      [AB_VARIANTS.champion.name, 'champion', 183, 183],
      [AB_VARIANTS.challenger.name, 'challenger', 182, 182],
      [AB_VARIANTS.shadow.name, 'shadow', 183, 183],
    ]);
  });

  it('compares AUCs equal to the Mann–Whitney AUCs of the same scores and labels', async () => {
    const document = parseComparison(await readFile(findings.comparisonPath, 'utf8'));
    const even = y2015.filter((_, i) => i % 2 === 0);
    const odd = y2015.filter((_, i) => i % 2 === 1);
    const expected: Record<string, number> = {
      [AB_VARIANTS.champion.name]: mannWhitneyAuc(
        even.map((d) => captured(models.v1, d)),
        even.map(rained),
      ),
      [AB_VARIANTS.challenger.name]: mannWhitneyAuc(
        odd.map((d) => captured(models.v3, d)),
        odd.map(rained),
      ),
      [AB_VARIANTS.shadow.name]: mannWhitneyAuc(
        even.map((d) => captured(models.v2, d)),
        even.map(rained),
      ),
    };
    for (const variant of document.variants) {
      expect(variant.metrics.auc, variant.name).toBeCloseTo(expected[variant.name]!, 12);
    }
    const challenger = document.verdicts.find((v) => v.variant === AB_VARIANTS.challenger.name)!;
    const auc = challenger.metrics.find((m) => m.metric === 'auc')!;
    expect(auc.difference).toBeCloseTo(
      expected[AB_VARIANTS.challenger.name]! - expected[AB_VARIANTS.champion.name]!,
      12,
    );
  });

  it('decides: the challenger’s small AUC gain is inconclusive, with the sample size it needs; the shadow is worse', async () => {
    const document = parseComparison(await readFile(findings.comparisonPath, 'utf8'));
    const [challenger, shadow] = document.verdicts;
    expect(challenger).toMatchObject({
      variant: 'challenger-v3',
      decisionMetric: 'auc',
      decision: 'inconclusive',
    });
    const auc = challenger!.metrics.find((m) => m.metric === 'auc')!;
    // Inconclusive because the interval straddles zero: the gain is not significant at α = 0.05.
    expect(auc.confidenceInterval[0]).toBeLessThan(0);
    expect(auc.confidenceInterval[1]).toBeGreaterThan(0);
    expect(auc.pValue).toBeGreaterThan(0.05);
    expect(challenger!.sampleSizeNeeded).toBeGreaterThan(182);
    expect(shadow).toMatchObject({ variant: 'shadow-v2', decision: 'challenger_worse' });
    // Agreement: the share of the champion's requests both classify alike at 0.5.
    const even = y2015.filter((_, i) => i % 2 === 0);
    const alike = even.filter((d) => captured(models.v1, d) >= 0.5 === captured(models.v2, d) >= 0.5).length;
    expect(shadow!.agreement?.pairs).toBe(183);
    expect(shadow!.agreement?.agreementRate).toBeCloseTo(alike / 183, 12);
    expect(findings.verdicts.map((v) => [v.variant, v.decision])).toEqual([
      ['challenger-v3', 'inconclusive'],
      ['shadow-v2', 'challenger_worse'],
    ]);
    expect(findings.verdicts[0]!.line).toMatch(
      /^challenger-v3 {2}challenger {2}inconclusive {2}auc \+0\.\d{4} \[-0\.\d{4}, 0\.\d{4}\] p=0\.\d+ {2}needs \d+ labeled per variant$/,
    );
  });
});
