import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hourPath } from '@vigil/core';
import { parseComparison, type VariantDecision } from '@vigil/core/variants';
import { type RainModel, scoreDay } from './model.ts';
import { DEMO } from './scenario.ts';
import { CAPTURED_PREDICTION_ARGS, captureFileName, captureLine, groundTruthLine } from './traffic.ts';
import type { WeatherDay } from './weather.ts';

/** The variants of the demo's A/B test and which model version each serves. */
export const AB_VARIANTS = {
  champion: { name: 'champion-v1', version: 'v1' },
  challenger: { name: 'challenger-v3', version: 'v3' },
  shadow: { name: 'shadow-v2', version: 'v2' },
} as const;

/** What the A/B test found: per challenger and shadow, its decision and the line printed for it. */
export interface AbTestFindings {
  comparisonPath: string;
  verdicts: { variant: string; role: string; decision: VariantDecision; line: string }[];
}

/** Runs a `vigil` command and returns its stdout lines (the demo's quiet CLI). */
export type DemoCli = (argv: string[]) => Promise<string[]>;

/**
 * The demo's A/B test, as a user runs it on an endpoint with several variants: the 2015 requests
 * are split between the champion (v1, even days) and the challenger (v3, odd days), and the shadow
 * (v2, the version the gate rejected) answers copies of the champion's requests, with the same
 * inference ids. Their capture is written as SageMaker writes it,
 * `{capture}/{endpoint}/{variant}/yyyy/mm/dd/hh/`, with the labels, and `vigil compare variants`
 * says, with statistics, whether the challenger is better, and how far the shadow agrees.
 *
 * @example
 * ```ts
 * const ab = await runAbTest({ folder: join(home, 'demo/ab-test'), cli, models, days: y2015, hour, home });
 * ab.verdicts.map((v) => v.decision); // ['inconclusive', 'challenger_worse']
 * ```
 */
export async function runAbTest(options: {
  /** Where the A/B test's capture, labels and comparison go. */
  folder: string;
  cli: DemoCli;
  models: Record<'v1' | 'v2' | 'v3', RainModel>;
  days: readonly WeatherDay[];
  /** The hour the requests are captured in. */
  hour: Date;
  /** The demo's home: the `variant_*` metrics go to its local metric store. */
  home: string;
}): Promise<AbTestFindings> {
  const { folder, models, days, hour } = options;
  const champion = days.filter((_, i) => i % 2 === 0);
  const challenger = days.filter((_, i) => i % 2 === 1);
  const served: [string, RainModel, readonly WeatherDay[]][] = [
    [AB_VARIANTS.champion.name, models.v1, champion],
    [AB_VARIANTS.challenger.name, models.v3, challenger],
    [AB_VARIANTS.shadow.name, models.v2, champion],
  ];
  for (const [variant, model, requests] of served) {
    const capture = join(folder, 'capture', DEMO.endpoint, variant, hourPath(hour));
    await mkdir(capture, { recursive: true });
    const first = new Date(hour.getTime() + 2 * 60_000);
    const lines = requests.map((day, i) =>
      captureLine(day, scoreDay(model, day), new Date(first.getTime() + i * 5_000)),
    );
    await writeFile(join(capture, captureFileName(first)), `${lines.join('\n')}\n`);
  }
  await mkdir(join(folder, 'ground-truth'), { recursive: true });
  await writeFile(join(folder, 'ground-truth', 'labels.jsonl'), `${days.map(groundTruthLine).join('\n')}\n`);
  const out = join(folder, 'comparison');
  const lines = await options.cli([
    'compare',
    'variants',
    '--endpoint',
    DEMO.endpoint,
    '--champion',
    AB_VARIANTS.champion.name,
    '--challenger',
    AB_VARIANTS.challenger.name,
    '--shadow',
    AB_VARIANTS.shadow.name,
    '--capture',
    join(folder, 'capture'),
    '--ground-truth',
    join(folder, 'ground-truth'),
    ...CAPTURED_PREDICTION_ARGS,
    '--out',
    `${out}/`,
    '--home',
    options.home,
  ]);
  const comparisonPath = join(out, 'comparison.json');
  const document = parseComparison(await readFile(comparisonPath, 'utf8'));
  return {
    comparisonPath,
    verdicts: document.verdicts.map((v) => ({
      variant: v.variant,
      role: v.role,
      decision: v.decision,
      line: lines.find((l) => l.startsWith(`${v.variant}\t`))?.replace(/\t/g, '  ') ?? v.reason,
    })),
  };
}
