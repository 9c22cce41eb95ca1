import { bestFixedSplit, simulateBandit } from '@vigil/core/bandit';
import { parseComparison } from '@vigil/core/variants';
import { optionalNumber, optionalString } from '../args.ts';
import { type CliIO, type CommandArgs, defineCommand, helpText, UsageError } from '../command.ts';
import { readUserText } from '../user-files.ts';

/** `vigil bandit simulate`: Thompson-sampling traffic shifting under guardrails, on simulated traffic. */
export const banditSimulateCommand = defineCommand({
  name: 'bandit simulate',
  usage:
    'bandit simulate (--rates A=0.80,B=0.84 | --comparison comparison.json [--metric accuracy]) [--rounds 200] ' +
    '[--requests 500] [--min-weight 0.05] [--max-weight 0.95] [--max-step 0.1] [--cooldown-rounds 1] [--seed 1] [--every 20]',
  options: {
    rates: 'string',
    comparison: 'string',
    metric: 'string',
    rounds: 'string',
    requests: 'string',
    'min-weight': 'string',
    'max-weight': 'string',
    'max-step': 'string',
    'cooldown-rounds': 'string',
    seed: 'string',
    every: 'string',
  },
  details: helpText`
    --rates            Each variant’s true success rate, the champion first (it starts with most traffic).
    --comparison       A comparison.json (vigil compare variants): the variants’ observed --metric rates
                       (accuracy, precision or recall; default accuracy) become the true rates.
    --rounds           Policy steps; one round is one hour of traffic (--requests requests).
    --cooldown-rounds  Rounds between two shifts (default 1: every round).
    Prints the split and cumulative regret every --every rounds, then the best fixed split the guardrails
    allow and the regret against it (expected successes lost). The run is reproducible from --seed.
  `,
  async run(args, io) {
    const rates = await ratesOption(args, io);
    const guardrails = {
      minWeight: optionalNumber(args, 'min-weight') ?? 0.05,
      maxWeight: optionalNumber(args, 'max-weight') ?? 0.95,
      maxStep: optionalNumber(args, 'max-step') ?? 0.1,
      cooldownMinutes: 60 * (optionalNumber(args, 'cooldown-rounds') ?? 1),
    };
    if (
      !(
        guardrails.minWeight >= 0 &&
        guardrails.minWeight <= guardrails.maxWeight &&
        guardrails.maxWeight <= 1
      )
    ) {
      throw new UsageError('--min-weight and --max-weight must satisfy 0 ≤ min ≤ max ≤ 1');
    }
    if (guardrails.minWeight * rates.length > 1) {
      throw new UsageError(
        `--min-weight ${guardrails.minWeight} × ${rates.length} variants exceeds all the traffic`,
      );
    }
    if (!(guardrails.maxStep > 0 && guardrails.maxStep <= 1))
      throw new UsageError('--max-step must lie in (0, 1]');
    const rounds = positiveInteger(args, 'rounds', 200);
    const requestsPerRound = positiveInteger(args, 'requests', 500);
    const every = positiveInteger(args, 'every', Math.max(1, Math.floor(rounds / 10)));
    const seed = optionalNumber(args, 'seed') ?? 1;
    // One step per round, one round per hour: a cool-down of n rounds allows a shift every n rounds.
    const result = simulateBandit({ rates, rounds, requestsPerRound, guardrails, seed });
    const split = (weights: readonly { variant: string; weight: number }[]) =>
      weights.map((w) => `${w.variant} ${(w.weight * 100).toFixed(1)}%`).join(', ');
    io.stdout('round\tsplit\tcumulative regret');
    for (const r of result.rounds) {
      if ((r.round + 1) % every === 0 || r.round === 0) {
        io.stdout(`${r.round + 1}\t${split(r.weights)}\t${r.cumulativeRegret.toFixed(1)}`);
      }
    }
    const total = rounds * requestsPerRound;
    io.stdout(`best fixed split\t${split(bestFixedSplit(rates, guardrails))}`);
    io.stdout(
      `cumulative regret\t${result.cumulativeRegret.toFixed(1)} expected successes over ${total} requests ` +
        `(${((result.cumulativeRegret / total) * 100).toFixed(3)} per 100 requests)`,
    );
    io.stdout(
      `reward per request\tpolicy ${result.rewardPerRequest.policy.toFixed(4)}, best fixed split ${result.rewardPerRequest.bestFixed.toFixed(4)}`,
    );
    return 0;
  },
});

async function ratesOption(args: CommandArgs, io: CliIO): Promise<{ variant: string; rate: number }[]> {
  const text = optionalString(args, 'rates');
  const comparisonPath = optionalString(args, 'comparison');
  if ((text === undefined) === (comparisonPath === undefined)) {
    throw new UsageError('Give either --rates A=0.80,B=0.84 or --comparison comparison.json');
  }
  let rates: { variant: string; rate: number }[];
  if (text !== undefined) {
    rates = text.split(',').map((part) => {
      const [variant, value] = part.split('=');
      const rate = Number(value);
      if (!variant || !(rate >= 0 && rate <= 1)) {
        throw new UsageError(`--rates must read like A=0.80,B=0.84 (rates in [0, 1]); got "${part}"`);
      }
      return { variant, rate };
    });
  } else {
    const metric = optionalString(args, 'metric') ?? 'accuracy';
    if (!['accuracy', 'precision', 'recall'].includes(metric)) {
      throw new UsageError('--metric must be accuracy, precision or recall');
    }
    const comparison = parseComparison(await readUserText('--comparison', comparisonPath as string, io.cwd));
    rates = comparison.variants.flatMap((v) => {
      const rate = v.metrics[metric];
      return typeof rate === 'number' && Number.isFinite(rate) ? [{ variant: v.name, rate }] : [];
    });
  }
  if (rates.length < 2) throw new UsageError('A simulation needs at least two variants with a rate');
  return rates;
}

function positiveInteger(args: CommandArgs, name: string, fallback: number): number {
  const n = optionalNumber(args, name) ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, got ${n}`);
  return n;
}
