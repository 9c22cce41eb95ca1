import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BaselineValidationError } from '@vigil/core';
import { metricsToRun, parseAnalysisConfig, parseAnalysisJson, requestedMethods } from '@vigil/core/bias';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(
  new URL('../../../../shared/fixtures/sagemaker/clarify-bias/analysis.json', import.meta.url),
);
type Stage = { facets: Record<string, { metrics: unknown[] }[]> };
type Doc = { post_training_bias_metrics: Stage; pre_training_bias_metrics: Stage };
type Metric = { value?: unknown; error?: string };
const real = () => JSON.parse(readFileSync(fixture, 'utf8')) as Doc;
const firstEntry = (stage: Stage) => {
  const facet = Object.keys(stage.facets)[0] as string;
  return { facet, metrics: (stage.facets[facet]?.[0]?.metrics ?? []) as Metric[] };
};

function rejection(text: string): BaselineValidationError {
  try {
    parseAnalysisJson(text, 'baselines/credit/analysis.json');
  } catch (error) {
    expect(error).toBeInstanceOf(BaselineValidationError);
    return error as BaselineValidationError;
  }
  throw new Error('expected the analysis.json to be rejected');
}

describe('bias analysis.json validation', () => {
  it('reads the real Clarify analysis.json', () => {
    const analysis = parseAnalysisJson(readFileSync(fixture, 'utf8'));
    expect(analysis.postTraining?.facets.size).toBeGreaterThan(0);
  });

  it('rejects a metric value of the wrong type with its path (it was read as "no value")', () => {
    const doc = real();
    const { facet, metrics } = firstEntry(doc.post_training_bias_metrics);
    (metrics[0] as Metric).value = '0.5';
    const error = rejection(JSON.stringify(doc));
    expect(error.path).toBe(`post_training_bias_metrics.facets.${facet}[0].metrics[0].value`);
    expect(error.message).toContain('baselines/credit/analysis.json: invalid field');
  });

  it('rejects a metric without a name, and facets that are not lists', () => {
    const doc = real();
    const { facet, metrics } = firstEntry(doc.pre_training_bias_metrics);
    (metrics as unknown[])[1] = 42;
    expect(rejection(JSON.stringify(doc)).path).toBe(
      `pre_training_bias_metrics.facets.${facet}[0].metrics[1]`,
    );
  });

  it("keeps Clarify's failed metrics (value null with an error) and string infinities", () => {
    const doc = real();
    const { facet, metrics } = firstEntry(doc.post_training_bias_metrics);
    metrics[0] = { ...metrics[0], value: null, error: 'division by zero' };
    metrics[1] = { ...metrics[1], value: 'Infinity' };
    const analysis = parseAnalysisJson(JSON.stringify(doc));
    const read = analysis.postTraining?.facets.get(facet)?.[0]?.metrics;
    expect(read?.[0]?.value).toBeNull();
    expect(read?.[1]?.value).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('unknown Clarify methods', () => {
  it('names a misspelt method of analysis_config.json (it was ignored and every metric ran)', () => {
    const config = {
      label: 'y',
      label_values_or_threshold: [1],
      facet: [{ name_or_index: 'sex' }],
      methods: { post_training_biass: { methods: ['DPPL'] } },
    };
    expect(() => parseAnalysisConfig(JSON.stringify(config))).toThrow(
      /invalid field "methods\.post_training_biass": unknown Clarify method "post_training_biass"/,
    );
    config.methods = { shap: {}, post_training_bias: { methods: ['DPPL'] } } as never;
    expect(requestedMethods(parseAnalysisConfig(JSON.stringify(config)), 'post_training')).toEqual(['DPPL']);
  });

  it('names the unknown method and its stage', () => {
    expect(() => metricsToRun('post_training', ['DPPL', 'XYZ'])).toThrow(
      /Invalid metric_name 'XYZ' in methods\.post_training_bias/,
    );
  });
});
