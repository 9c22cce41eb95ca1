import { silentLog } from '@vigil/core';
import {
  captureObjectsIn,
  createDataQualityBaseline,
  dataQualityMetrics,
  evaluateDataQuality,
  IssueTally,
  parseConstraintsFile,
  parseStatisticsFile,
  profileCaptureObject,
  profileCaptureObjects,
  statisticsFromProfile,
} from '@vigil/core/dataquality';
import { toJacksonJson } from '@vigil/core/json';
import { type Profile, ProfileBuilder, parseProfile, serializeProfile } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** Baseline x = 1..100 (Integral), compared with LInfinity Simple so that the distance is exact. */
async function baseline(rows: string[] = Array.from({ length: 100 }, (_, i) => String(i + 1))) {
  const files = await createDataQualityBaseline(once(`x\n${rows.join('\n')}\n`), {
    format: 'csv',
    header: true,
  });
  const constraints = JSON.parse(files.constraints);
  constraints.monitoring_config.distribution_constraints.comparison_method = 'Simple';
  return {
    files,
    statistics: parseStatisticsFile(files.statistics),
    constraints: parseConstraintsFile(JSON.stringify(constraints)),
  };
}

function windowOf(values: readonly string[]): Profile {
  const builder = new ProfileBuilder();
  for (const v of values) builder.addRow([v]);
  return builder.build();
}

/** 51..150: against 1..100, the empirical CDFs differ by exactly 0.5 at 50 (0.5 vs 0). */
const shifted = Array.from({ length: 100 }, (_, i) => String(i + 51));
const NON_FINITE_TEXTS = [
  'NaN',
  'nan',
  'inf',
  '-inf',
  'Infinity',
  '-Infinity',
  '+Infinity',
  '1e400',
  '9'.repeat(400),
];

describe('non-finite numbers', () => {
  it('never make a numeric column String, stay out of the statistics and count against completeness', () => {
    const profile = windowOf([...shifted, ...NON_FINITE_TEXTS]);
    const column = profile.columns[0];
    expect(column?.inferredType).toBe('Integral');
    expect(column?.nonFinite).toBe(NON_FINITE_TEXTS.length);
    expect(column?.present).toBe(100);
    expect(column?.moments.count).toBe(100);
    expect([column?.moments.min, column?.moments.max, column?.moments.sum]).toEqual([51, 150, 10050]);
    expect(column?.kll.totalWeight()).toBe(100);
    const stats = JSON.parse(toJacksonJson(statisticsFromProfile(profile)));
    const numeric = stats.features[0].numerical_statistics;
    expect(numeric.common).toEqual({ num_present: 100, num_missing: NON_FINITE_TEXTS.length });
    expect(numeric.completeness).toBe(100 / (100 + NON_FINITE_TEXTS.length));
    expect(numeric.max).toBe(150);
  });

  it('keep a numeric column’s drift: LInfinity 0.5 with or without NaN and overflow in the window', async () => {
    const base = await baseline();
    const clean = evaluateDataQuality(windowOf(shifted), base);
    const dirty = evaluateDataQuality(windowOf([...NON_FINITE_TEXTS, ...shifted, 'NaN']), base);
    for (const evaluation of [clean, dirty]) {
      expect(evaluation.drift.map((d) => [d.feature, d.method, d.value, d.violated])).toEqual([
        ['x', 'Simple', 0.5, true],
      ]);
      expect(evaluation.violations.map((v) => v.constraint_check_type)).not.toContain('data_type_check');
    }
    // Ten non-finite values among 110 make the window 100/110 complete, below the baseline's 1.0.
    expect(dirty.violations.map((v) => v.constraint_check_type)).toEqual([
      'completeness_check',
      'baseline_drift_check',
    ]);
  });

  it('one overflowing value in 200 records leaves the drift check in place', async () => {
    const base = await baseline();
    const values = Array.from({ length: 200 }, (_, i) => String(51 + (i % 100)));
    const withOverflow = [...values.slice(0, 199), '9'.repeat(400)];
    const expected = evaluateDataQuality(windowOf(values.slice(0, 199)), base).drift;
    const drift = evaluateDataQuality(windowOf(withOverflow), base).drift;
    expect(drift).toHaveLength(1);
    expect(drift[0]?.value).toBe(expected[0]?.value);
    expect(drift[0]?.violated).toBe(true);
    // The metrics stay finite: no Sum 0 or Maximum -2.3e108 from an infinite value.
    const target = { namespace: 'ns', endpoint: 'ep', monitoringSchedule: 's', timestamp: new Date(0) };
    const data = dataQualityMetrics(windowOf(withOverflow), ['x'], drift, target).find(
      (m) => m.name === 'feature_data_x',
    );
    const sum = values.slice(0, 199).reduce((a, b) => a + Number(b), 0);
    expect(data?.statistics).toEqual({ sampleCount: 199, sum, minimum: 51, maximum: 150 });
  });

  it('one overflowing training row leaves later runs’ drift in place', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => String((i % 100) + 1));
    rows[500] = '9'.repeat(400);
    const base = await baseline(rows);
    const stats = JSON.parse(base.files.statistics);
    expect(stats.features[0].inferred_type).toBe('Integral');
    expect(stats.features[0].numerical_statistics.max).toBe(100);
    expect(base.files.statistics).not.toMatch(/Infinity|NaN/);
    const drift = evaluateDataQuality(windowOf(shifted), base).drift;
    expect(drift.map((d) => d.feature)).toEqual(['x']);
    expect(drift[0]?.value).toBeCloseTo(0.5, 2);
  });

  it('count a JSON number that overflowed (JSON.parse gives Infinity) as non-finite', () => {
    const builder = new ProfileBuilder();
    for (const row of JSON.parse('[[1e400], [-1e400], [2.5], [3]]') as number[][]) builder.addRow(row);
    const column = builder.build().columns[0];
    expect([column?.nonFinite, column?.present, column?.moments.max]).toEqual([2, 2, 3]);
    expect(column?.inferredType).toBe('Fractional');
  });

  it("count NaN and ±Infinity in JSON as Python's json.dumps writes them, baseline and capture alike", async () => {
    // json.dumps({"x": float("nan")}) is '{"x": NaN}': the row is kept, x counted non-finite.
    const lines = [
      '{"x": NaN, "y": 1}',
      '{"x": Infinity, "y": 2}',
      '{"x": -Infinity, "y": 3}',
      '{"x": 2.5, "y": 4}',
    ];
    const files = await createDataQualityBaseline(once(`${lines.join('\n')}\n`), {
      format: 'jsonl',
      header: false,
    });
    const x = parseStatisticsFile(files.statistics).features.find((f) => f.name === 'x');
    expect(x?.inferred_type).toBe('Fractional');
    expect(x?.numerical_statistics?.common).toEqual({ num_present: 1, num_missing: 3 });
    expect(JSON.parse(files.statistics).dataset.item_count).toBe(4);

    const store = new MemoryStore();
    const key = 'capture/ep/AllTraffic/2024/05/01/12/a.jsonl';
    const capture = (data: string) =>
      JSON.stringify({
        captureData: {
          endpointInput: { observedContentType: 'application/json', mode: 'INPUT', data, encoding: 'JSON' },
        },
        eventMetadata: { eventId: 'e', inferenceTime: '2024-05-01T12:00:00Z' },
        eventVersion: '0',
      });
    await store.put(key, `${['[NaN, 1]', '[Infinity, 2]', '[0.5, 3]'].map(capture).join('\n')}\n`);
    const tally = new IssueTally();
    const profile = await profileCaptureObjects(await captureObjectsIn([{ store, key }]), {
      outputColumns: 'START',
      tally,
    });
    expect(tally.total).toBe(0);
    expect(profile.itemCount).toBe(3);
    expect([profile.columns[0]?.nonFinite, profile.columns[0]?.present]).toEqual([2, 1]);
    expect(profile.columns[0]?.inferredType).toBe('Fractional');
  });

  it('round-trip through a stored profile: the Lambda path (stored, merged) equals the CLI path', async () => {
    const store = new MemoryStore();
    const key = 'capture/ep/AllTraffic/2024/05/01/12/a.jsonl';
    const lines = ['1.5,NaN', '2.5,inf', '-1e400,3', `${'9'.repeat(400)},4`, '3.5,-Infinity', '4.5,5'].map(
      (data, i) =>
        JSON.stringify({
          captureData: {
            endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data, encoding: 'CSV' },
          },
          eventMetadata: { eventId: `e${i}`, inferenceTime: '2024-05-01T12:10:00Z' },
          eventVersion: '0',
        }),
    );
    await store.put(key, `${lines.join('\n')}\n`);
    const stored = await profileCaptureObject({ store, log: silentLog }, { key, writeExtract: false });
    const fromStore = parseProfile(new TextDecoder().decode(await store.get(stored.profileKey)));
    const direct = await profileCaptureObjects(await captureObjectsIn([{ store, key }]), {
      outputColumns: 'START',
      tally: new IssueTally(),
    });
    expect(fromStore.columns.map((c) => c.nonFinite)).toEqual([2, 3]);
    expect(fromStore.columns.map((c) => c.nonFinite)).toEqual(direct.columns.map((c) => c.nonFinite));
    expect(toJacksonJson(statisticsFromProfile(fromStore))).toBe(
      toJacksonJson(statisticsFromProfile(direct)),
    );
    const stats = JSON.parse(toJacksonJson(statisticsFromProfile(fromStore)));
    expect(
      stats.features.map((f: { numerical_statistics: { sum: number } }) => f.numerical_statistics.sum),
    ).toEqual([12, 12]);
  });

  it('round-trip a sum that overflowed although every value is finite', () => {
    const profile = windowOf(['1.7e308', '1.7e308', '-1']);
    const column = profile.columns[0];
    expect(column?.moments.sum).toBe(Number.POSITIVE_INFINITY);
    const text = serializeProfile(profile);
    expect(text).not.toContain('null');
    const back = parseProfile(text).columns[0];
    expect(back?.moments).toEqual(column?.moments);
    expect(back?.nonFinite).toBe(0);
  });
});
