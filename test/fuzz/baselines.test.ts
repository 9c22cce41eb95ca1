import { BaselineValidationError, ConfigError, InputError } from '@vigil/core';
import {
  parseAnalysisJson,
  parseAnalysisConfig as parseBiasConfig,
  requestedMethods,
} from '@vigil/core/bias';
import {
  createDataQualityBaseline,
  evaluateDataQuality,
  parseConstraintsFile,
  parseStatisticsFile,
} from '@vigil/core/dataquality';
import {
  baselineAttributions,
  parseAnalysisConfig as parseExplainConfig,
  shapSettings,
} from '@vigil/core/explain';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { FUZZ_RUNS, mutate, mutations } from './mutate-json.ts';

// No input may take longer than this to load and evaluate (typical: well under 1 ms); the bound
// leaves room for a loaded machine's pauses, and a real hang fails the suite's timeout anyway.
const MAX_MS_PER_INPUT = 2_000;

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

function csv(rows: number, shift: number): string {
  const lines = ['score,age,plan'];
  for (let i = 0; i < rows; i++) lines.push(`${(i % 10) / 10},${(i % 40) + shift},${i % 3 ? 'a' : 'b'}`);
  return `${lines.join('\n')}\n`;
}

/** Throws unless `error` is one of the typed errors a bad file may give. */
function expectTyped(error: unknown, ...types: (new (...args: never[]) => Error)[]): void {
  if (!types.some((type) => error instanceof type)) throw error;
}

function timed(run: () => void): void {
  const start = performance.now();
  run();
  const elapsed = performance.now() - start;
  if (elapsed > MAX_MS_PER_INPUT)
    throw new Error(`one input took ${elapsed.toFixed(0)} ms (bound ${MAX_MS_PER_INPUT} ms)`);
}

const runs = { numRuns: FUZZ_RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261204) };

describe('baseline fuzzing: load succeeds or throws BaselineValidationError, evaluation always ends', () => {
  let statistics: unknown;
  let constraints: unknown;
  let statisticsText: string;
  let constraintsText: string;
  let window: Awaited<ReturnType<typeof createDataQualityBaseline>>['profile'];

  beforeAll(async () => {
    const baseline = await createDataQualityBaseline(once(csv(30, 0)), { format: 'csv', header: true });
    statisticsText = baseline.statistics;
    constraintsText = baseline.constraints;
    statistics = JSON.parse(statisticsText);
    constraints = JSON.parse(constraintsText);
    window = (await createDataQualityBaseline(once(csv(30, 25)), { format: 'csv', header: true })).profile;
  });

  it(`statistics.json (${FUZZ_RUNS} mutations)`, () => {
    const fixedConstraints = parseConstraintsFile(constraintsText);
    fc.assert(
      fc.property(mutations, (edits) => {
        const text = JSON.stringify(mutate(statistics, edits));
        timed(() => {
          let parsed: ReturnType<typeof parseStatisticsFile>;
          try {
            parsed = parseStatisticsFile(text);
          } catch (error) {
            expectTyped(error, BaselineValidationError);
            return;
          }
          evaluateDataQuality(window, { statistics: parsed, constraints: fixedConstraints });
        });
      }),
      runs,
    );
  });

  it(`constraints.json (${FUZZ_RUNS} mutations)`, () => {
    const fixedStatistics = parseStatisticsFile(statisticsText);
    fc.assert(
      fc.property(mutations, (edits) => {
        const text = JSON.stringify(mutate(constraints, edits));
        timed(() => {
          let parsed: ReturnType<typeof parseConstraintsFile>;
          try {
            parsed = parseConstraintsFile(text);
          } catch (error) {
            expectTyped(error, BaselineValidationError);
            return;
          }
          evaluateDataQuality(window, { statistics: fixedStatistics, constraints: parsed });
        });
      }),
      runs,
    );
  });
});

const biasConfig = {
  dataset_type: 'text/csv',
  headers: ['approved', 'sex', 'age'],
  label: 'approved',
  label_values_or_threshold: [1],
  facet: [{ name_or_index: 'sex', value_or_threshold: ['F'] }],
  group_variable: 'age',
  methods: { pre_training_bias: { methods: 'all' }, post_training_bias: { methods: ['DPPL', 'DI'] } },
  predictor: { probability: 0 },
};

const explainConfig = {
  dataset_type: 'text/csv',
  headers: ['a', 'b', 'c'],
  label: 'y',
  methods: { shap: { baseline: [[0, 0, 0]], num_samples: 20, agg_method: 'mean_abs', use_logit: false } },
  predictor: { model_name: 'm', content_type: 'text/csv', accept_type: 'text/csv' },
};

const biasAnalysis = {
  version: '1.0',
  post_training_bias_metrics: {
    label: 'approved',
    facets: {
      sex: [{ value_or_threshold: 'F', metrics: [{ name: 'DPPL', description: 'DPPL', value: 0.05 }] }],
    },
    label_value_or_threshold: '1',
  },
  explanations: {
    kernel_shap: { label0: { global_shap_values: { a: 0.3, b: 0.1 }, expected_value: 0.5 } },
  },
};

describe('analysis config and analysis.json fuzzing: parse succeeds or throws a typed error', () => {
  it(`bias analysis_config.json (${FUZZ_RUNS} mutations)`, () => {
    fc.assert(
      fc.property(mutations, (edits) => {
        const text = JSON.stringify(mutate(biasConfig, edits));
        timed(() => {
          try {
            const config = parseBiasConfig(text);
            requestedMethods(config, 'pre_training');
            requestedMethods(config, 'post_training');
          } catch (error) {
            expectTyped(error, ConfigError);
          }
        });
      }),
      runs,
    );
  });

  it(`explainability analysis_config.json (${FUZZ_RUNS} mutations)`, () => {
    fc.assert(
      fc.property(mutations, (edits) => {
        const text = JSON.stringify(mutate(explainConfig, edits));
        timed(() => {
          try {
            shapSettings(parseExplainConfig(text));
          } catch (error) {
            expectTyped(error, ConfigError);
          }
        });
      }),
      runs,
    );
  });

  it(`bias and explainability analysis.json baselines (${FUZZ_RUNS} mutations)`, () => {
    fc.assert(
      fc.property(mutations, (edits) => {
        const doc = mutate(biasAnalysis, edits);
        const text = JSON.stringify(doc);
        timed(() => {
          try {
            parseAnalysisJson(text);
          } catch (error) {
            expectTyped(error, InputError);
          }
          try {
            baselineAttributions(doc);
          } catch (error) {
            expectTyped(error, InputError);
          }
        });
      }),
      runs,
    );
  });
});
