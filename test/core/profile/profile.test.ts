import {
  type ColumnProfile,
  mergeProfiles,
  type Profile,
  ProfileBuilder,
  parseOwnProfile,
  parseProfile,
  populationStdDev,
  type RowValue,
  serializeProfile,
} from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

/** Deterministic mixed rows: a fractional, an integral, a categorical and a sparse column. */
function rows(n: number, seed = 1): RowValue[][] {
  let x = seed;
  const next = () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
  return Array.from({ length: n }, (_, i) => [
    (next() * 100 - 20).toFixed(3),
    String(Math.floor(next() * 50)),
    ['red', 'green', 'blue', 'teal'][Math.floor(next() * 4)] as string,
    i % 7 === 0 ? '' : next() > 0.5 ? 1.5 : 2,
  ]);
}

const profileOf = (data: RowValue[][]): Profile => {
  const builder = new ProfileBuilder();
  for (const row of data) builder.addRow(row);
  return builder.build();
};

function expectSameColumn(actual: ColumnProfile, expected: ColumnProfile): void {
  expect(actual.typeCounts).toEqual(expected.typeCounts);
  expect(actual.moments.count).toBe(expected.moments.count);
  expect(actual.moments.min).toBe(expected.moments.min);
  expect(actual.moments.max).toBe(expected.moments.max);
  if (expected.moments.count > 0) {
    expect(Math.abs(actual.moments.sum - expected.moments.sum)).toBeLessThanOrEqual(
      1e-9 * Math.abs(expected.moments.sum),
    );
    const sd = populationStdDev(expected.moments);
    expect(Math.abs(populationStdDev(actual.moments) - sd)).toBeLessThanOrEqual(1e-9 * sd);
  }
  expect(actual.hll.registers).toEqual(expected.hll.registers);
  expect(actual.frequencies ? [...actual.frequencies].sort() : undefined).toEqual(
    expected.frequencies ? [...expected.frequencies].sort() : undefined,
  );
  // Sketches: same total weight as rows sketched, ranks within the KLL error bound.
  const n = expected.moments.count;
  expect(Math.abs(actual.kll.totalWeight() - n)).toBeLessThanOrEqual(Math.max(1, n * 0.01));
  for (const q of [expected.moments.min, 0, 10, 50]) {
    expect(Math.abs(actual.kll.rank(q) - expected.kll.rank(q))).toBeLessThanOrEqual(Math.max(1, n * 0.02));
  }
}

describe('ProfileBuilder', () => {
  it('profiles types, missing values, moments and frequencies', () => {
    const profile = profileOf([
      ['1', '3.5', 'a', true],
      ['2', '', 'b', false],
      ['x', null, 'a', true],
    ]);
    const [c0, c1, c2, c3] = profile.columns as [ColumnProfile, ColumnProfile, ColumnProfile, ColumnProfile];
    expect(profile.itemCount).toBe(3);
    expect(c0.typeCounts).toEqual({ missing: 0, fractional: 0, integral: 2, boolean: 0, string: 1 });
    expect(c0.inferredType).toBe('String');
    expect(c1.inferredType).toBe('Fractional');
    expect(c1.missing).toBe(2);
    expect(c1.moments.sum).toBe(3.5);
    expect(c2.frequencies).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    );
    expect(c3.inferredType).toBe('Boolean');
    expect(c0.name).toBe('_c0');
  });

  it('counts absent trailing columns as missing and backfills new columns', () => {
    const builder = new ProfileBuilder(['a', 'b']);
    builder.addRow(['1']);
    builder.addRow(['1', '2', '3']);
    const profile = builder.build();
    expect(profile.columns.map((c) => c.name)).toEqual(['a', 'b', '_c2']);
    expect(profile.columns.map((c) => c.missing)).toEqual([0, 1, 1]);
    // Which width is right is the baseline's to say: the profile keeps how many rows had each.
    expect(profile.rowWidths).toEqual(
      new Map([
        [1, 1],
        [3, 1],
      ]),
    );
  });

  it('drops the frequency table past 120 distinct values', () => {
    const profile = profileOf(Array.from({ length: 121 }, (_, i) => [`v${i}`]));
    expect(profile.columns[0]?.frequencies).toBeUndefined();
    expect(profileOf(Array.from({ length: 120 }, (_, i) => [`v${i}`])).columns[0]?.frequencies?.size).toBe(
      120,
    );
  });
});

describe('mergeProfiles', () => {
  const data = rows(12_000);
  const whole = profileOf(data);

  it('merging the profiles of parts matches the profile of the whole', () => {
    const parts = [0, 1, 2500, 2501, 9000, 12_000];
    let merged: Profile = profileOf([]);
    for (let i = 0; i + 1 < parts.length; i++)
      merged = mergeProfiles(merged, profileOf(data.slice(parts[i], parts[i + 1])));
    expect(merged.itemCount).toBe(whole.itemCount);
    for (const [i, c] of merged.columns.entries()) expectSameColumn(c, whole.columns[i] as ColumnProfile);
  });

  it('is associative and commutative within the bounds', () => {
    const [a, b, c] = [
      profileOf(data.slice(0, 3000)),
      profileOf(data.slice(3000, 7000)),
      profileOf(data.slice(7000)),
    ];
    const left = mergeProfiles(mergeProfiles(a, b), c);
    const right = mergeProfiles(a, mergeProfiles(c, b));
    for (const [i, col] of left.columns.entries()) expectSameColumn(col, right.columns[i] as ColumnProfile);
  });

  it('treats a column one side lacks as missing for its rows', () => {
    const narrow = profileOf([['1'], ['2']]);
    const wide = profileOf([['3', 'x']]);
    const merged = mergeProfiles(narrow, wide);
    expect(merged.columns[1]?.missing).toBe(2);
    expect(merged.columns[1]?.present).toBe(1);
    expect(mergeProfiles(wide, narrow).columns[1]?.missing).toBe(2);
  });

  it('round-trips through JSON unchanged', () => {
    const copy = parseProfile(serializeProfile(whole));
    expect(copy.itemCount).toBe(whole.itemCount);
    copy.columns.forEach((c, i) => {
      const original = whole.columns[i] as ColumnProfile;
      expect(c.moments).toEqual(original.moments);
      expect(c.kll.toJSON()).toEqual(original.kll.toJSON());
      expectSameColumn(c, original);
    });
    expect(() => parseProfile('{"format":"other"}')).toThrow(/Not a Vigil profile/);
    expect(() => parseProfile('{')).toThrow(/not valid JSON/);
  });

  it('reads its own serialized text without the schema check into the same profile', () => {
    const text = serializeProfile(whole);
    const own = parseOwnProfile(text);
    expect(serializeProfile(own)).toBe(serializeProfile(parseProfile(text)));
    for (const [i, c] of own.columns.entries()) expectSameColumn(c, whole.columns[i] as ColumnProfile);
  });
});
