import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BaselineValidationError } from '@vigil/core';
import { parseConstraintsFile, parseStatisticsFile } from '@vigil/core/dataquality';
import { describe, expect, it } from 'vitest';

const fixtures = fileURLToPath(new URL('../../../../shared/fixtures/sagemaker/', import.meta.url));
const read = (path: string) => readFileSync(`${fixtures}${path}`, 'utf8');

type Json = Record<string, unknown>;
const constraints = (): Json => JSON.parse(read('dq-baseline-aai540/constraints.json'));
const statistics = (): Json => JSON.parse(read('dq-baseline-aai540/statistics.json'));

// Sets `value` at a dotted path ("features.0.completeness") of a copy of `doc`.
function withField(doc: Json, path: string, value: unknown): string {
  const parts = path.split('.');
  let node: Record<string, unknown> = doc;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts.at(-1) as string] = value;
  return JSON.stringify(doc);
}

function rejection(parse: () => unknown): BaselineValidationError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(BaselineValidationError);
    return error as BaselineValidationError;
  }
  throw new Error('expected the baseline to be rejected');
}

const mc = 'monitoring_config';
const dc = `${mc}.distribution_constraints`;

// Each of these today either crashed with a raw TypeError/RangeError or silently switched a check off.
const badConstraints: [string, unknown, string][] = [
  [`${mc}.emit_metrics`, false, 'monitoring_config.emit_metrics'],
  [`${mc}.evaluate_constraints`, 0, 'monitoring_config.evaluate_constraints'],
  [`${mc}.evaluate_constraints`, 'Sometimes', 'monitoring_config.evaluate_constraints'],
  [`${mc}.datatype_check_threshold`, 'high', 'monitoring_config.datatype_check_threshold'],
  [`${mc}.domain_content_threshold`, '0.9', 'monitoring_config.domain_content_threshold'],
  [`${mc}.datatype_check_threshold`, 7, 'monitoring_config.datatype_check_threshold'],
  [`${dc}.comparison_method`, 5, `${dc}.comparison_method`],
  [`${dc}.comparison_method`, 'Bogus', `${dc}.comparison_method`],
  [`${dc}.comparison_threshold`, 'abc', `${dc}.comparison_threshold`],
  [`${dc}.comparison_threshold`, -0.1, `${dc}.comparison_threshold`],
  [`${dc}.categorical_comparison_threshold`, null, `${dc}.categorical_comparison_threshold`],
  [`${dc}.categorical_drift_method`, 'Hellinger', `${dc}.categorical_drift_method`],
  [`${dc}.perform_comparison`, true, `${dc}.perform_comparison`],
  ['features.0.completeness', '1.0', 'features[0].completeness'],
  ['features.0.inferred_type', 'Weird', 'features[0].inferred_type'],
  ['features.0.name', 3, 'features[0].name'],
  [
    'features.0.monitoringConfigOverrides',
    { evaluate_constraints: false },
    'features[0].monitoringConfigOverrides.evaluate_constraints',
  ],
  ['features', { a: 1 }, 'features'],
];

describe('constraints.json validation', () => {
  it.each(badConstraints)('rejects %s = %j with the path of the field', (field, value, path) => {
    const error = rejection(() =>
      parseConstraintsFile(withField(constraints(), field, value), 'b/constraints.json'),
    );
    expect(error.path).toBe(path);
    expect(error.file).toBe('b/constraints.json');
    expect(error.message).toContain(`b/constraints.json: invalid field "${path}"`);
    expect(error.message).toContain('vigil baseline data-quality');
  });

  it('rejects a domain given as one comma-separated string', () => {
    const doc = constraints();
    const feature = (doc.features as Json[]).find((f) => f.string_constraints) as Json;
    const index = (doc.features as Json[]).indexOf(feature);
    feature.string_constraints = { domains: 'a,b' };
    expect(rejection(() => parseConstraintsFile(JSON.stringify(doc))).path).toBe(
      `features[${index}].string_constraints.domains`,
    );
  });

  it('reads flags and methods case-insensitively, as SageMaker does', () => {
    const doc = constraints();
    const text = withField(doc, `${dc}.comparison_method`, 'simple');
    const parsed = parseConstraintsFile(text.replace('"Enabled"', '"ENABLED"'));
    expect(parsed.monitoring_config?.distribution_constraints?.comparison_method).toBe('Simple');
    expect(parsed.monitoring_config?.evaluate_constraints).toBe('Enabled');
  });

  it('keeps unknown fields SageMaker added over time', () => {
    const text = withField(constraints(), `${mc}.new_field_2027`, { x: 1 });
    expect(parseConstraintsFile(text).monitoring_config?.new_field_2027).toEqual({ x: 1 });
  });
});

// dq-baseline-aai540's feature 3 (price) is numeric, with a KLL sketch.
const numeric = 'features.3.numerical_statistics';
const sketch = `${numeric}.distribution.kll.sketch`;

describe('statistics.json validation', () => {
  const firstNumeric = () => {
    const doc = statistics();
    expect((doc.features as Json[])[3]?.numerical_statistics).toBeDefined();
    return doc;
  };
  const badStatistics: [string, unknown, string][] = [
    [
      `${sketch}.data`,
      [[1, 'NaN', 3]],
      'features[3].numerical_statistics.distribution.kll.sketch.data[0][1]',
    ],
    [`${sketch}.data`, [[1, 'x']], 'features[3].numerical_statistics.distribution.kll.sketch.data[0][1]'],
    [`${sketch}.data`, [], 'features[3].numerical_statistics.distribution.kll.sketch.data'],
    [`${sketch}.data`, [[], []], 'features[3].numerical_statistics.distribution.kll.sketch.data'],
    [`${sketch}.data`, '1,2,3', 'features[3].numerical_statistics.distribution.kll.sketch.data'],
    [`${sketch}.parameters.k`, -5, 'features[3].numerical_statistics.distribution.kll.sketch.parameters.k'],
    [`${sketch}.parameters.k`, 1e12, 'features[3].numerical_statistics.distribution.kll.sketch.parameters.k'],
    [`${sketch}.parameters.c`, 2, 'features[3].numerical_statistics.distribution.kll.sketch.parameters.c'],
    [`${numeric}.completeness`, '1.0', 'features[3].numerical_statistics.completeness'],
    ['features.0.inferred_type', 'Weird', 'features[0].inferred_type'],
  ];

  it.each(badStatistics)('rejects %s = %j with the path of the field', (field, value, path) => {
    const error = rejection(() => parseStatisticsFile(withField(firstNumeric(), field, value)));
    expect(error.path).toBe(path);
    expect(error.message).toContain(`statistics.json: invalid field "${path}"`);
  });

  it('rejects categorical buckets that are not a list of {value, count}', () => {
    const doc = statistics();
    const features = doc.features as Json[];
    const index = features.findIndex((f) => (f.string_statistics as Json | undefined)?.distribution);
    const categorical = ((features[index] as Json).string_statistics as Json).distribution as Json;
    (categorical.categorical as Json).buckets = { a: 1 };
    expect(rejection(() => parseStatisticsFile(JSON.stringify(doc))).path).toBe(
      `features[${index}].string_statistics.distribution.categorical.buckets`,
    );
    (categorical.categorical as Json).buckets = [{ value: 'a', count: '5' }];
    expect(rejection(() => parseStatisticsFile(JSON.stringify(doc))).path).toBe(
      `features[${index}].string_statistics.distribution.categorical.buckets[0].count`,
    );
  });

  it('accepts Jackson\'s "NaN" and "Infinity" in summaries and ±Infinity in sketches', () => {
    const doc = firstNumeric();
    withField(doc, `${numeric}.mean`, 'NaN');
    const text = withField(doc, `${sketch}.data`, [[1, 'Infinity', '-Infinity']]);
    const feature = parseStatisticsFile(text).features[3];
    expect(feature?.numerical_statistics?.mean).toBeNaN();
    expect(feature?.numerical_statistics?.distribution?.kll?.sketch?.data).toEqual([
      [1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
    ]);
  });

  it('reads every real SageMaker statistics.json', () => {
    for (const path of ['dq-baseline-aai540/statistics.json', 'dq-sdk-pipeline/statistics.json']) {
      expect(parseStatisticsFile(read(path)).features.length).toBeGreaterThan(0);
    }
  });
});

describe('feature names', () => {
  it('rejects a baseline that names two features alike (every later column would shift)', () => {
    const doc = constraints();
    const features = doc.features as Json[];
    const second = { ...(features[1] as Json), name: (features[0] as Json).name };
    const text = JSON.stringify({ ...doc, features: [features[0], second, ...features.slice(2)] });
    const error = rejection(() => parseConstraintsFile(text, 'constraints.json'));
    expect(error.message).toContain('features[1].name');
    expect(error.message).toContain('give each feature a unique name');
    const stats = statistics();
    const statFeatures = stats.features as Json[];
    const twin = { ...(statFeatures[2] as Json), name: (statFeatures[0] as Json).name };
    expect(() =>
      parseStatisticsFile(JSON.stringify({ ...stats, features: [...statFeatures, twin] }), 'statistics.json'),
    ).toThrow(BaselineValidationError);
  });
});
