import { javaDouble } from '@vigil/core';
import {
  createDataQualityBaseline,
  dataQualityMetrics,
  evaluateDataQuality,
  parseConstraintsFile,
  parseStatisticsFile,
} from '@vigil/core/dataquality';
import { type Profile, ProfileBuilder, type RowValue } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

async function* text(value: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(value);
}

/** Baseline: age 0..999 (Integral), score 0.5..999.5 (Fractional), color a/b/c 50/30/20 %, flag 0/1. */
function baselineCsv(): string {
  const lines = ['age,score,color,flag'];
  for (let i = 0; i < 1000; i++) {
    const color = i % 10 < 5 ? 'a' : i % 10 < 8 ? 'b' : 'c';
    lines.push(`${i},${i + 0.5},${color},${i % 2}`);
  }
  return `${lines.join('\n')}\n`;
}

interface EditableConstraints {
  monitoring_config: Record<string, unknown> & { distribution_constraints: Record<string, unknown> };
}

async function baseline(edit?: (constraints: EditableConstraints) => void) {
  const files = await createDataQualityBaseline(text(baselineCsv()), { format: 'csv', header: true });
  const constraints = JSON.parse(files.constraints);
  edit?.(constraints);
  return {
    statistics: parseStatisticsFile(files.statistics),
    constraints: parseConstraintsFile(JSON.stringify(constraints)),
  };
}

function window(n: number, row: (i: number) => RowValue[]): Profile {
  const builder = new ProfileBuilder();
  for (let i = 0; i < n; i++) builder.addRow(row(i));
  return builder.build();
}

const sameAsBaseline = (i: number): RowValue[] => [
  String(i),
  String(i + 0.5),
  i % 10 < 5 ? 'a' : i % 10 < 8 ? 'b' : 'c',
  String(i % 2),
];

describe('evaluateDataQuality', () => {
  it('finds nothing in a window equal to the baseline', async () => {
    const evaluation = evaluateDataQuality(window(1000, sameAsBaseline), await baseline());
    expect(evaluation.violations).toEqual([]);
    expect(evaluation.drift.map((d) => [d.feature, d.value])).toEqual([
      ['age', 0],
      ['score', 0],
      ['color', 0],
      ['flag', 0],
    ]);
  });

  it('suggests the string domain and is_non_negative as Deequ does', async () => {
    const { constraints } = await baseline();
    expect(constraints.features.map((f) => [f.name, f.inferred_type])).toEqual([
      ['age', 'Integral'],
      ['score', 'Fractional'],
      ['color', 'String'],
      ['flag', 'Integral'],
    ]);
    expect(constraints.features[2]?.string_constraints?.domains).toEqual(['a', 'b', 'c']);
    expect(constraints.features[0]?.num_constraints?.is_non_negative).toBe(true);
  });

  it('reports numeric drift with the Robust L-infinity distance (known answer)', async () => {
    // age shifted by 500: KS statistic exactly 0.5 on these exact sketches.
    const shifted = window(1000, (i) => {
      const row = sameAsBaseline(i);
      row[0] = String(i + 500);
      return row;
    });
    const evaluation = evaluateDataQuality(shifted, await baseline());
    const expected = 0.5 - 1.8 * Math.sqrt(2000 / 1e6);
    expect(evaluation.drift.find((d) => d.feature === 'age')?.value).toBeCloseTo(expected, 15);
    expect(evaluation.violations).toEqual([
      {
        feature_name: 'age',
        constraint_check_type: 'baseline_drift_check',
        description: `Baseline drift distance: ${javaDouble(expected)} exceeds threshold: 0.1`,
      },
    ]);
  });

  it('uses Simple when the constraints say so', async () => {
    const simple = await baseline((c) => {
      c.monitoring_config.distribution_constraints.comparison_method = 'Simple';
    });
    const shifted = window(1000, (i) => {
      const row = sameAsBaseline(i);
      row[0] = String(i + 500);
      return row;
    });
    expect(evaluateDataQuality(shifted, simple).drift.find((d) => d.feature === 'age')?.value).toBe(0.5);
  });

  it('reports categorical drift (LInfinity and ChiSquared)', async () => {
    // color 20/30/50 instead of 50/30/20 over 1000 rows: L∞ 0.3, Robust 0.3 − 1.8·sqrt(2000/1e6).
    const flipped = window(1000, (i) => {
      const row = sameAsBaseline(i);
      row[2] = i % 10 < 2 ? 'a' : i % 10 < 5 ? 'b' : 'c';
      return row;
    });
    const lInf = evaluateDataQuality(flipped, await baseline()).drift.find((d) => d.feature === 'color');
    expect(lInf?.value).toBeCloseTo(0.3 - 1.8 * Math.sqrt(2000 / 1e6), 12);
    expect(lInf?.violated).toBe(true);
    const chi = evaluateDataQuality(
      flipped,
      await baseline((c) => {
        c.monitoring_config.distribution_constraints.categorical_drift_method = 'ChiSquared';
      }),
    );
    const color = chi.drift.find((d) => d.feature === 'color');
    expect(color?.method).toBe('ChiSquared');
    expect(color?.value).toBeLessThan(1e-100); // scipy: 1.5748463944438842e-137
    expect(chi.violations.find((v) => v.feature_name === 'color')?.description).toMatch(
      /^Baseline drift chi-squared p-value: .+ is below threshold: 0\.1$/,
    );
  });

  it('reports data type, completeness and categorical values violations with SageMaker wording', async () => {
    const broken = window(1000, (i) => {
      const row = sameAsBaseline(i);
      if (i % 4 === 0) row[0] = `${i}.5`; // 75 % Integral
      if (i % 10 === 0) row[1] = ''; // 90 % complete
      if (i % 5 === 0) row[2] = 'z'; // 80 % inside the domain
      return row;
    });
    const { violations } = evaluateDataQuality(broken, await baseline());
    const byType = (type: string) => violations.filter((v) => v.constraint_check_type === type);
    expect(byType('data_type_check')).toEqual([
      {
        feature_name: 'age',
        constraint_check_type: 'data_type_check',
        description:
          'Data type match requirement is not met. Expected data type: Integral, Expected match: 100.0%. Observed: Only 75.0% of data is Integral.',
      },
    ]);
    expect(byType('completeness_check')).toEqual([
      {
        feature_name: 'score',
        constraint_check_type: 'completeness_check',
        description: 'Value: 0.9 does not meet the constraint requirement! ',
      },
    ]);
    expect(byType('categorical_values_check')).toEqual([
      {
        feature_name: 'color',
        constraint_check_type: 'categorical_values_check',
        description: 'Value: 0.8 does not meet the constraint requirement! ',
      },
    ]);
  });

  it('honours the thresholds of monitoring_config', async () => {
    const lenient = await baseline((c) => {
      c.monitoring_config.datatype_check_threshold = 0.7;
      c.monitoring_config.domain_content_threshold = 0.75;
    });
    const broken = window(1000, (i) => {
      const row = sameAsBaseline(i);
      if (i % 4 === 0) row[0] = `${i}.5`;
      if (i % 5 === 0) row[2] = 'z';
      return row;
    });
    const types = evaluateDataQuality(broken, lenient).violations.map((v) => v.constraint_check_type);
    expect(types).not.toContain('data_type_check');
    expect(types).not.toContain('categorical_values_check');
  });

  it('reports missing and extra columns by position, named as SageMaker names them', async () => {
    const short = window(100, (i) => sameAsBaseline(i).slice(0, 3));
    const missing = evaluateDataQuality(short, await baseline()).violations.filter(
      (v) => v.constraint_check_type === 'missing_column_check',
    );
    expect(missing.map((v) => v.feature_name)).toEqual(['flag']);
    expect(missing[0]?.description).toContain(
      'Number of columns in current dataset: 3, Number of columns in baseline constraints: 4',
    );
    const wide = window(100, (i) => [...sameAsBaseline(i), 'extra']);
    const extra = evaluateDataQuality(wide, await baseline());
    expect(extra.names).toEqual(['age', 'score', 'color', 'flag', '_c4']);
    expect(
      extra.violations
        .filter((v) => v.constraint_check_type === 'extra_column_check')
        .map((v) => v.feature_name),
    ).toEqual(['_c4']);
  });

  it('skips constraint checks when evaluate_constraints is Disabled, drift when perform_comparison is', async () => {
    const broken = window(1000, (i) => {
      const row = sameAsBaseline(i);
      row[0] = `${i + 500}.5`;
      return row;
    });
    const noConstraints = await baseline((c) => {
      c.monitoring_config.evaluate_constraints = 'Disabled';
    });
    expect(evaluateDataQuality(broken, noConstraints).violations.map((v) => v.constraint_check_type)).toEqual(
      ['baseline_drift_check'],
    );
    const noDrift = await baseline((c) => {
      c.monitoring_config.distribution_constraints.perform_comparison = 'Disabled';
    });
    const evaluation = evaluateDataQuality(broken, noDrift);
    expect(evaluation.drift).toEqual([]);
    expect(evaluation.violations.map((v) => v.constraint_check_type)).toEqual(['data_type_check']);
  });

  it('emits SageMaker metric names with Endpoint and MonitoringSchedule dimensions', async () => {
    const profile = window(1000, (i) => {
      const row = sameAsBaseline(i);
      if (i % 10 === 0) row[1] = '';
      return row;
    });
    const evaluation = evaluateDataQuality(profile, await baseline());
    const timestamp = new Date('2024-05-01T13:00:00Z');
    const metrics = dataQualityMetrics(profile, evaluation.names, evaluation.drift, {
      namespace: 'aws/sagemaker/Endpoints/data-metrics',
      endpoint: 'ep',
      monitoringSchedule: 'ep-data-quality',
      timestamp,
    });
    const value = (name: string) => metrics.find((m) => m.name === name)?.value;
    expect(value('feature_non_null_score')).toBe(900);
    expect(value('feature_null_score')).toBe(100);
    expect(value('feature_completeness_score')).toBe(0.9);
    expect(value('feature_integral_counts_age')).toBe(1000);
    expect(value('feature_string_counts_color')).toBe(1000);
    expect(value('feature_estimated_unique_values_color')).toBe(3);
    // age is 0..999 in every row: 1 000 values summing to 999 · 1 000 / 2.
    const data = (name: string) => metrics.find((m) => m.name === name);
    expect(data('feature_data_age')).toMatchObject({
      value: 499.5,
      statistics: { sampleCount: 1000, sum: 499500, minimum: 0, maximum: 999 },
      unit: 'None',
    });
    // score is i + 0.5, missing when i is a multiple of 10: 900 values; the i sum to
    // 499 500 - 10 · (0 + 1 + … + 99) = 450 000, plus 900 halves.
    expect(data('feature_data_score')).toMatchObject({
      value: 500.5,
      statistics: { sampleCount: 900, sum: 450450, minimum: 1.5, maximum: 999.5 },
    });
    expect(value('feature_baseline_drift_age')).toBe(0);
    expect(value('feature_data_color')).toBeUndefined();
    for (const m of metrics) {
      expect(m.dimensions).toEqual({ Endpoint: 'ep', MonitoringSchedule: 'ep-data-quality' });
      expect(m.namespace).toBe('aws/sagemaker/Endpoints/data-metrics');
      expect(m.timestamp).toBe(timestamp);
    }
  });
});
