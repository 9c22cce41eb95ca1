import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toJacksonJson } from '@vigil/core';
import {
  createDataQualityBaseline,
  evaluateDataQuality,
  IssueTally,
  parseConstraintsFile,
  parseStatisticsFile,
  profileCaptureChunks,
  profileDataset,
  statisticsFromProfile,
  violationsFile,
} from '@vigil/core/dataquality';
import { ProfileBuilder } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

const fixtures = fileURLToPath(new URL('../../../../shared/fixtures/sagemaker/', import.meta.url));
const read = (path: string) => readFileSync(`${fixtures}${path}`, 'utf8');
async function* chunksOf(text: string, size = 97): AsyncIterable<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

type StatisticsJson = {
  dataset: unknown;
  features: { name: string; inferred_type: string; numerical_statistics: Record<string, number> }[];
};

describe('dq-sdk-pipeline: baseline_dataset.csv → the real statistics.json', () => {
  const csv = read('dq-sdk-pipeline/baseline_dataset.csv');
  const real = read('dq-sdk-pipeline/statistics.json');

  it('is byte-identical with the legacy field set (the 2021 analyzer wrote no completeness fields)', async () => {
    const { profile, names } = await profileDataset(
      chunksOf(csv),
      { format: 'csv', header: false },
      new IssueTally(),
    );
    expect(toJacksonJson(statisticsFromProfile(profile, names, { fieldSet: 'legacy' }))).toBe(real);
  });

  it('matches every field with the current field set: counts exactly, moments to 1e-9, KLL exactly', async () => {
    const files = await createDataQualityBaseline(chunksOf(csv), { format: 'csv', header: false });
    const ours = JSON.parse(files.statistics) as StatisticsJson;
    const theirs = JSON.parse(real) as StatisticsJson;
    expect(ours.dataset).toEqual(theirs.dataset);
    expect(ours.features).toHaveLength(6);
    ours.features.forEach((f, i) => {
      const t = theirs.features[i] as StatisticsJson['features'][number];
      expect(f.name).toBe(t.name);
      expect(f.inferred_type).toBe('Fractional');
      const a = f.numerical_statistics;
      const b = t.numerical_statistics;
      expect(a.common).toEqual(b.common);
      for (const key of ['mean', 'sum', 'std_dev', 'min', 'max']) {
        expect(Math.abs((a[key] as number) - (b[key] as number))).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(b[key] as number)),
        );
      }
      expect(a.distribution).toEqual(b.distribution);
      expect(a.completeness).toBe(1);
      expect(a.approximate_num_distinct_values).toBe(
        new Set(
          csv
            .trim()
            .split('\n')
            .map((l) => l.split(',')[i]),
        ).size,
      );
      expect(Object.keys(a)).toEqual([
        'common',
        'mean',
        'sum',
        'std_dev',
        'min',
        'max',
        'approximate_num_distinct_values',
        'completeness',
        'distribution',
      ]);
    });
    expect(files.statistics).toMatch(/"approximate_num_distinct_values" : \d+,\n/);
  });

  it('suggests constraints as real suggested files have them', async () => {
    const files = await createDataQualityBaseline(chunksOf(csv), { format: 'csv', header: false });
    const constraints = JSON.parse(files.constraints);
    expect(constraints.features[0]).toEqual({
      name: '_c0',
      inferred_type: 'Fractional',
      completeness: 1,
      num_constraints: { is_non_negative: true },
    });
    // monitoring_config is byte-identical to the real AAI540 suggestion.
    const realMonitoring = read('dq-baseline-aai540/constraints.json').split('"monitoring_config" : ')[1];
    expect(files.constraints.split('"monitoring_config" : ')[1]).toBe(realMonitoring);
  });
});

describe('dq-baseline-aai540: a SageMaker baseline reads unchanged', () => {
  const statistics = parseStatisticsFile(read('dq-baseline-aai540/statistics.json'));
  const constraints = parseConstraintsFile(read('dq-baseline-aai540/constraints.json'));

  it('reads every feature, field set and sketch level', () => {
    expect(statistics.features.map((f) => f.name)).toEqual(constraints.features.map((f) => f.name));
    expect(
      statistics.features.find((f) => f.name === 'state')?.string_statistics?.distribution?.categorical
        ?.buckets,
    ).toHaveLength(54);
    expect(constraints.features.find((f) => f.name === 'state')?.string_constraints?.domains).toHaveLength(
      54,
    );
    expect(constraints.monitoring_config?.distribution_constraints?.categorical_drift_method).toBe(
      'LInfinity',
    );
  });

  it('checks a window drawn from its own distributions without violations', () => {
    // Rebuild a window from the baseline itself: categorical values from the buckets, numbers from
    // the sketch items (weighted), so nothing drifts and every check has data.
    const rows: string[][] = [];
    const features = statistics.features;
    const columns = features.map((f) => {
      const buckets = f.string_statistics?.distribution?.categorical?.buckets;
      if (buckets) return buckets.flatMap((b) => Array<string>(b.count).fill(b.value));
      const data = f.numerical_statistics?.distribution?.kll?.sketch?.data;
      // Numbers as the CSV text SageMaker saw: "3.0" for a Fractional feature, "1" for an Integral one.
      const asText = (x: number) =>
        f.inferred_type === 'Fractional' && Number.isInteger(x) ? `${x}.0` : String(x);
      if (data)
        return data.flatMap((items, h) => items.flatMap((x) => Array<string>(2 ** h).fill(asText(x))));
      return Array.from({ length: 23432 }, (_, i) => `${f.name}-${i}`);
    });
    for (let r = 0; r < 23432; r++)
      rows.push(columns.map((values) => values[(r * 7919) % values.length] as string));
    const builder = new ProfileBuilder();
    for (const row of rows) builder.addRow(row);
    const evaluation = evaluateDataQuality(builder.build(), { statistics, constraints });
    expect(evaluation.names).toEqual(features.map((f) => f.name));
    expect(evaluation.violations).toEqual([]);
    expect(evaluation.drift.map((d) => d.feature)).toEqual(
      expect.arrayContaining([
        'price',
        'bedrooms',
        'state',
        'county',
        'event_time',
        'above_avg_price_per_sqft',
      ]),
    );
    for (const d of evaluation.drift) expect(d.value).toBeLessThan(0.05);
  });
});

describe('dq-violations-packt: constraint_violations.json', () => {
  // The Packt run: a Boston-housing baseline with the label last (13 columns) and the capture's
  // 12 inputs plus the prediction placed first (output_columns_position START), so every value
  // sits one column to the right of its feature.
  const names = [
    'crim',
    'zn',
    'indus',
    'chas',
    'nox',
    'rm',
    'age',
    'dis',
    'rad',
    'tax',
    'ptratio',
    'lstat',
    'medv',
  ];
  const integral = new Set(['chas', 'rad']);
  const constraints = parseConstraintsFile(
    JSON.stringify({
      version: 0,
      features: names.map((name) => ({
        name,
        inferred_type: integral.has(name) ? 'Integral' : 'Fractional',
        completeness: 1,
        num_constraints: { is_non_negative: true },
      })),
    }),
  );

  it('finds exactly the real violations in the real capture file', async () => {
    const key = 'capture-csv-packt/45-47-410-519762dc-1394-44c0-985a-957129a9c5e1.jsonl';
    const builder = new ProfileBuilder();
    await profileCaptureChunks(chunksOf(read(key)), key, builder, {
      outputColumns: 'START',
      tally: new IssueTally(),
    });
    const { violations } = evaluateDataQuality(builder.build(), { constraints });
    const real = JSON.parse(read('dq-violations-packt/constraint_violations.json')).violations;
    // SageMaker lists them in its hash order (tax, nox, rad, chas); Vigil in baseline order.
    expect(violations.map((v) => v.feature_name)).toEqual(['chas', 'nox', 'rad', 'tax']);
    const byName = (list: { feature_name: string }[]) =>
      [...list].sort((a, b) => a.feature_name.localeCompare(b.feature_name));
    expect(byName(violations)).toEqual(byName(real));
    const inRealOrder = real.map((r: { feature_name: string }) =>
      violations.find((v) => v.feature_name === r.feature_name),
    );
    expect(toJacksonJson(violationsFile(inRealOrder))).toBe(
      read('dq-violations-packt/constraint_violations.json'),
    );
  });
});
